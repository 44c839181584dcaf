import request from 'supertest';
import IORedis from 'ioredis';
import { ApiProcess, startApiProcess } from '../support/api-process';
import { Given, GivenMember } from '../support/given';
import { createTestEnvironment, startTestApp, TestApp, TestEnvironment } from '../support/test-app';

/**
 * Two api processes share the counters in Redis: together they accept no more attempts than the limit.
 * Every request here comes from one address, so the limit per account and address is the one that refuses.
 */
describe('Login throttling across api replicas', () => {
  const PER_ACCOUNT = 5;
  const PER_IP = 12;
  let environment: TestEnvironment;
  let setup: TestApp;
  let replicas: ApiProcess[] = [];
  let member: GivenMember;
  let redis: IORedis;

  beforeAll(async () => {
    environment = await createTestEnvironment({
      LOGIN_MAX_ATTEMPTS_PER_ACCOUNT: String(PER_ACCOUNT),
      LOGIN_MAX_ATTEMPTS_PER_ACCOUNT_IP: String(PER_ACCOUNT),
      LOGIN_MAX_ATTEMPTS_PER_IP: String(PER_IP),
      LOGIN_THROTTLE_WINDOW_SECONDS: '600',
    });
    setup = await startTestApp(environment);
    member = await new Given(setup).member();
    replicas = await Promise.all([
      startApiProcess(environment.overrides),
      startApiProcess(environment.overrides),
    ]);
    redis = new IORedis(environment.redisUrl);
  }, 90_000);

  afterAll(async () => {
    await Promise.all(replicas.map((replica) => replica.stop()));
    redis?.disconnect();
    await setup?.close();
    await environment?.drop();
  });

  const clearCounters = async () => {
    const keys = await redis.keys(`${environment.queuePrefix}:throttle:*`);
    if (keys.length) await redis.del(...keys);
  };

  const attempt = (index: number, email: string, password: string) =>
    request(replicas[index % replicas.length]!.url)
      .post('/api/v1/auth/login')
      .send({ email, password });

  it('accepts at most the per-account-and-address limit of concurrent attempts, spread over both replicas', async () => {
    await clearCounters();
    const responses = await Promise.all(
      Array.from({ length: 40 }, (_, i) => attempt(i, member.email, 'wrong-password')),
    );
    const accepted = responses.filter((r) => r.status !== 429);
    expect(accepted).toHaveLength(PER_ACCOUNT);
    expect(accepted.every((r) => r.status === 401)).toBe(true);
    const throttled = responses.filter((r) => r.status === 429);
    expect(throttled).toHaveLength(40 - PER_ACCOUNT);
    expect(throttled[0]!.body.code).toBe('AUTH_TOO_MANY_ATTEMPTS');
    expect(Number(throttled[0]!.headers['retry-after'])).toBeGreaterThan(0);

    // The right password does not get through from the throttled address either, on any replica.
    for (const replica of replicas) {
      const response = await request(replica.url)
        .post('/api/v1/auth/login')
        .send({ email: member.email, password: member.password });
      expect(response.status).toBe(429);
    }
  });

  it('accepts at most the per-IP limit across many accounts', async () => {
    await clearCounters();
    const responses = await Promise.all(
      Array.from({ length: 30 }, (_, i) => attempt(i, `nobody-${i}@example.test`, 'whatever-pass')),
    );
    expect(responses.filter((r) => r.status !== 429)).toHaveLength(PER_IP);
  });

  it('lets a member in again once the counters are gone, and a success resets the account count', async () => {
    await clearCounters();
    await attempt(0, member.email, 'wrong-password').expect(401);
    await attempt(1, member.email, member.password).expect(200);
    const [{ count }] = [
      {
        count: await redis.exists(
          (await redis.keys(`${environment.queuePrefix}:throttle:login:account:*`))[0] ?? 'none',
        ),
      },
    ];
    expect(count).toBe(0);
  });
});
