/**
 * For the guest pages' component tests: a stand-in for `fetch` that answers by method and path, and remembers the
 * calls (with their parsed JSON bodies) so a test can check what was sent. Unknown routes answer 404.
 */
import { vi } from 'vitest';

export interface StubCall {
  method: string;
  path: string;
  url: string;
  headers: Headers;
  body: unknown;
}

type Answer = { status?: number; body?: unknown } | ((call: StubCall) => { status?: number; body?: unknown });

export function json(body: unknown, status = 200): Response {
  if (status === 204) return new Response(null, { status });
  const type = status >= 400 ? 'application/problem+json' : 'application/json';
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': type } });
}

/** `routes` keys are "METHOD /path" (the query string is ignored for matching). */
export function stubFetch(routes: Record<string, Answer>) {
  const calls: StubCall[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const method = (init?.method ?? 'GET').toUpperCase();
    const path = new URL(url, 'http://localhost').pathname;
    let body: unknown;
    if (typeof init?.body === 'string') {
      try {
        body = JSON.parse(init.body);
      } catch {
        body = init.body;
      }
    }
    const call: StubCall = { method, path, url, headers: new Headers(init?.headers), body };
    calls.push(call);
    const answer = routes[`${method} ${path}`];
    if (!answer) return json({ status: 404, title: 'Not Found' }, 404);
    const { status = 200, body: responseBody } = typeof answer === 'function' ? answer(call) : answer;
    return json(responseBody ?? {}, status);
  });
  vi.stubGlobal('fetch', fetchMock);
  return {
    calls,
    fetchMock,
    callsTo: (method: string, path: string) => calls.filter((c) => c.method === method && c.path === path),
  };
}

/** A minimal /me answer for a signed-in member. */
export function meBody(overrides: Record<string, unknown> = {}) {
  return {
    id: '01a24d32-0000-7000-8000-000000000001',
    displayName: 'ครูสมใจ',
    email: 'teacher@demo.local',
    emailVerified: true,
    roles: [{ role: 'member', scopeType: 'self', scopeId: null }],
    ...overrides,
  };
}
