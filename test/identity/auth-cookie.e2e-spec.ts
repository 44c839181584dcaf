import request from 'supertest';
import { Given } from '../support/given';
import { createTestEnvironment, startTestApp, TestApp, TestEnvironment } from '../support/test-app';

const COOKIE = 'x-auth-transport';
/** REFRESH_TOKEN_TTL_DAYS (30 by default) in seconds. */
const MAX_AGE = 30 * 24 * 3600;

/** The one Set-Cookie header of an answer, or undefined. */
function setCookieOf(response: request.Response): string | undefined {
  const header = response.headers['set-cookie'] as string[] | string | undefined;
  if (header === undefined) return undefined;
  const all = Array.isArray(header) ? header : [header];
  expect(all).toHaveLength(1);
  return all[0];
}

/** The token of an `lc_refresh` Set-Cookie header that keeps the cookie (and has exactly the agreed attributes). */
function cookieToken(setCookie: string | undefined, secure = false): string {
  const match = /^lc_refresh=([A-Za-z0-9_-]{20,200}); (.*)$/.exec(setCookie ?? '');
  expect(match).not.toBeNull();
  expect(match![2]!.split('; ').sort()).toEqual(
    [
      `Max-Age=${MAX_AGE}`,
      'Path=/api/v1/auth',
      'HttpOnly',
      'SameSite=Strict',
      ...(secure ? ['Secure'] : []),
    ].sort(),
  );
  return match![1]!;
}

function expectCleared(setCookie: string | undefined): void {
  expect(setCookie).toBeDefined();
  expect(setCookie!.startsWith('lc_refresh=;')).toBe(true);
  expect(setCookie!.split('; ').slice(1).sort()).toEqual(
    ['Max-Age=0', 'Path=/api/v1/auth', 'HttpOnly', 'SameSite=Strict'].sort(),
  );
}

