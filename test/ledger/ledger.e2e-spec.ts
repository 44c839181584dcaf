import { INestApplicationContext } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { uuidv7 } from '@lc/core';
import { AwardService, ISSUANCE, LedgerService, memberWallet, partnerClearing } from '@lc/ledger';
import type { EventEnvelope } from '@lc/messaging';
import { fullInnovation } from '../support/fixtures';
import { Given, GivenMember } from '../support/given';
import {
  createTestEnvironment,
  eventually,
  startTestApp,
  TestApp,
  TestEnvironment,
} from '../support/test-app';
import { startTestWorker } from '../support/test-worker';

describe('Points ledger', () => {
  let environment: TestEnvironment;
  let api: TestApp;
  let worker: INestApplicationContext;
  let given: Given;
  let ledger: LedgerService;
  let awards: AwardService;
  let dataSource: DataSource;

  beforeAll(async () => {
    environment = await createTestEnvironment();
    api = await startTestApp(environment);
    worker = await startTestWorker(environment);
    given = new Given(api);
    ledger = worker.get(LedgerService);
    awards = worker.get(AwardService);
    dataSource = worker.get(DataSource);
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await environment?.drop();
  });

  const wallet = async (member: GivenMember) =>
    (await request(api.url).get('/api/v1/me/wallet').set(member.auth).expect(200)).body;
  const grant = (memberId: string, amount: number, key = uuidv7()) =>
    dataSource.transaction((m) =>
      ledger.transfer(m, [
        {
          idempotencyKey: key,
          debit: ISSUANCE,
          credit: memberWallet(memberId),
          amount,
          kind: 'award',
          reason: { code: 'test', th: 'ทดสอบ', en: 'test' },
        },
      ]),
    );
  const publish = async (author: GivenMember, title = 'นวัตกรรมเพื่อพอยท์') => {
    const draft = await request(api.url)
      .post('/api/v1/innovations')
      .set(author.auth)
      .send(fullInnovation({ title }))
      .expect(201);
    await request(api.url).post(`/api/v1/innovations/${draft.body.id}/publish`).set(author.auth).expect(200);
    return draft.body.id as string;
  };
  const sumsToZero = async () => {
    const [{ total }] = await dataSource.query(
      `SELECT coalesce(sum(balance), 0)::bigint AS total FROM ledger_account`,
    );
    expect(Number(total)).toBe(0);
  };

  it('credits a teacher for publishing, by rule and with a Thai reason, through the outbox and the worker', async () => {
    const teacher = await given.member();
    await publish(teacher);
    const credited = await eventually(
      async () => ((await wallet(teacher)).balance === 50 ? wallet(teacher) : undefined),
      10_000,
    );
    expect(credited).toEqual({ balance: 50, pending: 0, spendable: 50, lifetimeEarned: 50 });
    const statement = await request(api.url).get('/api/v1/me/wallet/transfers').set(teacher.auth).expect(200);
    expect(statement.body.items).toEqual([
      expect.objectContaining({
        kind: 'award',
        amount: 50,
        balanceAfter: 50,
        reason: { code: 'innovation.published', th: 'เผยแพร่นวัตกรรม', en: 'Published an innovation' },
      }),
    ]);
    await sumsToZero();
  });

  it('awards a duplicated event once', async () => {
    const member = await given.member();
    const event: EventEnvelope = {
      id: uuidv7(),
      type: 'innovation.published',
      version: 1,
      occurredAt: new Date().toISOString(),
      payload: {
        innovationId: uuidv7(),
        authorId: member.id,
        schoolId: null,
        areaId: null,
        learningAreas: [],
        competencies: [],
        version: 1,
      },
    };
    await Promise.all(
      [1, 2, 3, 4].map(() => dataSource.transaction((m) => awards.handle([event, event], m))),
    );
    expect((await wallet(member)).balance).toBe(50);
  });

  it('keeps the exact sum after 50 concurrent awards to one wallet', async () => {
    const member = await given.member();
    await Promise.all(Array.from({ length: 50 }, () => grant(member.id, 7)));
    expect(await wallet(member)).toMatchObject({ balance: 350, spendable: 350 });
    const afters: { a: string }[] = await dataSource.query(
      `SELECT t.credit_balance_after AS a FROM ledger_transfer t JOIN ledger_account acc ON acc.id = t.credit_account_id
       WHERE acc.owner_id = $1 ORDER BY t.seq`,
      [member.id],
    );
    expect(afters.map((r) => Number(r.a))).toEqual(Array.from({ length: 50 }, (_, i) => (i + 1) * 7));
    await sumsToZero();
  });

  it('never takes a wallet below zero under 50 concurrent holds; each hold resolves exactly once', async () => {
    const member = await given.member();
    const partner = await given.partner();
    await grant(member.id, 100);
    const outcomes = await Promise.allSettled(
      Array.from({ length: 50 }, () =>
        dataSource.transaction((m) =>
          ledger.transfer(m, [
            {
              idempotencyKey: uuidv7(),
              debit: memberWallet(member.id),
              credit: partnerClearing(partner.id),
              amount: 10,
              kind: 'hold',
              reason: { code: 'test.hold', th: 'กันพอยท์', en: 'hold' },
            },
          ]),
        ),
      ),
    );
    const held = outcomes.filter((o) => o.status === 'fulfilled') as PromiseFulfilledResult<
      { id: string }[]
    >[];
    expect(held).toHaveLength(10);
    expect(
      outcomes
        .filter((o) => o.status === 'rejected')
        .every((o) => (o as PromiseRejectedResult).reason.code === 'LEDGER_INSUFFICIENT_POINTS'),
    ).toBe(true);
    expect(await wallet(member)).toMatchObject({ balance: 100, pending: 100, spendable: 0 });

    // Post and void race for the same hold: exactly one wins.
    const holdId = held[0]!.value[0]!.id;
    const resolve = (kind: 'post' | 'void') =>
      dataSource.transaction((m) =>
        ledger.transfer(m, [
          {
            idempotencyKey: uuidv7(),
            debit: memberWallet(member.id),
            credit: partnerClearing(partner.id),
            amount: 10,
            kind,
            pendingId: holdId,
            reason: { code: `test.${kind}`, th: kind, en: kind },
          },
        ]),
      );
    const race = await Promise.allSettled([
      resolve('post'),
      resolve('void'),
      resolve('post'),
      resolve('void'),
    ]);
    expect(race.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const resolved = await wallet(member);
    expect(resolved.pending).toBe(90);
    expect([100, 90]).toContain(resolved.balance);
    await sumsToZero();
  });

  it("posts a hold made in the same call, and spreads a partner's credits over shards that add up", async () => {
    const partner = await given.partner();
    const members = await Promise.all(Array.from({ length: 12 }, () => given.member()));
    await Promise.all(members.map((m) => grant(m.id, 50)));
    await Promise.all(
      members.map((member) =>
        dataSource.transaction((m) => {
          const holdId = uuidv7();
          const side = { debit: memberWallet(member.id), credit: partnerClearing(partner.id), amount: 20 };
          return ledger.transfer(m, [
            {
              ...side,
              id: holdId,
              idempotencyKey: uuidv7(),
              kind: 'hold',
              reason: { code: 'h', th: 'กัน', en: 'h' },
            },
            {
              ...side,
              idempotencyKey: uuidv7(),
              kind: 'post',
              pendingId: holdId,
              reason: { code: 'p', th: 'แลก', en: 'p' },
            },
          ]);
        }),
      ),
    );
    for (const member of members)
      expect(await wallet(member)).toMatchObject({ balance: 30, pending: 0, spendable: 30 });
    const shards: { shard: number; balance: string }[] = await dataSource.query(
      `SELECT shard, balance FROM ledger_account WHERE kind = 'partner' AND owner_id = $1`,
      [partner.id],
    );
    expect(shards.length).toBeGreaterThan(1);
    expect(shards.reduce((sum, s) => sum + Number(s.balance), 0)).toBe(12 * 20);
    // A post must still match its hold: a different amount is refused and nothing moves.
    const member = members[0]!;
    await expect(
      dataSource.transaction((m) => {
        const holdId = uuidv7();
        const side = { debit: memberWallet(member.id), credit: partnerClearing(partner.id) };
        return ledger.transfer(m, [
          {
            ...side,
            id: holdId,
            amount: 10,
            idempotencyKey: uuidv7(),
            kind: 'hold',
            reason: { code: 'h', th: 'กัน', en: 'h' },
          },
          {
            ...side,
            amount: 5,
            idempotencyKey: uuidv7(),
            kind: 'post',
            pendingId: holdId,
            reason: { code: 'p', th: 'แลก', en: 'p' },
          },
        ]);
      }),
    ).rejects.toThrow(/must match its hold/);
    expect(await wallet(member)).toMatchObject({ balance: 30, pending: 0 });
    await sumsToZero();
  });

  it('voids a hold whose expiry has passed, once, and gives the points back', async () => {
    const member = await given.member();
    const partner = await given.partner();
    await grant(member.id, 40);
    const [hold] = await dataSource.transaction((m) =>
      ledger.transfer(m, [
        {
          idempotencyKey: uuidv7(),
          debit: memberWallet(member.id),
          credit: partnerClearing(partner.id),
          amount: 30,
          kind: 'hold',
          holdExpiresAt: new Date(Date.now() - 1000),
          reason: { code: 'test.hold', th: 'กันพอยท์', en: 'hold' },
        },
      ]),
    );
    expect(await wallet(member)).toMatchObject({ pending: 30, spendable: 10 });
    const swept = await Promise.all([ledger.voidExpiredHolds(), ledger.voidExpiredHolds()]);
    expect(swept.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(1);
    expect(await wallet(member)).toMatchObject({ balance: 40, pending: 0, spendable: 40 });
    const voids = await dataSource.query(
      `SELECT kind, reason_code FROM ledger_transfer WHERE pending_id = $1`,
      [hold!.id],
    );
    expect(voids).toEqual([{ kind: 'void', reason_code: 'hold.expired' }]);
  });

  it('holds caps under concurrency: at most the daily cap of feedback awards', async () => {
    const author = await given.member();
    const commenter = await given.member();
    const events: EventEnvelope[] = Array.from({ length: 30 }, () => ({
      id: uuidv7(),
      type: 'comment.created',
      version: 1,
      occurredAt: new Date().toISOString(),
      payload: {
        innovationId: uuidv7(),
        actorId: commenter.id,
        authorId: author.id,
        schoolId: null,
        areaId: null,
        learningAreas: [],
        commentId: uuidv7(),
        parentId: null,
      },
    }));
    await Promise.all(events.map((event) => dataSource.transaction((m) => awards.handle([event], m))));
    // feedback.comment: 2 points, at most 10 a day.
    expect((await wallet(commenter)).balance).toBe(20);
    expect((await wallet(author)).balance).toBe(0);
  });

  it("gives nothing for interacting with one's own content, and stops mutual rating rings", async () => {
    const [a, b] = [await given.member(), await given.member()];
    const rating = (actor: string, author: string, overall = 5): EventEnvelope => ({
      id: uuidv7(),
      type: 'rating.submitted',
      version: 1,
      occurredAt: new Date().toISOString(),
      payload: {
        innovationId: uuidv7(),
        actorId: actor,
        authorId: author,
        schoolId: null,
        areaId: null,
        learningAreas: [],
        overall,
        previousOverall: null,
      },
    });
    await dataSource.transaction((m) => awards.handle([rating(a.id, a.id)], m));
    expect((await wallet(a)).balance).toBe(0);
    // A and B rate each other's work again and again: after the limit both ways, the authors stop earning.
    for (let i = 0; i < 6; i++)
      await dataSource.transaction((m) => awards.handle([rating(a.id, b.id), rating(b.id, a.id)], m));
    const received: { owner: string; count: number }[] = await dataSource.query(
      `SELECT acc.owner_id AS owner, count(*)::int AS count FROM ledger_transfer t JOIN ledger_account acc ON acc.id = t.credit_account_id
       WHERE t.reason_code = 'rating.received_high' AND acc.owner_id = ANY($1::uuid[]) GROUP BY acc.owner_id`,
      [[a.id, b.id]],
    );
    expect(received.map((r) => r.count)).toEqual([3, 3]);
  });

  it('reverses the awards of hidden content and re-awards them on restore: the net is exact', async () => {
    const author = await given.member();
    const rater = await given.member();
    const moderator = await given.member({ roles: [{ role: 'moderator' }] });
    const id = await publish(author, 'นวัตกรรมที่จะถูกซ่อน');
    await request(api.url)
      .put(`/api/v1/innovations/${id}/rating`)
      .set(rater.auth)
      .send({ overall: 5, criteria: { clarity: 5, effect: 5, adoptability: 5, competencyFit: 5 } })
      .expect(200);
    await eventually(async () =>
      (await wallet(author)).balance === 60 && (await wallet(rater)).balance === 2 ? true : undefined,
    );
    await request(api.url)
      .post(`/api/v1/moderation/innovations/${id}/hide`)
      .set(moderator.auth)
      .send({ note: 'ตรวจสอบ' })
      .expect(200);
    await eventually(async () =>
      (await wallet(author)).balance === 0 && (await wallet(rater)).balance === 0 ? true : undefined,
    );
    const reversals = await dataSource.query(
      `SELECT count(*)::int AS count FROM ledger_transfer WHERE kind = 'reversal' AND subject_innovation_id = $1`,
      [id],
    );
    expect(reversals[0].count).toBe(3);
    await request(api.url)
      .post(`/api/v1/moderation/innovations/${id}/restore`)
      .set(moderator.auth)
      .send({ note: 'ไม่พบปัญหา' })
      .expect(200);
    await eventually(async () =>
      (await wallet(author)).balance === 60 && (await wallet(rater)).balance === 2 ? true : undefined,
    );
    // Hiding again reverses the re-awards; nothing is ever deleted.
    await request(api.url)
      .post(`/api/v1/moderation/innovations/${id}/hide`)
      .set(moderator.auth)
      .send({ note: 'อีกครั้ง' })
      .expect(200);
    await eventually(async () => ((await wallet(author)).balance === 0 ? true : undefined));
    const kinds = await dataSource.query(
      `SELECT kind, count(*)::int AS count FROM ledger_transfer WHERE subject_innovation_id = $1 GROUP BY kind ORDER BY kind`,
      [id],
    );
    expect(kinds).toEqual([
      { kind: 'award', count: 6 },
      { kind: 'reversal', count: 6 },
    ]);
    await sumsToZero();
  });

  it('lets an OBEC admin change a rule and adjust a wallet, both audited', async () => {
    const admin = await given.member({ roles: [{ role: 'obec_admin' }] });
    const teacher = await given.member();
    const rules = await request(api.url).get('/api/v1/admin/ledger/rules').set(admin.auth).expect(200);
    expect(rules.body.items.map((r: { code: string }) => r.code)).toContain('innovation.published');
    const changed = await request(api.url)
      .put('/api/v1/admin/ledger/rules/innovation.published')
      .set(admin.auth)
      .send({ points: 80, reason: 'ช่วงรณรงค์เผยแพร่นวัตกรรม' })
      .expect(200);
    expect(changed.body).toMatchObject({ code: 'innovation.published', points: 80, updatedBy: admin.id });
    await publish(teacher);
    await eventually(async () => ((await wallet(teacher)).balance === 80 ? true : undefined));
    await request(api.url)
      .put('/api/v1/admin/ledger/rules/innovation.published')
      .set(admin.auth)
      .send({ points: 50, reason: 'จบช่วงรณรงค์' })
      .expect(200);

    const adjusted = await request(api.url)
      .post('/api/v1/admin/ledger/adjustments')
      .set(admin.auth)
      .send({ memberId: teacher.id, amount: -30, reason: 'แก้ไขรายการซ้ำ' })
      .expect(201);
    expect(adjusted.body.wallet.balance).toBe(50);
    const tooMuch = await request(api.url)
      .post('/api/v1/admin/ledger/adjustments')
      .set(admin.auth)
      .send({ memberId: teacher.id, amount: -51, reason: 'เกินยอด' })
      .expect(422);
    expect(tooMuch.body.code).toBe('LEDGER_INSUFFICIENT_POINTS');
    await request(api.url)
      .post('/api/v1/admin/ledger/adjustments')
      .set(admin.auth)
      .send({ memberId: teacher.id, amount: 10 })
      .expect(400);
    await request(api.url)
      .post('/api/v1/admin/ledger/adjustments')
      .set(teacher.auth)
      .send({ memberId: teacher.id, amount: 1000, reason: 'ให้ตัวเอง' })
      .expect(403);
    const audit = await dataSource.query(
      `SELECT action, reason FROM audit_log WHERE action LIKE 'ledger.%' AND actor_id = $1 ORDER BY seq`,
      [admin.id],
    );
    expect(audit).toEqual([
      { action: 'ledger.rule_updated', reason: 'ช่วงรณรงค์เผยแพร่นวัตกรรม' },
      { action: 'ledger.rule_updated', reason: 'จบช่วงรณรงค์' },
      { action: 'ledger.adjusted', reason: 'แก้ไขรายการซ้ำ' },
    ]);
    await sumsToZero();
  });

  it('refuses to let the database keep a member wallet below zero, even past the code', async () => {
    const member = await given.member();
    await grant(member.id, 5);
    await expect(
      dataSource.query(`UPDATE ledger_account SET balance = -1 WHERE owner_id = $1`, [member.id]),
    ).rejects.toThrow(/check constraint/);
  });
});
