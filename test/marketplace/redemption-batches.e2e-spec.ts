import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { uuidv7 } from '@lc/core';
import { Actor } from '@lc/identity';
import { RedemptionBatcher, RedemptionOutcome, RedemptionRequest, RedemptionsService } from '@lc/marketplace';
import { Given, GivenMember } from '../support/given';
import { createTestEnvironment, startTestApp, TestApp, TestEnvironment } from '../support/test-app';

jest.setTimeout(60_000);

/**
 * Redemptions travel to the database in batches (RedemptionBatcher → marketplace_redeem). These tests drive the
 * batcher directly, so that several requests are certain to share one batch, or two batches certain to race.
 */
describe('Marketplace: redemptions in batches', () => {
  let environment: TestEnvironment;
  let api: TestApp;
  let given: Given;
  let dataSource: DataSource;
  let batcher: RedemptionBatcher;
  let partnerId: string;
  let staffId: string;

  beforeAll(async () => {
    // One batch at a time, so which requests share a batch is certain; at most seven waiting.
    environment = await createTestEnvironment({
      REDEMPTION_BATCHES_IN_FLIGHT: '1',
      REDEMPTION_QUEUE_MAX: '7',
    });
    api = await startTestApp(environment);
    given = new Given(api);
    dataSource = api.dataSource;
    batcher = api.app.get(RedemptionBatcher, { strict: false });
    partnerId = (await given.partner('ภาคีทดสอบชุดคำขอ')).id;
    [{ id: staffId }] = (await given.members(1)) as [GivenMember];
  }, 60_000);

  afterAll(async () => {
    await api?.close();
    await environment?.drop();
  });

  const fund = (memberId: string, amount: number) => given.points(memberId, amount);
  /** A live perk, written directly (the partner and approval flow has its own tests). */
  const perk = async (fields: {
    cost: number;
    stock?: number | null;
    limit?: number | null;
    areaIds?: string[];
    fulfilment?: 'generated_code' | 'pool_code' | 'manual';
  }): Promise<string> => {
    const id = uuidv7();
    await dataSource.query(
      `INSERT INTO perk (id, partner_id, title_th, category, cost, stock_total, stock_left, per_member_limit, fulfilment,
         eligibility, status, created_by)
       VALUES ($1, $2, 'สิทธิประโยชน์ทดสอบ', 'voucher', $3, $4, $4, $5, $6, $7, 'live', $8)`,
      [
        id,
        partnerId,
        fields.cost,
        fields.stock ?? null,
        fields.limit ?? null,
        fields.fulfilment ?? 'generated_code',
        JSON.stringify(fields.areaIds ? { areaIds: fields.areaIds } : {}),
        staffId,
      ],
    );
    return id;
  };
  const ask = (member: GivenMember, perkId: string, key: string = randomUUID()): RedemptionRequest => ({
    perkId,
    memberId: member.id,
    areaId: null,
    memberKind: 'teacher',
    idempotencyKey: key,
    requestHash: 'a'.repeat(64),
  });
  const wallet = async (member: GivenMember) =>
    (await request(api.url).get('/api/v1/me/wallet').set(member.auth).expect(200)).body;
  const sumsToZero = async () => {
    const [sums] = await dataSource.query(
      `SELECT coalesce(sum(balance), 0)::int AS total, coalesce(sum(pending), 0)::int AS held FROM ledger_account`,
    );
    expect(sums).toEqual({ total: 0, held: 0 });
  };
  const outcomeOf = (o: RedemptionOutcome) => (o.outcome === 'refused' ? o.refusal : o.outcome);

  it('answers every request of one batch on its own: refusals never undo the others', async () => {
    const [rich, poor, other] = await given.members(3);
    await fund(rich!.id, 1000);
    await fund(poor!.id, 10);
    await fund(other!.id, 100);
    const twoLeft = await perk({ cost: 30, stock: 2 });
    const oncePerMember = await perk({ cost: 5, limit: 1 });
    const elsewhere = await perk({ cost: 5, areaIds: [await given.areaId('S01')] });
    const key = randomUUID();

    const outcomes = await batcher.execute([
      ask(rich!, twoLeft, key),
      ask(poor!, twoLeft), // 10 points for a perk of 30
      ask(other!, twoLeft), // takes the last one
      ask(rich!, twoLeft), // none left
      ask(rich!, oncePerMember),
      ask(rich!, oncePerMember), // the limit, reached by the request before it in this batch
      ask(rich!, elsewhere), // another area's perk
      ask(rich!, uuidv7()), // no such perk
      ask(rich!, twoLeft, key), // the first request again, same key: the same answer
    ]);
    expect(outcomes.map(outcomeOf)).toEqual([
      'created',
      'LEDGER_INSUFFICIENT_POINTS',
      'created',
      'PERK_OUT_OF_STOCK',
      'created',
      'PERK_LIMIT_REACHED',
      'PERK_NOT_ELIGIBLE',
      'PERK_NOT_FOUND',
      'created',
    ]);
    const first = outcomes[0] as Extract<RedemptionOutcome, { answer: unknown }>;
    const again = outcomes[8] as Extract<RedemptionOutcome, { answer: unknown }>;
    expect(again.answer).toEqual(first.answer);
    expect(first.answer).toMatchObject({
      status: 'fulfilled',
      cost: 30,
      voucher: { code: expect.any(String) },
    });

    const [stock] = await dataSource.query(`SELECT stock_left FROM perk WHERE id = $1`, [twoLeft]);
    expect(stock.stock_left).toBe(0);
    expect(await wallet(rich!)).toMatchObject({ balance: 1000 - 30 - 5, pending: 0 });
    expect(await wallet(poor!)).toMatchObject({ balance: 10, pending: 0 });
    expect(await wallet(other!)).toMatchObject({ balance: 70, pending: 0 });
    const [{ redemptions, events, vouchers }] = await dataSource.query(
      `SELECT (SELECT count(*)::int FROM redemption WHERE perk_id = ANY($1::uuid[])) AS redemptions,
              (SELECT count(*)::int FROM outbox_event WHERE type = 'redemption.fulfilled' AND payload->>'perkId' = ANY($1::text[])) AS events,
              (SELECT count(*)::int FROM voucher_code WHERE perk_id = ANY($1::uuid[])) AS vouchers`,
      [[twoLeft, oncePerMember, elsewhere]],
    );
    expect({ redemptions, events, vouchers }).toEqual({ redemptions: 3, events: 3, vouchers: 3 });
    await sumsToZero();
  });

  it('tries each request of a batch that failed as a whole again alone: only the bad one fails', async () => {
    const members = await given.members(8);
    await Promise.all(members.map((m) => fund(m.id, 100)));
    const perkId = await perk({ cost: 10, stock: 100 });
    // A key the database refuses (longer than its CHECK allows; the HTTP door refuses it before it gets here):
    // the batch's one statement fails, and with it every request in the batch.
    const bad = ask(members[4]!, perkId, 'k'.repeat(201));
    // The first goes at once; the other seven wait and share the next batch, the bad one among them.
    const warn = jest.spyOn((batcher as unknown as { logger: Logger }).logger, 'warn');
    const results = await Promise.allSettled(
      members.map((m, i) => batcher.redeem(i === 4 ? bad : ask(m, perkId))),
    );
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]![0]).toMatchObject({ requests: 7 });
    warn.mockRestore();
    expect(results.map((r) => (r.status === 'fulfilled' ? outcomeOf(r.value) : 'failed'))).toEqual([
      'created',
      'created',
      'created',
      'created',
      'failed',
      'created',
      'created',
      'created',
    ]);
    const [{ count }] = await dataSource.query(
      `SELECT count(*)::int AS count FROM redemption WHERE perk_id = $1`,
      [perkId],
    );
    expect(count).toBe(7);
    expect(await wallet(members[4]!)).toMatchObject({ balance: 100, pending: 0 });
    await sumsToZero();
  });

  it('charges once when two batches race with one key (two transactions, as from two API replicas)', async () => {
    const [member] = await given.members(1);
    await fund(member!.id, 1000);
    const perkId = await perk({ cost: 10, stock: 50 });
    for (let round = 0; round < 5; round++) {
      const key = randomUUID();
      const [a, b] = await Promise.all([
        batcher.execute([ask(member!, perkId, key)]),
        batcher.execute([ask(member!, perkId, key)]),
      ]);
      expect([outcomeOf(a![0]!), outcomeOf(b![0]!)].sort()).toEqual(['created', 'replay']);
      const answers = [a![0]!, b![0]!] as Extract<RedemptionOutcome, { answer: unknown }>[];
      expect(answers[0]!.answer).toEqual(answers[1]!.answer);
    }
    expect(await wallet(member!)).toMatchObject({ balance: 1000 - 5 * 10, pending: 0 });
    const [stock] = await dataSource.query(`SELECT stock_left FROM perk WHERE id = $1`, [perkId]);
    expect(stock.stock_left).toBe(45);
    await sumsToZero();
  });

  it('hands out pool codes once each when batches race for the last ones', async () => {
    const members = await given.members(6);
    await Promise.all(members.map((m) => fund(m.id, 100)));
    const perkId = await perk({ cost: 10, fulfilment: 'pool_code' });
    await dataSource.query(
      `INSERT INTO voucher_code (id, perk_id, code) SELECT gen_random_uuid(), $1, 'POOL-' || n FROM generate_series(1, 4) AS n`,
      [perkId],
    );
    const [a, b] = await Promise.all([
      batcher.execute(members.slice(0, 3).map((m) => ask(m, perkId))),
      batcher.execute(members.slice(3).map((m) => ask(m, perkId))),
    ]);
    const all = [...a!, ...b!];
    expect(all.filter((o) => o.outcome === 'created')).toHaveLength(4);
    expect(all.filter((o) => o.outcome === 'refused').map(outcomeOf)).toEqual([
      'PERK_OUT_OF_STOCK',
      'PERK_OUT_OF_STOCK',
    ]);
    const codes = all.flatMap((o) =>
      o.outcome === 'refused' ? [] : [(o.answer as { voucher: { code: string } }).voucher.code],
    );
    expect(new Set(codes)).toEqual(new Set(['POOL-1', 'POOL-2', 'POOL-3', 'POOL-4']));
    await sumsToZero();
  });

  it('refuses with 503 at once when too many redemptions wait, and loses nothing', async () => {
    const members = await given.members(9);
    await Promise.all(members.map((m) => fund(m.id, 100)));
    const perkId = await perk({ cost: 10, stock: 100 });
    const redemptions = api.app.get(RedemptionsService, { strict: false });
    const actor = (m: GivenMember): Actor => ({
      memberId: m.id,
      sessionId: uuidv7(),
      schoolId: null,
      areaId: null,
      memberKind: 'teacher',
      roles: [],
    });
    // One at work, seven waiting (REDEMPTION_QUEUE_MAX), the ninth turned away.
    const results = await Promise.allSettled(
      members.map((m) => redemptions.redeem(actor(m), perkId, randomUUID(), {})),
    );
    expect(results.slice(0, 8).every((r) => r.status === 'fulfilled')).toBe(true);
    const refused = results[8] as PromiseRejectedResult;
    expect(refused.status).toBe('rejected');
    expect(refused.reason).toMatchObject({ code: 'SERVICE_UNAVAILABLE', status: 503 });
    expect(await wallet(members[8]!)).toMatchObject({ balance: 100, pending: 0 });
    // Tried again once the queue has room, the same request goes through.
    await expect(redemptions.redeem(actor(members[8]!), perkId, randomUUID(), {})).resolves.toMatchObject({
      status: 'fulfilled',
    });
    await sumsToZero();
  });
});
