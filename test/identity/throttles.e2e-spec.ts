import { createHash } from 'node:crypto';
import request from 'supertest';
import IORedis from 'ioredis';
import { Given, GivenMember } from '../support/given';
import { createTestEnvironment, startTestApp, TestApp, TestEnvironment } from '../support/test-app';

/**
 * Password guessing: refused per account and address and per address, only slowed down per account, so that nobody
 * can lock an owner out. Addresses are simulated with X-Forwarded-For behind one trusted proxy hop.
 */
describe('Password attempt throttling', () => {
  const PER_ACCOUNT_IP = 5;
  const PER_ACCOUNT = 5;
  const PER_IP = 20;
  let environment: TestEnvironment;
  let api: TestApp;
  let given: Given;
  let redis: IORedis;

  beforeAll(async () => {
    environment = await createTestEnvironment({
      TRUST_PROXY_HOPS: '1',
      LOGIN_MAX_ATTEMPTS_PER_ACCOUNT_IP: String(PER_ACCOUNT_IP),
      LOGIN_MAX_ATTEMPTS_PER_ACCOUNT: String(PER_ACCOUNT),
      LOGIN_MAX_ATTEMPTS_PER_IP: String(PER_IP),
      LOGIN_THROTTLE_WINDOW_SECONDS: '600',
      // Long enough that a slowed answer comes after an unslowed one sent with it, whatever the machine's load.
      LOGIN_SLOWDOWN_MS: '3000',
    });
    api = await startTestApp(environment);
    given = new Given(api);
    redis = new IORedis(environment.redisUrl);
  });

  afterAll(async () => {
    redis?.disconnect();
    await api?.close();
    await environment?.drop();
  });

  const login = (ip: string, email: string, password: string) =>
    request(api.url).post('/api/v1/auth/login').set('x-forwarded-for', ip).send({ email, password });

  const accountCounter = (email: string) =>
    redis.get(
      `${environment.queuePrefix}:throttle:login:account:${createHash('sha256').update(email).digest('hex')}`,
    );

  /** The labels of the calls in the order their answers arrived. */
  const finishOrder = async (calls: Record<string, () => PromiseLike<request.Response>>) => {
    const order: string[] = [];
    const answers = await Promise.all(
      Object.entries(calls).map(([label, call]) =>
        Promise.resolve(call()).then((answer) => {
          order.push(label);
          return answer;
        }),
      ),
    );
    return { order, answers: Object.fromEntries(Object.keys(calls).map((label, i) => [label, answers[i]!])) };
  };

  const expectThrottled = (response: request.Response) => {
    expect(response.status).toBe(429);
    expect(response.headers['content-type']).toMatch(/problem\+json/);
    expect(response.body.code).toBe('AUTH_TOO_MANY_ATTEMPTS');
    expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
  };

  describe('sign-in', () => {
    it('refuses a guesser on one address with 429 while the owner signs in from another', async () => {
      const owner = await given.member();
      const attacker = '203.0.113.10';
      const guesses = await Promise.all(
        Array.from({ length: 12 }, (_, i) => login(attacker, owner.email, `wrong-password-${i}`)),
      );
      expect(guesses.filter((r) => r.status === 401)).toHaveLength(PER_ACCOUNT_IP);
      const throttled = guesses.filter((r) => r.status !== 401);
      expect(throttled).toHaveLength(12 - PER_ACCOUNT_IP);
      throttled.forEach(expectThrottled);
      // From that address even the right password is not checked.
      expectThrottled(await login(attacker, owner.email, owner.password));

      const signedIn = await login('198.51.100.20', owner.email, owner.password).expect(200);
      expect(signedIn.body.user.id).toBe(owner.id);
      await request(api.url)
        .get('/api/v1/me')
        .set('authorization', `Bearer ${signedIn.body.accessToken}`)
        .expect(200);
      // The owner's success clears the account's counter, not the guesser's address.
      expect(await accountCounter(owner.email)).toBeNull();
      expectThrottled(await login(attacker, owner.email, owner.password));
      await login('198.51.100.20', owner.email, owner.password).expect(200);
    }, 30_000);

    it('slows attempts past the per-account limit across addresses down, never refuses, and lets the owner in', async () => {
      const owner = await given.member();
      const bystander = await given.member();
      for (let i = 1; i <= PER_ACCOUNT; i++)
        await login(`198.51.100.${100 + i}`, owner.email, 'wrong-password').expect(401);
      expect(await accountCounter(owner.email)).toBe(String(PER_ACCOUNT));

      // One more wrong attempt from yet another address: answered (401, not 429), but after a bystander's
      // sign-in that was sent with it.
      const guess = await finishOrder({
        slowed: () => login('198.51.100.150', owner.email, 'wrong-password'),
        bystander: () => login('198.51.100.151', bystander.email, bystander.password),
      });
      expect(guess.answers.slowed!.status).toBe(401);
      expect(guess.answers.bystander!.status).toBe(200);
      expect(guess.order).toEqual(['bystander', 'slowed']);
      expect(await accountCounter(owner.email)).toBe(String(PER_ACCOUNT + 1));

      // The owner is slowed down too, but gets in; the success clears the account's counter.
      const owners = await finishOrder({
        owner: () => login('198.51.100.160', owner.email, owner.password),
        bystander: () => login('198.51.100.151', bystander.email, bystander.password),
      });
      expect(owners.answers.owner!.status).toBe(200);
      expect(owners.answers.bystander!.status).toBe(200);
      expect(owners.order).toEqual(['bystander', 'owner']);
      expect(await accountCounter(owner.email)).toBeNull();
    }, 30_000);

    it('keeps the limit per address across accounts', async () => {
      const crowd = '192.0.2.50';
      const responses = await Promise.all(
        Array.from({ length: PER_IP + 10 }, (_, i) =>
          login(crowd, `nobody-${i}@example.test`, 'whatever-pass'),
        ),
      );
      expect(responses.filter((r) => r.status === 401)).toHaveLength(PER_IP);
      const throttled = responses.filter((r) => r.status !== 401);
      expect(throttled).toHaveLength(10);
      throttled.forEach(expectThrottled);
      // Other addresses are answered as usual.
      const member = await given.member();
      await login('192.0.2.51', member.email, member.password).expect(200);
    });
  });

  describe.each([
    {
      route: 'password',
      wrong: { currentPassword: 'not-my-password', newPassword: 'a-brand-new-passphrase' },
      right: (m: GivenMember) => ({ currentPassword: m.password, newPassword: 'a-brand-new-passphrase' }),
    },
    {
      route: 'erasure',
      wrong: { password: 'not-my-password' },
      right: (m: GivenMember) => ({ password: m.password }),
    },
  ])('POST /me/$route', ({ route, wrong, right }) => {
    const check = (member: GivenMember, ip: string, body: object) =>
      request(api.url).post(`/api/v1/me/${route}`).set(member.auth).set('x-forwarded-for', ip).send(body);

    it('evaluates at most the limit of wrong passwords from one address, then 429 without checking', async () => {
      const member = await given.member();
      const other = await given.member();
      const guesser = route === 'password' ? '203.0.113.30' : '203.0.113.31';
      const responses = await Promise.all(Array.from({ length: 30 }, () => check(member, guesser, wrong)));
      const evaluated = responses.filter((r) => r.status === 403);
      expect(evaluated).toHaveLength(PER_ACCOUNT_IP);
      expect(evaluated.every((r) => r.body.code === 'AUTH_WRONG_PASSWORD')).toBe(true);
      const throttled = responses.filter((r) => r.status !== 403);
      expect(throttled).toHaveLength(30 - PER_ACCOUNT_IP);
      throttled.forEach(expectThrottled);

      // The right password from that address is not even checked: nothing changes.
      expectThrottled(await check(member, guesser, right(member)));
      await request(api.url).get('/api/v1/me').set(member.auth).expect(200);
      await login('198.51.100.40', member.email, member.password).expect(200);
      // Others are served meanwhile.
      await request(api.url).get('/api/v1/me').set(other.auth).expect(200);

      // The owner, from another address, is slowed down (past the per-account limit) but not refused.
      await check(member, '198.51.100.41', right(member)).expect(204);
      if (route === 'password') {
        await login('198.51.100.40', member.email, 'a-brand-new-passphrase').expect(200);
      } else {
        await request(api.url).get('/api/v1/me').set(member.auth).expect(401);
      }
    }, 30_000);

    it('shares the per-address budget with sign-in', async () => {
      const member = await given.member();
      const crowd = route === 'password' ? '192.0.2.60' : '192.0.2.61';
      for (let i = 0; i < PER_IP; i++)
        await login(crowd, `crowd-${route}-${i}@example.test`, 'whatever-pass').expect(401);
      expectThrottled(await check(member, crowd, right(member)));
      await check(member, '192.0.2.62', wrong).expect(403);
    });
  });
});
