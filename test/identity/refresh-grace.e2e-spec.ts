import request from 'supertest';
import IORedis from 'ioredis';
import { Given } from '../support/given';
import { createTestEnvironment, startTestApp, TestApp, TestEnvironment } from '../support/test-app';

const refresh = (api: TestApp, refreshToken: string) =>
  request(api.url).post('/api/v1/auth/refresh').send({ refreshToken });

const me = (api: TestApp, accessToken: string) =>
  request(api.url).get('/api/v1/me').set('authorization', `Bearer ${accessToken}`);

/** Two tabs, or a retry after a lost answer, present one refresh token twice: neither may end the session. */
describe('Refresh token reuse within the grace window', () => {
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

  it('answers concurrent refreshes with one token with the same new pair, and the session goes on', async () => {
    const member = await given.member();
    const answers = await Promise.all([
      refresh(api, member.refreshToken),
      refresh(api, member.refreshToken),
      refresh(api, member.refreshToken),
    ]);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    const pair = answers[0]!.body;
    expect(pair.refreshToken).not.toBe(member.refreshToken);
    for (const answer of answers) expect(answer.body).toEqual(pair);

    // A retry after a lost answer gets it once more.
    expect((await refresh(api, member.refreshToken).expect(200)).body).toEqual(pair);
    expect((await me(api, pair.accessToken).expect(200)).body.id).toBe(member.id);
    const next = await refresh(api, pair.refreshToken).expect(200);
    await me(api, next.body.accessToken).expect(200);
    const sessions = await api.dataSource.query(`SELECT revoked_at FROM auth_session WHERE member_id = $1`, [
      member.id,
    ]);
    expect(sessions).toEqual([{ revoked_at: null }]);
  });

  it('revokes the family when the old token comes back after its successor was used', async () => {
    const member = await given.member();
    const first = await refresh(api, member.refreshToken).expect(200);
    const second = await refresh(api, first.body.refreshToken).expect(200);
    const reused = await refresh(api, member.refreshToken).expect(401);
    expect(reused.body.code).toBe('AUTH_REFRESH_REUSED');
    expect((await me(api, second.body.accessToken).expect(401)).body.code).toBe('AUTH_SESSION_ENDED');
    expect((await refresh(api, second.body.refreshToken).expect(401)).body.code).toBe('AUTH_REFRESH_INVALID');
  });

  it('gives nothing back once the session has ended', async () => {
    const member = await given.member();
    const first = await refresh(api, member.refreshToken).expect(200);
    await request(api.url)
      .post('/api/v1/auth/logout')
      .set('authorization', `Bearer ${first.body.accessToken}`)
      .expect(204);
    const again = await refresh(api, member.refreshToken).expect(401);
    expect(again.body.accessToken).toBeUndefined();
  });

  it('keeps the pair in Redis only encrypted', async () => {
    const member = await given.member();
    const first = await refresh(api, member.refreshToken).expect(200);
    const redis = new IORedis(environment.redisUrl);
    try {
      const keys = await redis.keys(`${environment.queuePrefix}:refresh:grace:*`);
      expect(keys.length).toBeGreaterThan(0);
      const values = await Promise.all(keys.map((key) => redis.get(key)));
      for (const value of values) {
        expect(value).not.toContain(first.body.refreshToken);
        expect(value).not.toContain(first.body.accessToken.split('.')[1]);
        expect(Buffer.from(value!, 'base64').toString('latin1')).not.toContain(first.body.refreshToken);
      }
    } finally {
      redis.disconnect();
    }
  });
});

describe('Refresh token reuse after the grace window', () => {
  let environment: TestEnvironment;
  let api: TestApp;
  let given: Given;

  beforeAll(async () => {
    environment = await createTestEnvironment({ REFRESH_REUSE_GRACE_SECONDS: '1' });
    api = await startTestApp(environment);
    given = new Given(api);
  });

  afterAll(async () => {
    await api?.close();
    await environment?.drop();
  });

  it('revokes the whole session when the rotated token comes back after the window', async () => {
    const member = await given.member();
    const first = await refresh(api, member.refreshToken).expect(200);
    // Within the window the old token gets the same pair; present it again until the window has passed.
    let answer = await refresh(api, member.refreshToken);
    for (let tries = 0; answer.status === 200 && tries < 400; tries++) {
      expect(answer.body).toEqual(first.body);
      await new Promise((resolve) => setTimeout(resolve, 50));
      answer = await refresh(api, member.refreshToken);
    }
    expect(answer.status).toBe(401);
    expect(answer.body.code).toBe('AUTH_REFRESH_REUSED');
    expect((await me(api, first.body.accessToken).expect(401)).body.code).toBe('AUTH_SESSION_ENDED');
    expect((await refresh(api, first.body.refreshToken).expect(401)).body.code).toBe('AUTH_REFRESH_INVALID');
  });
});
