/**
 * Fixtures of the growth page tests: a fake API behind `fetch` (routes answered from a table, calls recorded), a
 * signed-in or signed-out session, and rendering a page under its real route so `useParams` sees the id.
 */
import { Notifications } from '@mantine/notifications';
import { ReactElement } from 'react';
import { Route, Routes } from 'react-router';
import { vi } from 'vitest';
import type { BadgeAwardResponse, BadgeResponse, DevelopmentPlanResponse } from '../../api/generated/model';
import { AuthProvider } from '../../auth/AuthProvider';
import { Language } from '../../i18n';
import { renderWithProviders } from '../../test/render';
import { jsonResponse, stubDocumentFonts } from '../admin/parts/testing';

export const TEACHER = '01a24f76-c473-7c1a-9fba-ca037515b87e';
export const DIRECTOR = '01a24f76-c993-7cfa-a645-f33c3e8a80f4';

export interface Call {
  method: string;
  url: string;
  body: unknown;
}
type Handler = (call: Call) => Response | Promise<Response>;

/** Replaces `fetch`: `routes` maps "METHOD /path?query" (or "METHOD /path") to an answer; anything else is 404. */
export function fakeApi(
  routes: Record<string, Handler>,
  session: { id: string; memberKind?: string } | null,
) {
  stubDocumentFonts();
  const calls: Call[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: string, init?: RequestInit) => {
      const method = init?.method ?? 'GET';
      const body = init?.body ? (JSON.parse(String(init.body)) as unknown) : undefined;
      const call = { method, url: input, body };
      calls.push(call);
      if (input.endsWith('/auth/refresh'))
        return session ? jsonResponse({ accessToken: 'token' }) : jsonResponse({ status: 401 }, 401);
      if (input === '/api/v1/me' && session)
        return jsonResponse({
          id: session.id,
          displayName: session.id === TEACHER ? 'ครูสมใจ ใฝ่เรียนรู้' : 'ผอ.ประเสริฐ ศรีสมบูรณ์',
          memberKind: session.memberKind ?? 'teacher',
          level: 'practitioner',
          roles: [],
          learningAreas: [],
        });
      const handler = routes[`${method} ${input}`] ?? routes[`${method} ${input.split('?')[0]}`];
      if (handler) return handler(call);
      return jsonResponse({ status: 404, title: 'Not found', code: 'NOT_FOUND' }, 404);
    }),
  );
  return calls;
}

export function renderPage(path: string, route: string, page: ReactElement, language: Language = 'th') {
  return renderWithProviders(
    <AuthProvider>
      <Notifications />
      <Routes>
        <Route path={path} element={page} />
      </Routes>
    </AuthProvider>,
    { language, route },
  );
}

export function badge(code: string, th: string, en: string): BadgeResponse {
  return {
    code,
    th,
    en,
    description: { th: `คำอธิบาย ${th}`, en: `About ${en}` },
    criteria: { th: `เผยแพร่นวัตกรรมอย่างน้อย 1 ชิ้น (${th})`, en: `Publish at least one innovation (${en})` },
    criterion: 'innovations_published',
    required: 1,
    colour: '#0b7a75',
    active: true,
    image: `/api/v1/badges/${code}/image.svg`,
  };
}

export function award(overrides: Partial<BadgeAwardResponse> = {}): BadgeAwardResponse {
  return {
    id: 'award-1',
    badge: badge('first_innovation', 'นวัตกรรมชิ้นแรก', 'First innovation'),
    awardedAt: '2026-12-07T07:45:00Z',
    revoked: false,
    revokedReason: null,
    credentialId: 'cred-1',
    credentialUrl: 'http://localhost/api/v1/credentials/cred-1',
    ...overrides,
  };
}

export function plan(overrides: Partial<DevelopmentPlanResponse> = {}): DevelopmentPlanResponse {
  return {
    id: 'plan-1',
    member: { id: TEACHER, displayName: 'ครูสมใจ ใฝ่เรียนรู้' },
    fiscalYear: { year: 2570, th: 'ปีงบประมาณ 2570', en: 'Fiscal year 2570 BE (Oct 2026 – Sep 2027)' },
    title: 'แผนพัฒนาตนเอง 2570',
    showOnPortfolio: false,
    goals: [
      { competency: 'CBC-HT', th: 'การคิดขั้นสูง', en: 'Higher-order thinking', targetLevel: 4, note: null },
    ],
    activities: [
      { kind: 'other', refId: null, title: 'สังเกตชั้นเรียนเพื่อนครู', dueOn: '2027-05-30', done: false },
    ],
    progress: 35,
    checkIns: [
      { id: 'c1', progress: 35, reflection: 'นักเรียนกล้าตอบมากขึ้น', createdAt: '2026-12-07T07:54:00Z' },
    ],
    sharedWith: [],
    comments: [],
    createdAt: '2026-12-07T07:50:00Z',
    updatedAt: '2026-12-07T07:54:00Z',
    ...overrides,
  };
}

export { jsonResponse };