/** Browsers keep the refresh token in an HttpOnly cookie (`X-Auth-Transport: cookie`); API clients as before. */
describe('Refresh token in an HttpOnly cookie', () => {
  let environment: TestEnvironment;
  let api: TestApp;
  let given: Given;

  beforeAll(async () => {
    environment = await createTestEnvironment();
    api = await startTestApp(environment);
    given = new Given(api);
  });

  afterAll(async () => {
    await api?.close();
    await environment?.drop();
  });

  const login = (email: string, password: string, cookie = true) => {
    const call = request(api.url).post('/api/v1/auth/login');
    if (cookie) call.set(COOKIE, 'cookie');
    return call.send({ email, password });
  };
  const refreshWithCookie = (token: string) =>
    request(api.url)
      .post('/api/v1/auth/refresh')
      .set(COOKIE, 'cookie')
      .set('cookie', `theme=dark; lc_refresh=${token}; other=1`);
  const me = (accessToken: string) =>
    request(api.url).get('/api/v1/me').set('authorization', `Bearer ${accessToken}`);

  it('signs in with the token in the cookie only, refreshes from the cookie and rotates it, logs out clearing it', async () => {
    const member = await given.member();
    const signedIn = await login(member.email, member.password).expect(200);
    expect(signedIn.body.refreshToken).toBeUndefined();
    expect(signedIn.body.accessToken).toEqual(expect.any(String));
    expect(signedIn.body.user.id).toBe(member.id);
    const first = cookieToken(setCookieOf(signedIn));

    const refreshed = await refreshWithCookie(first).expect(200);
    expect(Object.keys(refreshed.body)).toEqual(['accessToken']);
    const second = cookieToken(setCookieOf(refreshed));
    expect(second).not.toBe(first);
    await me(refreshed.body.accessToken).expect(200);

    // The grace window works the same: the old cookie again at once gets the same pair.
    const retried = await refreshWithCookie(first).expect(200);
    expect(retried.body.accessToken).toBe(refreshed.body.accessToken);
    expect(cookieToken(setCookieOf(retried))).toBe(second);

    const third = cookieToken(setCookieOf(await refreshWithCookie(second).expect(200)));
    const loggedOut = await request(api.url)
      .post('/api/v1/auth/logout')
      .set(COOKIE, 'cookie')
      .set('authorization', `Bearer ${refreshed.body.accessToken}`)
      .expect(204);
    expectCleared(setCookieOf(loggedOut));
    expect((await me(refreshed.body.accessToken).expect(401)).body.code).toBe('AUTH_SESSION_ENDED');
    const after = await refreshWithCookie(third).expect(401);
    expect(after.body.code).toBe('AUTH_REFRESH_INVALID');
    expectCleared(setCookieOf(after));
  });

  it('detects reuse of a rotated cookie and revokes the session, dropping the cookie', async () => {
    const member = await given.member();
    const first = cookieToken(setCookieOf(await login(member.email, member.password).expect(200)));
    const second = cookieToken(setCookieOf(await refreshWithCookie(first).expect(200)));
    const third = await refreshWithCookie(second).expect(200);
    const reused = await refreshWithCookie(first).expect(401);
    expect(reused.body.code).toBe('AUTH_REFRESH_REUSED');
    expectCleared(setCookieOf(reused));
    expect((await me(third.body.accessToken).expect(401)).body.code).toBe('AUTH_SESSION_ENDED');
  });

  it('registers with the cookie too', async () => {
    const registered = await request(api.url)
      .post('/api/v1/auth/register')
      .set(COOKIE, 'cookie')
      .send({
        email: `cookie-${Date.now()}@example.test`,
        password: 'a-fine-password-1',
        displayName: 'ครูคุกกี้',
        memberKind: 'teacher',
        acceptTerms: true,
      })
      .expect(201);
    expect(registered.body.refreshToken).toBeUndefined();
    const token = cookieToken(setCookieOf(registered));
    await refreshWithCookie(token).expect(200);
  });

  it('refuses a cookie refresh without a usable cookie (401), never a 5xx', async () => {
    const bare = await request(api.url).post('/api/v1/auth/refresh').set(COOKIE, 'cookie').expect(401);
    expect(bare.body.code).toBe('AUTH_REFRESH_INVALID');
    for (const cookie of [
      'lc_refresh=',
      'lc_refresh="not a token"',
      `lc_refresh=${'y'.repeat(30)}%00`,
      `lc_refresh=${'x'.repeat(5000)}`,
      'lc_refresh',
      ';;;=',
    ]) {
      const response = await request(api.url)
        .post('/api/v1/auth/refresh')
        .set(COOKIE, 'cookie')
        .set('cookie', cookie);
      expect(response.status).toBe(401);
      expect(response.body.code).toBe('AUTH_REFRESH_INVALID');
    }
    // A token in the body is not taken in place of the cookie.
    const member = await given.member();
    await request(api.url)
      .post('/api/v1/auth/refresh')
      .set(COOKIE, 'cookie')
      .send({ refreshToken: member.refreshToken })
      .expect(401);
    await request(api.url).get('/api/v1/health/live').expect(200);
  });

  it('works as before without the header: tokens in JSON, no cookie, the cookie ignored', async () => {
    const member = await given.member();
    const signedIn = await login(member.email, member.password, false).expect(200);
    expect(signedIn.body.refreshToken).toEqual(expect.any(String));
    expect(signedIn.headers['set-cookie']).toBeUndefined();
    const refreshed = await request(api.url)
      .post('/api/v1/auth/refresh')
      .send({ refreshToken: signedIn.body.refreshToken })
      .expect(200);
    expect(Object.keys(refreshed.body).sort()).toEqual(['accessToken', 'refreshToken']);
    expect(refreshed.headers['set-cookie']).toBeUndefined();
    const noBody = await request(api.url)
      .post('/api/v1/auth/refresh')
      .set('cookie', `lc_refresh=${refreshed.body.refreshToken}`)
      .expect(400);
    expect(noBody.body.code).toBe('VALIDATION_FAILED');
    const loggedOut = await request(api.url)
      .post('/api/v1/auth/logout')
      .set('authorization', `Bearer ${refreshed.body.accessToken}`)
      .expect(204);
    expect(loggedOut.headers['set-cookie']).toBeUndefined();
  });

  it('marks the cookie Secure in production', async () => {
    const production = await startTestApp(environment, { overrides: { NODE_ENV: 'production' } });
    try {
      const member = await given.member();
      const signedIn = await request(production.url)
        .post('/api/v1/auth/login')
        .set(COOKIE, 'cookie')
        .send({ email: member.email, password: member.password })
        .expect(200);
      cookieToken(setCookieOf(signedIn), true);
    } finally {
      await production.close();
    }
  });
});
