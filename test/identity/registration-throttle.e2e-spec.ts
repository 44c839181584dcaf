import request from 'supertest';
import { uuidv7 } from '@lc/core';
import { createTestEnvironment, startTestApp, TestApp, TestEnvironment } from '../support/test-app';

/**
 * "One IP created 303 accounts in 6.6 s": registrations are limited per address (REGISTRATION_LIMIT_PER_IP per
 * 10 minutes, counted in Redis so every replica shares the count). Behind one proxy (TRUST_PROXY_HOPS=1) the
 * address is the client's from X-Forwarded-For.
 */
describe('Registration throttling per address', () => {
  const LIMIT = 3;
  let environment: TestEnvironment;
  let api: TestApp;

  beforeAll(async () => {
    environment = await createTestEnvironment({
      REGISTRATION_LIMIT_PER_IP: String(LIMIT),
      TRUST_PROXY_HOPS: '1',
    });
    api = await startTestApp(environment);
  });

  afterAll(async () => {
    await api?.close();
    await environment?.drop();
  });

  const register = (from: string, email = `signup-${uuidv7()}@example.test`) =>
    request(api.url)
      .post('/api/v1/auth/register')
      .set('x-forwarded-for', from)
      .send({
        email,
        password: `pw-${uuidv7()}`,
        displayName: 'ผู้สมัครทดสอบ',
        memberKind: 'teacher',
        acceptTerms: true,
      });
  const membersWithEmail = async (email: string) =>
    Number((await api.dataSource.query(`SELECT count(*) FROM member WHERE email = $1`, [email]))[0].count);

  it('refuses the registration past the limit with 429, a stable code and Retry-After, and creates no member', async () => {
    for (let i = 0; i < LIMIT; i++) await register('203.0.113.10').expect(201);
    const email = `one-too-many-${uuidv7()}@example.test`;
    const refused = await register('203.0.113.10', email).expect(429);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.body).toMatchObject({ status: 429, code: 'AUTH_REGISTRATION_LIMITED' });
    expect(refused.body.title).toBe('มีการสมัครสมาชิกจากเครือข่ายนี้มากเกินไป กรุณารอสักครู่แล้วลองใหม่');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(600);
    expect(refused.body.accessToken).toBeUndefined();
    expect(await membersWithEmail(email)).toBe(0);

    const english = await register('203.0.113.10').set('accept-language', 'en').expect(429);
    expect(english.body.title).toBe('Too many sign-ups from this network; wait a while and try again');

    // Another address still signs up, and the service keeps answering the refused one's other requests.
    const other = await register('198.51.100.20').expect(201);
    await request(api.url)
      .get('/api/v1/me')
      .set('authorization', `Bearer ${other.body.accessToken}`)
      .expect(200);
    await request(api.url).get('/api/v1/health/live').set('x-forwarded-for', '203.0.113.10').expect(200);
    await request(api.url)
      .post('/api/v1/auth/login')
      .set('x-forwarded-for', '203.0.113.10')
      .send({ email: 'nobody@example.test', password: 'not-the-password' })
      .expect(401);
  });

  it('lets exactly the limit through when the sign-ups arrive all at once', async () => {
    const emails = Array.from({ length: 12 }, () => `burst-${uuidv7()}@example.test`);
    const responses = await Promise.all(emails.map((email) => register('192.0.2.77', email)));
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(LIMIT);
    expect(statuses.filter((s) => s === 429)).toHaveLength(emails.length - LIMIT);
    const [{ count }] = await api.dataSource.query(
      `SELECT count(*)::int AS count FROM member WHERE email = ANY($1)`,
      [emails],
    );
    expect(count).toBe(LIMIT);
  });

  it('counts an IPv6 client by its /64 network, so fresh addresses from one subscriber share the limit', async () => {
    for (let i = 1; i <= LIMIT; i++) await register(`2001:db8:77:1::${i}`).expect(201);
    const refused = await register('2001:db8:77:1:aaaa:bbbb:cccc:dddd').expect(429);
    expect(refused.body.code).toBe('AUTH_REGISTRATION_LIMITED');
    await register('2001:db8:77:2::1').expect(201);
  });

  it('counts a refused attempt too: each one costs a password hash', async () => {
    const taken = `taken-${uuidv7()}@example.test`;
    await register('198.51.100.99', taken).expect(201);
    for (let i = 1; i < LIMIT; i++)
      expect((await register('198.51.100.99', taken)).body.code).toBe('AUTH_EMAIL_TAKEN');
    expect((await register('198.51.100.99').expect(429)).body.code).toBe('AUTH_REGISTRATION_LIMITED');
  });
});
