/**
 * Fixtures of the activities page tests: a fake API behind `fetch` (routes answered from a table, calls recorded,
 * CSV bodies kept as text), a signed-in member, an event as the API answers it, and a page under its real route.
 */
import { Notifications } from '@mantine/notifications';
import { ReactElement } from 'react';
import { Route, Routes } from 'react-router';
import { vi } from 'vitest';
import type { EventProgressResponse, EventResponse } from '../../api/generated/model';
import { AuthProvider } from '../../auth/AuthProvider';
import { Language } from '../../i18n';
import { renderWithProviders } from '../../test/render';
import { jsonResponse, stubDocumentFonts } from '../admin/parts/testing';

export { jsonResponse };

export const MEMBER = '01a24f76-c473-7c1a-9fba-ca037515b87e';
export const EVENT = '01b0e000-0000-7000-8000-000000000001';
export const SESSION_1 = '01b0e000-0000-7000-8000-0000000000a1';
export const SESSION_2 = '01b0e000-0000-7000-8000-0000000000a2';

export interface Call {
  method: string;
  url: string;
  body: unknown;
}
type Handler = (call: Call) => Response | Promise<Response>;

/** Replaces `fetch`: `routes` maps "METHOD /path?query" (or "METHOD /path") to an answer; anything else is 404. */
export function fakeApi(routes: Record<string, Handler>, signedIn = true) {
  stubDocumentFonts();
  const calls: Call[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: string, init?: RequestInit) => {
      const method = init?.method ?? 'GET';
      let body: unknown = init?.body;
      if (typeof body === 'string') {
        try {
          body = JSON.parse(body) as unknown;
        } catch {
          // a CSV: kept as text
        }
      }
      const call = { method, url: input, body };
      calls.push(call);
      if (input.endsWith('/auth/refresh'))
        return signedIn ? jsonResponse({ accessToken: 'token' }) : jsonResponse({ status: 401 }, 401);
      if (input === '/api/v1/me' && signedIn)
        return jsonResponse({
          id: MEMBER,
          displayName: 'ครูสมใจ ใฝ่เรียนรู้',
          memberKind: 'teacher',
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

export function problem(status: number, code: string, detail: string): Response {
  return jsonResponse({ status, code, title: detail, detail }, status);
}

/** A two-session Learning Talk on 7 Dec 2026, 09:00–12:00 and 13:00–16:00 Bangkok, 50 seats with a waitlist. */
export function anEvent(overrides: Partial<EventResponse> = {}): EventResponse {
  return {
    id: EVENT,
    kind: 'learning_talk',
    kindLabel: { th: 'Learning Talk', en: 'Learning Talk' },
    title: 'Active Learning ในห้องเรียนคณิตศาสตร์',
    description: 'แลกเปลี่ยนการจัดการเรียนรู้เชิงรุก',
    organiser: { type: 'area', id: 'area-1', th: 'สพป.กระบี่', en: 'Krabi Primary Educational Service Area' },
    areaId: 'area-1',
    sessions: [
      {
        id: SESSION_1,
        position: 1,
        title: 'ช่วงเช้า: บรรยาย',
        startsAt: '2026-12-07T02:00:00Z',
        endsAt: '2026-12-07T05:00:00Z',
        minutes: 180,
        mode: 'online',
        joinUrl: null,
        venue: null,
        checkpoints: 2,
      },
      {
        id: SESSION_2,
        position: 2,
        title: 'ช่วงบ่าย: ฝึกปฏิบัติ',
        startsAt: '2026-12-07T06:00:00Z',
        endsAt: '2026-12-07T09:00:00Z',
        minutes: 180,
        mode: 'onsite',
        joinUrl: null,
        venue: 'ห้องประชุม สพป.กระบี่',
        checkpoints: 1,
      },
    ],
    capacity: 50,
    waitlist: true,
    registeredCount: 38,
    waitlistedCount: 0,
    seatsLeft: 12,
    registrationOpensAt: '2026-11-01T00:00:00Z',
    registrationClosesAt: '2026-12-06T17:00:00Z',
    registrationOpen: true,
    startsAt: '2026-12-07T02:00:00Z',
    endsAt: '2026-12-07T09:00:00Z',
    status: 'scheduled',
    phase: 'upcoming',
    completion: { rule: 'min_share', minShare: 0.8, evaluationRequired: true },
    certificate: { issueAfterDays: 7, signatoryName: 'นายสมชาย ใจดี', signatoryTitle: 'ผู้อำนวยการ สพป.กระบี่' },
    activityPlanId: null,
    me: { registration: null, organiser: false },
    ...overrides,
  };
}

export function aProgress(overrides: Partial<EventProgressResponse> = {}): EventProgressResponse {
  return {
    attendedSessions: 1,
    sessions: [
      { id: SESSION_1, attended: true, minutes: 180 },
      { id: SESSION_2, attended: false, minutes: 0 },
    ],
    attendedMinutes: 180,
    totalMinutes: 360,
    share: 0.5,
    evaluated: false,
    completed: false,
    final: false,
    missing: [{ code: 'share', requiredMinutes: 288, attendedMinutes: 180 }, { code: 'evaluation' }],
    ...overrides,
  };
}
