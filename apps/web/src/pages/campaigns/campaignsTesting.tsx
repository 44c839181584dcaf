/**
 * Fixtures of the campaign page tests: a fake API behind `fetch` (routes answered from a table, calls recorded), a
 * signed-in member with the given role grants, a campaign as the API answers it, and pages under their real routes.
 */
import { Notifications } from '@mantine/notifications';
import { ReactElement } from 'react';
import { Route, Routes } from 'react-router';
import { vi } from 'vitest';
import type { CampaignResponse, MeResponse } from '../../api/generated/model';
import { AuthProvider } from '../../auth/AuthProvider';
import { Language } from '../../i18n';
import { renderWithProviders } from '../../test/render';
import { jsonResponse, stubDocumentFonts } from '../admin/parts/testing';

export { jsonResponse };

export const MEMBER = '01a24f76-c473-7c1a-9fba-ca037515b87e';
export const CAMPAIGN = '01c0e000-0000-7000-8000-000000000001';
export const AREA = '01a0a000-0000-7000-8000-0000000000a1';

export interface Call {
  method: string;
  url: string;
  body: unknown;
}
type Handler = (call: Call) => Response | Promise<Response>;

/** Replaces `fetch`: `routes` maps "METHOD /path?query" (or "METHOD /path") to an answer; anything else is 404. */
export function fakeApi(routes: Record<string, Handler>, roles: MeResponse['roles'] = []) {
  stubDocumentFonts();
  const calls: Call[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: string, init?: RequestInit) => {
      const method = init?.method ?? 'GET';
      const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : init?.body;
      const call = { method, url: input, body };
      calls.push(call);
      if (input.endsWith('/auth/refresh')) return jsonResponse({ accessToken: 'token' });
      if (input === '/api/v1/me')
        return jsonResponse({
          id: MEMBER,
          displayName: 'ครูสมใจ ใฝ่เรียนรู้',
          memberKind: 'teacher',
          level: 'practitioner',
          roles,
          learningAreas: [],
        });
      const handler = routes[`${method} ${input}`] ?? routes[`${method} ${input.split('?')[0]}`];
      if (handler) return handler(call);
      return jsonResponse({ status: 404, title: 'Not found', code: 'NOT_FOUND' }, 404);
    }),
  );
  return calls;
}

/** The campaign pages under their routes (as App.tsx mounts them), opened at `route`. */
export function renderCampaigns(
  route: string,
  pages: Record<string, ReactElement>,
  language: Language = 'th',
) {
  return renderWithProviders(
    <AuthProvider>
      <Notifications />
      <Routes>
        {Object.entries(pages).map(([path, page]) => (
          <Route key={path} path={path} element={page} />
        ))}
      </Routes>
    </AuthProvider>,
    { language, route },
  );
}

export function problem(status: number, code: string, detail: string, errors: unknown[] = []): Response {
  return jsonResponse({ status, code, title: detail, detail, errors }, status);
}

export function campaign(overrides: Partial<CampaignResponse> = {}): CampaignResponse {
  return {
    id: CAMPAIGN,
    title: { th: 'เผยแพร่นวัตกรรมวิทยาศาสตร์ 3 ชิ้น', en: 'Publish three science innovations' },
    description: {
      th: 'ชวนครูทุกคนแบ่งปันนวัตกรรมวิทยาศาสตร์ในเดือนธันวาคม',
      en: 'Every teacher shares a science innovation in December.',
    },
    scope: 'national',
    areaId: null,
    goal: 'publish_innovations',
    goalLabel: { th: 'เผยแพร่นวัตกรรม', en: 'Publish innovations' },
    learningArea: { code: 'SCI', th: 'วิทยาศาสตร์และเทคโนโลยี', en: 'Science and Technology' },
    target: 3,
    startsAt: '2026-12-01T02:00:00Z',
    endsAt: '2026-12-31T10:00:00Z',
    phase: 'running',
    bonusPoints: 20,
    badge: { code: 'science_sharer', th: 'นักแบ่งปันวิทยาศาสตร์', en: 'Science sharer' },
    me: { count: 1, target: 3, completed: false, completedAt: null, percent: 33 },
    ...overrides,
  };
}
