import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { RedemptionsService } from '@lc/marketplace';
import { Given, GivenMember } from '../support/given';
import { createTestEnvironment, startTestApp, TestApp, TestEnvironment } from '../support/test-app';

jest.setTimeout(30_000);

describe('Marketplace: perks and redemptions', () => {
  let environment: TestEnvironment;
  let api: TestApp;
  let given: Given;
  let dataSource: DataSource;
  let obec: GivenMember;
  let staff: GivenMember;
  let partnerId: string;

  beforeAll(async () => {
    environment = await createTestEnvironment({ DATABASE_POOL_SIZE: '30' });
    api = await startTestApp(environment);
    given = new Given(api);
    dataSource = api.dataSource;
    obec = await given.member({ roles: [{ role: 'obec_admin' }] });
    const partner = await request(api.url)
      .post('/api/v1/admin/partners')
      .set(obec.auth)
      .send({ code: 'teacher-books', nameTh: 'สำนักพิมพ์เพื่อครู', nameEn: 'Books for Teachers' })
      .expect(201);
    partnerId = partner.body.id;
    staff = await given.member({ roles: [{ role: 'partner_staff', scopeId: partnerId }] });
  }, 60_000);

  afterAll(async () => {
    await api?.close();
    await environment?.drop();
  });

  const fund = (memberId: string, amount: number) => given.points(memberId, amount);
  const livePerk = async ({ codes, ...fields }: Record<string, unknown>) => {
    const created = await request(api.url)
      .post('/api/v1/partner/perks')
      .set(staff.auth)
      .send({
        title: 'คูปองหนังสือ',
        description: 'คูปองส่วนลดหนังสือสำหรับครู',
        category: 'voucher',
        cost: 100,
        stock: null,
        fulfilment: 'generated_code',
        ...fields,
      })
      .expect(201);
    expect(created.body.status).toBe('draft');
    if (codes) {
      await request(api.url)
        .post(`/api/v1/partner/perks/${created.body.id}/voucher-codes`)
        .set(staff.auth)
        .send({ codes })
        .expect(201);
    }
    await request(api.url)
      .post(`/api/v1/partner/perks/${created.body.id}/submit`)
      .set(staff.auth)
      .expect(200);
    await request(api.url).post(`/api/v1/admin/perks/${created.body.id}/approve`).set(obec.auth).expect(200);
    return created.body.id as string;
  };
  const redeem = (
    member: GivenMember,
    perkId: string,
    key: string = randomUUID(),
    body: Record<string, unknown> = {},
  ) =>
    request(api.url)
      .post(`/api/v1/perks/${perkId}/redemptions`)
      .set(member.auth)
      .set('idempotency-key', key)
      .send(body);
  const wallet = async (member: GivenMember) =>
    (await request(api.url).get('/api/v1/me/wallet').set(member.auth).expect(200)).body;
  const sumsToZero = async () => {
    const [{ total }] = await dataSource.query(
      `SELECT coalesce(sum(balance), 0)::bigint AS total FROM ledger_account`,
    );
    expect(Number(total)).toBe(0);
  };

  it('never oversells: stock 100, 2,000 concurrent requests from 500 members → exactly 100 redemptions', async () => {
    const perkId = await livePerk({ title: 'เวิร์กช็อปครูยอดนิยม', stock: 100, cost: 10 });
    const members = await given.members(500);
    await Promise.all(members.map((m) => fund(m.id, 100)));
    const responses = await Promise.all(
      Array.from({ length: 2000 }, (_, i) => redeem(members[i % 500]!, perkId)),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(100);
    expect(statuses.filter((s) => s !== 201).every((s) => s === 409)).toBe(true);
    expect(responses.filter((r) => r.status === 409).every((r) => r.body.code === 'PERK_OUT_OF_STOCK')).toBe(
      true,
    );
    const [perk] = await dataSource.query(`SELECT stock_left FROM perk WHERE id = $1`, [perkId]);
    expect(perk.stock_left).toBe(0);
    const [{ posts }] = await dataSource.query(
      `SELECT count(*)::int AS posts FROM ledger_transfer t JOIN redemption r ON r.hold_transfer_id = t.pending_id WHERE r.perk_id = $1 AND t.kind = 'post'`,
      [perkId],
    );
    expect(posts).toBe(100);
    const detail = await request(api.url).get(`/api/v1/perks/${perkId}`).set(members[0]!.auth).expect(200);
    expect(detail.body.stockLeft).toBe(0);
    await sumsToZero();
  }, 120_000);

  it('spends a point once: a member who can afford one perk redeems 20 different ones at once → exactly one', async () => {
    const [member] = await given.members(1);
    await fund(member!.id, 50);
    const perks = await Promise.all(
      Array.from({ length: 20 }, (_, i) => livePerk({ title: `ของรางวัลที่ ${i}`, cost: 50 })),
    );
    const responses = await Promise.all(perks.map((perkId) => redeem(member!, perkId)));
    expect(responses.filter((r) => r.status === 201)).toHaveLength(1);
    expect(
      responses.filter((r) => r.status === 422).every((r) => r.body.code === 'LEDGER_INSUFFICIENT_POINTS'),
    ).toBe(true);
    expect(responses.filter((r) => r.status === 422)).toHaveLength(19);
    expect(await wallet(member!)).toMatchObject({ balance: 0, pending: 0, spendable: 0 });
  });

  it('never charges twice for one Idempotency-Key, even concurrently; another body with it → 422', async () => {
    const [member] = await given.members(1);
    await fund(member!.id, 500);
    const perkId = await livePerk({ title: 'ส่วนลดอุปกรณ์การเรียน', cost: 100, stock: 10 });
    const key = randomUUID();
    const responses = await Promise.all(Array.from({ length: 10 }, () => redeem(member!, perkId, key)));
    expect(responses.every((r) => r.status === 201)).toBe(true);
    expect(new Set(responses.map((r) => r.body.id)).size).toBe(1);
    expect(new Set(responses.map((r) => r.body.voucher.code)).size).toBe(1);
    expect(responses[0]!.body.voucher.qr).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(await wallet(member!)).toMatchObject({ balance: 400, pending: 0 });
    const [perk] = await dataSource.query(`SELECT stock_left FROM perk WHERE id = $1`, [perkId]);
    expect(perk.stock_left).toBe(9);
    const again = await redeem(member!, perkId, key).expect(201);
    expect(again.body.id).toBe(responses[0]!.body.id);
    const other = await redeem(member!, perkId, key, { note: 'อีกคำขอ' }).expect(422);
    expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const missing = await request(api.url)
      .post(`/api/v1/perks/${perkId}/redemptions`)
      .set(member!.auth)
      .send({})
      .expect(400);
    expect(missing.body.code).toBe('IDEMPOTENCY_KEY_REQUIRED');
  });

  it('answers an Idempotency-Key longer than 200 characters with 400 IDEMPOTENCY_KEY_TOO_LONG, taking nothing; 200 still works', async () => {
    const [member] = await given.members(1);
    await fund(member!.id, 300);
    const perkId = await livePerk({ title: 'คูปองกุญแจยาว', cost: 100, stock: 5 });
    for (const length of [1_000, 201]) {
      const tooLong = await redeem(member!, perkId, 'k'.repeat(length)).expect(400);
      expect(tooLong.body.code).toBe('IDEMPOTENCY_KEY_TOO_LONG');
      expect(tooLong.body.title).toBe('Idempotency-Key ยาวเกิน 200 ตัวอักษร');
    }
    const english = await redeem(member!, perkId, 'k'.repeat(1_000)).set('accept-language', 'en').expect(400);
    expect(english.body).toMatchObject({
      code: 'IDEMPOTENCY_KEY_TOO_LONG',
      title: 'The Idempotency-Key header is longer than 200 characters',
    });
    expect(await wallet(member!)).toMatchObject({ balance: 300, pending: 0 });
    const [perk] = await dataSource.query(`SELECT stock_left FROM perk WHERE id = $1`, [perkId]);
    expect(perk.stock_left).toBe(5);
    const [{ count }] = await dataSource.query(
      `SELECT count(*)::int AS count FROM redemption WHERE member_id = $1`,
      [member!.id],
    );
    expect(count).toBe(0);

    // 200 characters is the longest the database takes: redeemed once, answered again with the same key.
    const key = `${randomUUID()}-`.padEnd(200, 'k');
    const first = await redeem(member!, perkId, key).expect(201);
    const again = await redeem(member!, perkId, key).expect(201);
    expect(again.body.id).toBe(first.body.id);
    expect(await wallet(member!)).toMatchObject({ balance: 200, pending: 0 });
    const [after] = await dataSource.query(`SELECT stock_left FROM perk WHERE id = $1`, [perkId]);
    expect(after.stock_left).toBe(4);
  });

  it("issues codes from a partner's pool, and the partner verifies each once", async () => {
    const [a, b, c] = await given.members(3);
    await Promise.all([a, b, c].map((m) => fund(m!.id, 100)));
    const perkId = await livePerk({
      title: 'บัตรกำนัลร้านหนังสือ',
      cost: 30,
      stock: 2,
      fulfilment: 'pool_code',
      codes: ['BOOK-0001', 'BOOK-0002', 'BOOK-0002'],
    });
    const first = await redeem(a!, perkId).expect(201);
    const second = await redeem(b!, perkId).expect(201);
    expect([first.body.voucher.code, second.body.voucher.code].sort()).toEqual(['BOOK-0001', 'BOOK-0002']);
    const third = await redeem(c!, perkId).expect(409);
    expect(third.body.code).toBe('PERK_OUT_OF_STOCK');
    const verify = (code: string, by = staff) =>
      request(api.url).post('/api/v1/partner/vouchers/verify').set(by.auth).send({ code });
    expect((await verify(first.body.voucher.code).expect(200)).body.result).toBe('valid');
    expect((await verify(first.body.voucher.code).expect(200)).body.result).toBe('used');
    expect((await verify('NOT-A-CODE').expect(200)).body.result).toBe('unknown');
    const otherPartner = await given.partner('ภาคีอื่น');
    const otherStaff = await given.member({ roles: [{ role: 'partner_staff', scopeId: otherPartner.id }] });
    expect((await verify(second.body.voucher.code, otherStaff).expect(200)).body.result).toBe('unknown');
  });

  it('manual fulfilment: confirm posts the points, reject and cancel give points and stock back, the deadline voids', async () => {
    const members = await given.members(4);
    await Promise.all(members.map((m) => fund(m.id, 100)));
    const perkId = await livePerk({
      title: 'เสื้อโครงการครู',
      cost: 40,
      stock: 10,
      fulfilment: 'manual',
      fulfilmentHours: 48,
    });
    const [toConfirm, toReject, toCancel, toExpire] = await Promise.all(
      members.map((m) => redeem(m, perkId, undefined, { note: 'ไซส์ M' }).expect(201)),
    );
    expect(toConfirm!.body).toMatchObject({ status: 'pending', deadlineAt: expect.any(String) });
    expect(await wallet(members[0]!)).toMatchObject({ balance: 100, pending: 40, spendable: 60 });

    await request(api.url)
      .post(`/api/v1/partner/redemptions/${toConfirm!.body.id}/confirm`)
      .set(staff.auth)
      .expect(200);
    expect(await wallet(members[0]!)).toMatchObject({ balance: 60, pending: 0 });
    const rejected = await request(api.url)
      .post(`/api/v1/partner/redemptions/${toReject!.body.id}/reject`)
      .set(staff.auth)
      .send({ reason: 'ไซส์หมด' })
      .expect(200);
    expect(rejected.body).toMatchObject({ status: 'rejected', rejectReason: 'ไซส์หมด' });
    expect(await wallet(members[1]!)).toMatchObject({ balance: 100, pending: 0 });
    await request(api.url)
      .post(`/api/v1/me/redemptions/${toCancel!.body.id}/cancel`)
      .set(members[2]!.auth)
      .expect(200);
    expect(await wallet(members[2]!)).toMatchObject({ balance: 100, pending: 0 });
    await request(api.url)
      .post(`/api/v1/me/redemptions/${toCancel!.body.id}/cancel`)
      .set(members[2]!.auth)
      .expect(409);
    await request(api.url)
      .post(`/api/v1/me/redemptions/${toExpire!.body.id}/cancel`)
      .set(members[2]!.auth)
      .expect(404);

    await dataSource.query(`UPDATE redemption SET deadline_at = now() - interval '1 minute' WHERE id = $1`, [
      toExpire!.body.id,
    ]);
    const expired = await api.app.get(RedemptionsService, { strict: false }).expireOverdue();
    expect(expired).toBe(1);
    expect(await wallet(members[3]!)).toMatchObject({ balance: 100, pending: 0 });
    const [perk] = await dataSource.query(`SELECT stock_left FROM perk WHERE id = $1`, [perkId]);
    expect(perk.stock_left).toBe(9);

    const mine = await request(api.url).get('/api/v1/me/redemptions').set(members[3]!.auth).expect(200);
    expect(mine.body.items[0]).toMatchObject({ status: 'expired', perk: { id: perkId } });
    expect(mine.body.items[0].history.map((h: { status: string }) => h.status)).toEqual([
      'pending',
      'expired',
    ]);
    const events = await dataSource.query(
      `SELECT type FROM outbox_event WHERE payload->>'perkId' = $1 AND type LIKE 'redemption.%' ORDER BY seq`,
      [perkId],
    );
    expect(events.map((e: { type: string }) => e.type).sort()).toEqual(
      [
        'redemption.cancelled',
        'redemption.created',
        'redemption.created',
        'redemption.created',
        'redemption.created',
        'redemption.expired',
        'redemption.fulfilled',
        'redemption.rejected',
      ].sort(),
    );
    const csv = await request(api.url).get('/api/v1/partner/redemptions.csv').set(staff.auth).expect(200);
    expect(csv.headers['content-disposition']).toContain('attachment');
    expect(csv.text).toContain('เสื้อโครงการครู');
    const stats = await request(api.url).get('/api/v1/partner/stats').set(staff.auth).expect(200);
    expect(stats.body.items.find((s: { perkId: string }) => s.perkId === perkId)).toMatchObject({
      redemptions: 4,
      fulfilled: 1,
      returned: 3,
    });
    await sumsToZero();
  });

  it('holds eligibility, per-member limits (under concurrency) and the validity window', async () => {
    const [member] = await given.members(1);
    await fund(member!.id, 1000);
    const limited = await livePerk({
      title: 'สิทธิ์จำกัดต่อคน',
      cost: 10,
      perMemberLimit: 2,
      limitPeriod: 'month',
    });
    const results = await Promise.all(Array.from({ length: 8 }, () => redeem(member!, limited)));
    expect(results.filter((r) => r.status === 201)).toHaveLength(2);
    expect(results.filter((r) => r.status === 409).every((r) => r.body.code === 'PERK_LIMIT_REACHED')).toBe(
      true,
    );
    const shown = await request(api.url).get(`/api/v1/perks/${limited}`).set(member!.auth).expect(200);
    expect(shown.body).toMatchObject({ myRemaining: 0, eligible: true });

    const otherArea = await given.areaId('S01');
    const areaOnly = await livePerk({
      title: 'เฉพาะเขตพื้นที่',
      cost: 10,
      eligibility: { areaIds: [otherArea] },
    });
    const refused = await redeem(member!, areaOnly).expect(403);
    expect(refused.body.code).toBe('PERK_NOT_ELIGIBLE');
    // The catalogue says so before one tries (it and the redemption check eligibility in their own places).
    const areaOnlyShown = await request(api.url)
      .get(`/api/v1/perks/${areaOnly}`)
      .set(member!.auth)
      .expect(200);
    expect(areaOnlyShown.body.eligible).toBe(false);
    const future = await livePerk({
      title: 'ยังไม่เปิด',
      cost: 10,
      validFrom: new Date(Date.now() + 86_400_000).toISOString(),
    });
    expect((await redeem(member!, future).expect(409)).body.code).toBe('PERK_NOT_AVAILABLE');
    const draft = await request(api.url)
      .post('/api/v1/partner/perks')
      .set(staff.auth)
      .send({ title: 'ร่าง', category: 'voucher', cost: 5, fulfilment: 'manual' })
      .expect(201);
    await request(api.url).get(`/api/v1/perks/${draft.body.id}`).set(member!.auth).expect(404);
    expect((await redeem(member!, draft.body.id).expect(409)).body.code).toBe('PERK_NOT_AVAILABLE');
  });

  it('lists a catalogue with category filter, Thai search and sort by cost', async () => {
    const cheap = await livePerk({ title: 'อบรมออนไลน์การสอนคณิตศาสตร์', category: 'training', cost: 5 });
    const pricey = await livePerk({ title: 'อบรมการสอนวิทยาศาสตร์แบบสืบเสาะ', category: 'training', cost: 500 });
    const trainings = await request(api.url)
      .get('/api/v1/perks')
      .query({ category: 'training', sort: 'cost' })
      .expect(200);
    expect(trainings.body.items.map((p: { id: string }) => p.id)).toEqual([cheap, pricey]);
    const found = await request(api.url).get('/api/v1/perks').query({ q: 'คณิตศาสตร์' }).expect(200);
    expect(found.body.items.map((p: { id: string }) => p.id)).toEqual([cheap]);
    expect(found.body.items[0]).toMatchObject({
      cost: 5,
      stockLeft: null,
      eligible: true,
      myRemaining: null,
      partner: { name: 'สำนักพิมพ์เพื่อครู' },
    });
    await request(api.url)
      .post('/api/v1/partner/perks')
      .set(staff.auth)
      .send({ title: 'x', category: 'spaceship', cost: 5, fulfilment: 'manual' })
      .expect(400);
  });

  it("keeps partner staff to their own partner's perks and redemptions", async () => {
    const perkId = await livePerk({ title: 'ของภาคีเรา', cost: 10, fulfilment: 'manual' });
    const [member] = await given.members(1);
    await fund(member!.id, 10);
    const redemption = await redeem(member!, perkId).expect(201);
    const other = await given.member({
      roles: [{ role: 'partner_staff', scopeId: (await given.partner('ภาคีอื่น')).id }],
    });
    await request(api.url)
      .patch(`/api/v1/partner/perks/${perkId}`)
      .set(other.auth)
      .send({ cost: 1 })
      .expect(404);
    await request(api.url)
      .post(`/api/v1/partner/redemptions/${redemption.body.id}/confirm`)
      .set(other.auth)
      .expect(404);
    const list = await request(api.url).get('/api/v1/partner/redemptions').set(other.auth).expect(200);
    expect(list.body.items).toEqual([]);
    await request(api.url)
      .post(`/api/v1/partner/perks`)
      .set(member!.auth)
      .send({ title: 'x', category: 'voucher', cost: 5, fulfilment: 'manual' })
      .expect(403);
  });
});
