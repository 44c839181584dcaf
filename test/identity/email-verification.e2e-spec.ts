import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplicationContext } from '@nestjs/common';
import request from 'supertest';
import { fullInnovation } from '../support/fixtures';
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

const ratingBody = { overall: 5, criteria: { clarity: 5, effect: 5, adoptability: 5, competencyFit: 5 } };

/**
 * With EMAIL_VERIFICATION_REQUIRED, a new account's actions earn nothing and give nothing until its e-mail address
 * is confirmed through the link the worker e-mails; a link works once.
 */
describe('E-mail confirmation before points', () => {
  let environment: TestEnvironment;
  let api: TestApp;
  let worker: INestApplicationContext;
  let given: Given;
  let mailDir: string;

  beforeAll(async () => {
    mailDir = await mkdtemp(join(tmpdir(), 'lc-test-mail-'));
    environment = await createTestEnvironment({
      EMAIL_VERIFICATION_REQUIRED: 'true',
      EMAIL_VERIFICATION_HOURS: '48',
      MAIL_TRANSPORT: 'file',
      MAIL_DIR: mailDir,
      MAIL_SWEEP_MS: '100',
      WEB_URL: 'https://community.example.test',
    });
    api = await startTestApp(environment);
    worker = await startTestWorker(environment);
    given = new Given(api);
  }, 60_000);

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await environment?.drop();
    await rm(mailDir, { recursive: true, force: true });
  });

  const me = async (who: GivenMember) =>
    (await request(api.url).get('/api/v1/me').set(who.auth).expect(200)).body;
  const balance = async (who: GivenMember): Promise<number> =>
    (await request(api.url).get('/api/v1/me/wallet').set(who.auth).expect(200)).body.balance;

  /** The newest confirmation e-mail of a member, once the worker has sent it (its token stored hashed). */
  const confirmationMail = async (who: GivenMember, after?: string) => {
    const id = await eventually(async () => {
      const rows: { id: string }[] = await api.dataSource.query(
        `SELECT id FROM email_verification WHERE member_id = $1 AND mail_state = 'sent' AND ($2::uuid IS NULL OR id > $2)
         ORDER BY id DESC LIMIT 1`,
        [who.id, after ?? null],
      );
      return rows[0]?.id;
    });
    const eml = await readFile(join(mailDir, `confirmation-${id}.eml`), 'utf8');
    const text = plainTextOf(eml);
    const token = /\/verify-email\?token=([A-Za-z0-9_-]+)/.exec(text)?.[1];
    return { id, eml, text, token: token! };
  };
  const verify = (token: unknown) => request(api.url).post('/api/v1/auth/verify-email').send({ token });
  const confirm = async (who: GivenMember) => {
    const { token } = await confirmationMail(who);
    await verify(token).expect(200);
  };

  const publish = async (author: GivenMember, title: string) => {
    const draft = await request(api.url)
      .post('/api/v1/innovations')
      .set(author.auth)
      .send(fullInnovation({ title }))
      .expect(201);
    await request(api.url).post(`/api/v1/innovations/${draft.body.id}/publish`).set(author.auth).expect(200);
    return draft.body.id as string;
  };
  /** Waits until the ledger's worker has handled the latest event of this type by this actor. */
  const ledgerProcessed = async (type: string, field: 'actorId' | 'authorId', memberId: string) => {
    const eventId = await eventually(async () => {
      const rows: { id: string }[] = await api.dataSource.query(
        `SELECT id FROM outbox_event WHERE type = $1 AND payload->>$2 = $3 ORDER BY id DESC LIMIT 1`,
        [type, field, memberId],
      );
      return rows[0]?.id;
    });
    await eventually(async () => {
      const rows: unknown[] = await api.dataSource.query(
        `SELECT 1 FROM processed_event WHERE subscriber = 'ledger' AND event_id = $1`,
        [eventId],
      );
      return rows.length === 1 ? true : undefined;
    });
    return eventId;
  };
  const transfersOf = async (eventId: string) =>
    Number(
      (
        await api.dataSource.query(`SELECT count(*) FROM ledger_transfer WHERE source_event_id = $1`, [
          eventId,
        ])
      )[0].count,
    );

  it('registers unconfirmed and e-mails a link, Thai first, that confirms the address once', async () => {
    const member = await given.member();
    expect(await me(member)).toMatchObject({ emailVerified: false });
    const mail = await confirmationMail(member);
    expect(mail.eml).toContain(`To: ${member.email}`);
    expect(mail.text.indexOf('เรียน')).toBeGreaterThanOrEqual(0);
    expect(mail.text.indexOf('เรียน')).toBeLessThan(mail.text.indexOf('Dear'));
    expect(mail.text).toContain('ยืนยันอีเมล');
    expect(mail.text).toContain('https://community.example.test/verify-email?token=');
    // Only the hash is stored: the token itself is nowhere in the database.
    const [row] = await api.dataSource.query(
      `SELECT token_hash, expires_at > now() + interval '47 hours' AS long_enough, used_at FROM email_verification WHERE id = $1`,
      [mail.id],
    );
    expect(row.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.token_hash).not.toContain(mail.token);
    expect(row).toMatchObject({ long_enough: true, used_at: null });

    expect((await verify(mail.token).expect(200)).body).toEqual({ emailVerified: true });
    expect(await me(member)).toMatchObject({ emailVerified: true });
    const again = await verify(mail.token).expect(410);
    expect(again.body.code).toBe('AUTH_VERIFICATION_TOKEN_USED');
    expect(again.headers['content-type']).toContain('application/problem+json');
    expect(await me(member)).toMatchObject({ emailVerified: true });
  });

  it('refuses unknown, malformed and expired tokens with stable codes and keeps answering', async () => {
    const unknown = await verify('x'.repeat(43)).expect(400);
    expect(unknown.body.code).toBe('AUTH_VERIFICATION_TOKEN_INVALID');
    expect((await verify({ $ne: null }).expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect((await verify('short').expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect((await verify('a'.repeat(5000)).expect(400)).body.code).toBe('VALIDATION_FAILED');

    const late = await given.member();
    const mail = await confirmationMail(late);
    await api.dataSource.query(
      `UPDATE email_verification SET expires_at = now() - interval '1 minute' WHERE id = $1`,
      [mail.id],
    );
    const expired = await verify(mail.token).expect(410);
    expect(expired.body.code).toBe('AUTH_VERIFICATION_TOKEN_EXPIRED');
    expect(await me(late)).toMatchObject({ emailVerified: false });
    await request(api.url).get('/api/v1/health/live').expect(200);
  });

  it("an unconfirmed member's 5/5 rating gives the author nothing and earns nothing; once confirmed, it earns as usual", async () => {
    const author = await given.member();
    await confirm(author);
    const first = await publish(author, 'นวัตกรรมของผู้เขียนที่ยืนยันแล้ว');
    await ledgerProcessed('innovation.published', 'authorId', author.id);
    expect(await balance(author)).toBe(50);

    const rater = await given.member();
    expect(await me(rater)).toMatchObject({ emailVerified: false });
    await request(api.url)
      .put(`/api/v1/innovations/${first}/rating`)
      .set(rater.auth)
      .send(ratingBody)
      .expect(200);
    const unconfirmedRating = await ledgerProcessed('rating.submitted', 'actorId', rater.id);
    expect(await transfersOf(unconfirmedRating)).toBe(0);
    expect(await balance(author)).toBe(50);
    expect(await balance(rater)).toBe(0);

    // Confirmed now: later ratings earn (nothing is paid back for the earlier one).
    await confirm(rater);
    const second = await publish(author, 'นวัตกรรมชิ้นที่สองของผู้เขียน');
    await ledgerProcessed('innovation.published', 'authorId', author.id);
    expect(await balance(author)).toBe(100);
    await request(api.url)
      .put(`/api/v1/innovations/${second}/rating`)
      .set(rater.auth)
      .send(ratingBody)
      .expect(200);
    const confirmedRating = await ledgerProcessed('rating.submitted', 'actorId', rater.id);
    expect(confirmedRating).not.toBe(unconfirmedRating);
    expect(await transfersOf(confirmedRating)).toBe(2);
    expect(await balance(author)).toBe(110); // rating.received_high
    expect(await balance(rater)).toBe(2); // feedback.rating, for the second rating only
  });

  it('five unconfirmed accounts rating 5/5 move no points; an unconfirmed author earns nothing for publishing', async () => {
    const author = await given.member();
    const id = await publish(author, 'นวัตกรรมของผู้เขียนที่ยังไม่ยืนยัน');
    const published = await ledgerProcessed('innovation.published', 'authorId', author.id);
    expect(await transfersOf(published)).toBe(0);
    await confirm(author);
    expect(await balance(author)).toBe(0);

    const raters = await Promise.all(Array.from({ length: 5 }, () => given.member()));
    for (const rater of raters) {
      await request(api.url)
        .put(`/api/v1/innovations/${id}/rating`)
        .set(rater.auth)
        .send(ratingBody)
        .expect(200);
      await request(api.url)
        .post(`/api/v1/innovations/${id}/comments`)
        .set(rater.auth)
        .send({ body: 'ยอดเยี่ยมมาก' })
        .expect(201);
    }
    for (const rater of raters) {
      expect(await transfersOf(await ledgerProcessed('rating.submitted', 'actorId', rater.id))).toBe(0);
      expect(await transfersOf(await ledgerProcessed('comment.created', 'actorId', rater.id))).toBe(0);
      expect(await balance(rater)).toBe(0);
    }
    expect(await balance(author)).toBe(0);
  });

  it('sends a new link on request, a few an hour, and never once the address is confirmed', async () => {
    const member = await given.member();
    const firstMail = await confirmationMail(member);
    // Registration sent one; two more are allowed within the hour.
    await request(api.url).post('/api/v1/me/verify-email').set(member.auth).expect(202);
    const second = await confirmationMail(member, firstMail.id);
    await request(api.url).post('/api/v1/me/verify-email').set(member.auth).expect(202);
    const third = await confirmationMail(member, second.id);
    const limited = await request(api.url).post('/api/v1/me/verify-email').set(member.auth).expect(429);
    expect(limited.body.code).toBe('AUTH_VERIFICATION_MAIL_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    const pending = await api.dataSource.query(
      `SELECT count(*)::int AS count FROM email_verification WHERE member_id = $1`,
      [member.id],
    );
    expect(pending[0].count).toBe(3);

    // Any link of the member confirms; the others are then of no use.
    await verify(second.token).expect(200);
    expect((await verify(third.token)).status).toBeLessThan(300);
    const done = await request(api.url).post('/api/v1/me/verify-email').set(member.auth).expect(409);
    expect(done.body.code).toBe('AUTH_EMAIL_ALREADY_VERIFIED');
    await request(api.url).post('/api/v1/me/verify-email').expect(401);
    expect(await me(member)).toMatchObject({ emailVerified: true });
  });
});
