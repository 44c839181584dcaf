import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplicationContext } from '@nestjs/common';
import IORedis from 'ioredis';
import request from 'supertest';
import { PASSWORD_RESET_PER_EMAIL, PASSWORD_RESET_PER_IP } from '@lc/identity';
import { Given, GivenMember } from '../support/given';
import {
  createTestEnvironment,
  eventually,
  startTestApp,
  TestApp,
  TestEnvironment,
} from '../support/test-app';
import { plainTextOf } from '../support/mail-files';
import { startTestWorker } from '../support/test-worker';

/**
 * "Forgot my password": the same 202 for any address; the worker e-mails an active member a single-use link that
 * sets a new password within 30 minutes and ends every session of theirs.
 */
describe('Password reset by e-mail', () => {
  let environment: TestEnvironment;
  let api: TestApp;
  let worker: INestApplicationContext;
  let given: Given;
  let mailDir: string;
  let redis: IORedis;

  beforeAll(async () => {
    mailDir = await mkdtemp(join(tmpdir(), 'lc-test-mail-'));
    environment = await createTestEnvironment({
      MAIL_TRANSPORT: 'file',
      MAIL_DIR: mailDir,
      MAIL_SWEEP_MS: '100',
      WEB_URL: 'https://community.example.test',
    });
    api = await startTestApp(environment);
    worker = await startTestWorker(environment);
    given = new Given(api);
    redis = new IORedis(environment.redisUrl);
  }, 60_000);

  afterAll(async () => {
    redis?.disconnect();
    await worker?.close();
    await api?.close();
    await environment?.drop();
    await rm(mailDir, { recursive: true, force: true });
  });

  const ask = (email: unknown) => request(api.url).post('/api/v1/auth/password-reset').send({ email });
  const confirm = (token: unknown, password: unknown) =>
    request(api.url).post('/api/v1/auth/password-reset/confirm').send({ token, password });
  const login = (email: string, password: string) =>
    request(api.url).post('/api/v1/auth/login').send({ email, password });
  const me = (accessToken: string) =>
    request(api.url).get('/api/v1/me').set('authorization', `Bearer ${accessToken}`);
  const forgetThrottles = async () => {
    const keys = await redis.keys(`${environment.queuePrefix}:throttle:password-reset:*`);
    if (keys.length) await redis.del(...keys);
  };

  /** The newest reset e-mail of a member, once the worker has sent it (its token stored hashed). */
  const resetMail = async (who: GivenMember, after?: string) => {
    const id = await eventually(async () => {
      const rows: { id: string }[] = await api.dataSource.query(
        `SELECT id FROM password_reset WHERE member_id = $1 AND mail_state = 'sent' AND ($2::uuid IS NULL OR id > $2)
         ORDER BY id DESC LIMIT 1`,
        [who.id, after ?? null],
      );
      return rows[0]?.id;
    });
    const eml = await readFile(join(mailDir, `password-reset-${id}.eml`), 'utf8');
    const text = plainTextOf(eml);
    const token = /\/reset-password\?token=([A-Za-z0-9_-]+)/.exec(text)?.[1];
    return { id, eml, text, token: token! };
  };

  it('answers an unknown and a known address alike, and e-mails only the member, Thai first', async () => {
    const member = await given.member();
    const unknown = await ask(`nobody-${Date.now()}@example.test`).expect(202);
    const known = await ask(member.email.toUpperCase()).expect(202);
    expect(known.body).toEqual(unknown.body);
    expect(known.body.message).toEqual({ th: expect.any(String), en: expect.any(String) });

    const mail = await resetMail(member);
    expect(mail.eml).toContain(`To: ${member.email}`);
    expect(mail.text.indexOf('เรียน')).toBeGreaterThanOrEqual(0);
    expect(mail.text.indexOf('เรียน')).toBeLessThan(mail.text.indexOf('Dear'));
    expect(mail.text).toContain('https://community.example.test/reset-password?token=');
    // One request row in all (the unknown address wrote none), one mail in all.
    const rows = await api.dataSource.query(`SELECT member_id FROM password_reset`);
    expect(rows).toEqual([{ member_id: member.id }]);
    const files = (await readdir(mailDir)).filter((name) => name.startsWith('password-reset-'));
    expect(files).toEqual([`password-reset-${mail.id}.eml`]);
    // Only the hash is stored, valid for 30 minutes.
    const [row] = await api.dataSource.query(
      `SELECT token_hash, expires_at > now() + interval '29 minutes' AS fresh,
              expires_at <= now() + interval '30 minutes' AS short, used_at FROM password_reset WHERE id = $1`,
      [mail.id],
    );
    expect(row.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.token_hash).not.toContain(mail.token);
    expect(row).toMatchObject({ fresh: true, short: true, used_at: null });
  });

  it('sets the new password once with the link and ends every session', async () => {
    const member = await given.member();
    const second = await login(member.email, member.password).expect(200);
    await ask(member.email).expect(202);
    const { token } = await resetMail(member);

    // A weak password is refused and leaves the link usable.
    expect((await confirm(token, 'password').expect(400)).body.code).toBe('AUTH_WEAK_PASSWORD');
    const newPassword = 'a-new-password-for-reset-9';
    await confirm(token, newPassword).expect(204);

    expect((await login(member.email, member.password).expect(401)).body.code).toBe(
      'AUTH_INVALID_CREDENTIALS',
    );
    const fresh = await login(member.email, newPassword).expect(200);
    await me(fresh.body.accessToken).expect(200);
    for (const accessToken of [member.accessToken, second.body.accessToken])
      expect((await me(accessToken).expect(401)).body.code).toBe('AUTH_SESSION_ENDED');
    await request(api.url)
      .post('/api/v1/auth/refresh')
      .send({ refreshToken: member.refreshToken })
      .expect(401);

    const again = await confirm(token, 'yet-another-password-7').expect(410);
    expect(again.body.code).toBe('AUTH_PASSWORD_RESET_TOKEN_USED');
    await login(member.email, newPassword).expect(200);
    const audit = await api.dataSource.query(
      `SELECT action FROM audit_log WHERE target_id = $1 AND action = 'member.password_reset'`,
      [member.id],
    );
    expect(audit).toHaveLength(1);
  });

  it('refuses an unknown, an expired and an older link', async () => {
    const unknown = await confirm('u'.repeat(43), 'a-fine-new-password-1').expect(400);
    expect(unknown.body.code).toBe('AUTH_PASSWORD_RESET_TOKEN_INVALID');
    expect(unknown.body.title ?? unknown.body.detail).toBeTruthy();

    const member = await given.member();
    await ask(member.email).expect(202);
    const first = await resetMail(member);
    await api.dataSource.query(
      `UPDATE password_reset SET expires_at = now() - interval '1 minute' WHERE id = $1`,
      [first.id],
    );
    const expired = await confirm(first.token, 'a-fine-new-password-1').expect(410);
    expect(expired.body.code).toBe('AUTH_PASSWORD_RESET_TOKEN_EXPIRED');
    await login(member.email, member.password).expect(200);

    // Two links: using the newer one makes the older one stop working.
    await ask(member.email).expect(202);
    const older = await resetMail(member, first.id);
    await api.dataSource.query(
      `UPDATE password_reset SET expires_at = now() + interval '30 minutes' WHERE id = $1`,
      [first.id],
    );
    await confirm(older.token, 'a-fine-new-password-2').expect(204);
    expect((await confirm(first.token, 'a-fine-new-password-3').expect(410)).body.code).toBe(
      'AUTH_PASSWORD_RESET_TOKEN_EXPIRED',
    );
  });

  it('refuses hostile bodies with 400 and keeps answering', async () => {
    for (const email of [null, '', 'not-an-e-mail', 'a\u0000b@x.io', ['x@y.z'], { a: 1 }, 'x'.repeat(300)])
      expect((await ask(email)).status).toBe(400);
    for (const [token, password] of [
      [null, 'a-fine-new-password-1'],
      ['short', 'a-fine-new-password-1'],
      ['t'.repeat(43), null],
      ['t'.repeat(43), 'x'.repeat(200)],
      [{ $ne: 1 }, 'a-fine-new-password-1'],
    ] as [unknown, unknown][])
      expect((await confirm(token, password)).status).toBe(400);
    await request(api.url).get('/api/v1/health/live').expect(200);
  });

  it('limits requests per address and per client address, known or not, in Redis', async () => {
    await forgetThrottles();
    const member = await given.member();
    const nobody = `nobody-${Date.now()}@example.test`;
    for (const email of [member.email, nobody]) {
      for (let i = 0; i < PASSWORD_RESET_PER_EMAIL; i++) await ask(email).expect(202);
      const limited = await ask(email).expect(429);
      expect(limited.body.code).toBe('AUTH_PASSWORD_RESET_LIMITED');
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    }
    // Other addresses still go through, until the client address has used its share.
    await forgetThrottles();
    for (let i = 0; i < PASSWORD_RESET_PER_IP; i++)
      await ask(`many-${i}-${Date.now()}@example.test`).expect(202);
    const limited = await ask(`one-more-${Date.now()}@example.test`).expect(429);
    expect(limited.body.code).toBe('AUTH_PASSWORD_RESET_LIMITED');
    // The rest of the API keeps answering.
    await login(member.email, member.password).expect(200);
    await forgetThrottles();
    await ask(member.email).expect(202);
  });
});
