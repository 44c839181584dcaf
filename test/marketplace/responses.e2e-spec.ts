import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { fullInnovation } from '../support/fixtures';
import { Given, GivenMember } from '../support/given';
import { OpenApiDocument, OpenApiSchema, responseSchema, schemaMismatches } from '../support/openapi-shape';
import { createTestEnvironment, startTestApp, TestApp, TestEnvironment } from '../support/test-app';

jest.setTimeout(60_000);

/**
 * A nullable nested object is documented as `{nullable: true, allOf: [{$ref}]}` (what @nestjs/swagger writes for
 * `type: () => X, nullable: true`, and OpenAPI 3.0's way). schemaMismatches checks each allOf part before looking at
 * `nullable`, so it would report null there: the same meaning, spelled `anyOf: [{$ref}, null]`, for the checker.
 */
function nullableRefs(value: unknown): OpenApiDocument {
  const visit = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(visit);
    if (!node || typeof node !== 'object') return node;
    const { allOf, ...rest } = node as OpenApiSchema;
    if (rest.nullable && allOf?.length === 1 && allOf[0]!.$ref)
      return { ...rest, anyOf: [allOf[0], { nullable: true, enum: [null] }] };
    return Object.fromEntries(Object.entries(node).map(([key, item]) => [key, visit(item)]));
  };
  return visit(value) as OpenApiDocument;
}

/** The marketplace's real answers match the response schemas of the OpenAPI document the web app is built from. */
describe('Marketplace: answers match the OpenAPI document', () => {
  let environment: TestEnvironment;
  let api: TestApp;
  let given: Given;
  let document: OpenApiDocument;
  let obec: GivenMember;
  let staff: GivenMember;
  let member: GivenMember;
  let partnerId: string;

  beforeAll(async () => {
    environment = await createTestEnvironment();
    api = await startTestApp(environment);
    given = new Given(api);
    document = nullableRefs((await request(api.url).get('/api/docs-json').expect(200)).body);
    obec = await given.member({ roles: [{ role: 'obec_admin' }] });
    member = await given.member();
    await given.points(member.id, 10_000);
  }, 60_000);

  afterAll(async () => {
    await api?.close();
    await environment?.drop();
  });

  /** The answer's body (as supertest types it), after checking it against the route's documented schema. */
  const matches = <Body>(method: string, path: string, body: Body): Body => {
    expect(schemaMismatches(document, responseSchema(document, method, `/api/v1${path}`), body)).toEqual([]);
    return body;
  };
  const perkFields = {
    title: 'คูปองหนังสือ',
    description: 'คูปองส่วนลดหนังสือสำหรับครู',
    category: 'voucher',
    cost: 10,
    fulfilment: 'generated_code',
  };
  const createPerk = async (fields: Record<string, unknown> = {}) =>
    matches(
      'post',
      '/partner/perks',
      (
        await request(api.url)
          .post('/api/v1/partner/perks')
          .set(staff.auth)
          .send({ ...perkFields, ...fields })
          .expect(201)
      ).body,
    );
  const golive = async (id: string) => {
    matches(
      'post',
      '/partner/perks/{id}/submit',
      (await request(api.url).post(`/api/v1/partner/perks/${id}/submit`).set(staff.auth).expect(200)).body,
    );
    return matches(
      'post',
      '/admin/perks/{id}/approve',
      (await request(api.url).post(`/api/v1/admin/perks/${id}/approve`).set(obec.auth).expect(200)).body,
    );
  };
  const redeem = async (perkId: string) =>
    matches(
      'post',
      '/perks/{id}/redemptions',
      (
        await request(api.url)
          .post(`/api/v1/perks/${perkId}/redemptions`)
          .set(member.auth)
          .set('idempotency-key', randomUUID())
          .send({})
          .expect(201)
      ).body,
    );

  it('partners: created with and without the optional fields, and listed', async () => {
    const full = matches(
      'post',
      '/admin/partners',
      (
        await request(api.url)
          .post('/api/v1/admin/partners')
          .set(obec.auth)
          .send({
            code: 'books-for-teachers',
            nameTh: 'สำนักพิมพ์เพื่อครู',
            nameEn: 'Books for Teachers',
            descriptionTh: 'หนังสือสำหรับครู',
            descriptionEn: 'Books for teachers',
            logoUrl: 'https://example.org/logo.png',
            contactEmail: 'partner@example.org',
            contactPhone: '021234567',
          })
          .expect(201)
      ).body,
    );
    expect(full.logoUrl).toBe('https://example.org/logo.png');
    partnerId = full.id;
    staff = await given.member({ roles: [{ role: 'partner_staff', scopeId: partnerId }] });
    const bare = matches(
      'post',
      '/admin/partners',
      (
        await request(api.url)
          .post('/api/v1/admin/partners')
          .set(obec.auth)
          .send({ code: 'bare-partner', nameTh: 'ภาคีเปล่า' })
          .expect(201)
      ).body,
    );
    expect(bare.nameEn).toBeNull();
    const list = matches(
      'get',
      '/partners',
      (await request(api.url).get('/api/v1/partners').expect(200)).body,
    );
    expect(list.items).toHaveLength(2);
  });

  it('perks: the partner tools, approval and the catalogue', async () => {
    // Every nullable field null …
    const plain = await createPerk({ fulfilment: 'pool_code', stock: null });
    expect(plain).toMatchObject({ titleEn: null, stockTotal: null, validFrom: null, availableCodes: 0 });
    const codes = matches(
      'post',
      '/partner/perks/{id}/voucher-codes',
      (
        await request(api.url)
          .post(`/api/v1/partner/perks/${plain.id}/voucher-codes`)
          .set(staff.auth)
          .send({ codes: ['CODE-001', 'CODE-002', 'CODE-002', 'x'] })
          .expect(201)
      ).body,
    );
    expect(codes).toEqual({ received: 4, added: 2, skipped: 2, available: 2 });
    // … and set.
    const full = await createPerk({
      titleEn: 'Book voucher',
      descriptionEn: 'A discount on books',
      images: ['https://example.org/perk.png'],
      stock: 50,
      perMemberLimit: 3,
      limitPeriod: 'month',
      fulfilmentHours: 48,
      validFrom: '2020-01-01T00:00:00.000Z',
      validUntil: '2099-01-01T00:00:00.000Z',
      eligibility: { memberKinds: ['teacher'], areaIds: [randomUUID()] },
    });
    expect(full.eligibility.memberKinds).toEqual(['teacher']);
    const updated = matches(
      'patch',
      '/partner/perks/{id}',
      (
        await request(api.url)
          .patch(`/api/v1/partner/perks/${full.id}`)
          .set(staff.auth)
          .send({ cost: 20, eligibility: null })
          .expect(200)
      ).body,
    );
    expect(updated.eligibility).toEqual({});
    matches(
      'get',
      '/partner/perks/{id}',
      (await request(api.url).get(`/api/v1/partner/perks/${full.id}`).set(staff.auth).expect(200)).body,
    );
    const submitted = (
      await request(api.url).post(`/api/v1/partner/perks/${plain.id}/submit`).set(staff.auth).expect(200)
    ).body;
    matches('post', '/partner/perks/{id}/submit', submitted);
    const pending = matches(
      'get',
      '/admin/perks/pending',
      (await request(api.url).get('/api/v1/admin/perks/pending').set(obec.auth).expect(200)).body,
    );
    expect(pending.items).toHaveLength(1);
    matches(
      'post',
      '/admin/perks/{id}/approve',
      (await request(api.url).post(`/api/v1/admin/perks/${plain.id}/approve`).set(obec.auth).expect(200))
        .body,
    );
    await golive(full.id);
    const paused = matches(
      'post',
      '/partner/perks/{id}/pause',
      (await request(api.url).post(`/api/v1/partner/perks/${full.id}/pause`).set(staff.auth).expect(200))
        .body,
    );
    expect(paused.status).toBe('paused');
    // A paused perk is still shown to its own partner (status not live, open false).
    const own = matches(
      'get',
      '/perks/{id}',
      (await request(api.url).get(`/api/v1/perks/${full.id}`).set(staff.auth).expect(200)).body,
    );
    expect(own).toMatchObject({ status: 'paused', open: false, myRemaining: 3, perMemberLimit: 3 });
    const ended = matches(
      'post',
      '/partner/perks/{id}/end',
      (await request(api.url).post(`/api/v1/partner/perks/${full.id}/end`).set(staff.auth).expect(200)).body,
    );
    expect(ended.status).toBe('ended');
    matches(
      'get',
      '/partner/perks',
      (await request(api.url).get('/api/v1/partner/perks').set(staff.auth).expect(200)).body,
    );

    // The catalogue: a guest (myRemaining null), a member, and more than a page (a next cursor).
    const limited = await createPerk({
      titleEn: 'Limited',
      perMemberLimit: 2,
      validUntil: '2099-01-01T00:00:00Z',
    });
    await golive(limited.id);
    for (let i = 0; i < 20; i++) await golive((await createPerk({ title: `ของรางวัลที่ ${i}` })).id);
    const guest = matches('get', '/perks', (await request(api.url).get('/api/v1/perks').expect(200)).body);
    expect(guest.nextCursor).toEqual(expect.any(String));
    expect(guest.items[0].myRemaining).toBeNull();
    const next = matches(
      'get',
      '/perks',
      (await request(api.url).get('/api/v1/perks').query({ cursor: guest.nextCursor }).expect(200)).body,
    );
    expect(next.nextCursor).toBeNull();
    const signedIn = matches(
      'get',
      '/perks',
      (await request(api.url).get('/api/v1/perks').query({ sort: 'cost' }).set(member.auth).expect(200)).body,
    );
    expect(signedIn.items.find((p: { id: string }) => p.id === limited.id).myRemaining).toBe(2);
    matches(
      'get',
      '/perks/{id}',
      (await request(api.url).get(`/api/v1/perks/${limited.id}`).expect(200)).body,
    );
    matches(
      'get',
      '/perks/{id}',
      (await request(api.url).get(`/api/v1/perks/${limited.id}`).set(member.auth).expect(200)).body,
    );
  });

  it('redemptions: vouchers and manual ones, settled, listed, verified, counted and exported', async () => {
    const voucherPerk = await createPerk({ title: 'คูปองสร้างรหัส' });
    await golive(voucherPerk.id);
    const manualPerk = await createPerk({ title: 'เวิร์กช็อป', fulfilment: 'manual', fulfilmentHours: 24 });
    await golive(manualPerk.id);

    const voucher = await redeem(voucherPerk.id);
    expect(voucher).toMatchObject({ status: 'fulfilled', deadlineAt: null });
    expect(voucher.voucher.qr).toMatch(/^data:image\/svg\+xml;base64,/);
    const manual = await redeem(manualPerk.id);
    expect(manual.voucher).toBeUndefined();
    expect(manual.deadlineAt).toEqual(expect.any(String));

    const cancelled = matches(
      'post',
      '/me/redemptions/{id}/cancel',
      (await request(api.url).post(`/api/v1/me/redemptions/${manual.id}/cancel`).set(member.auth).expect(200))
        .body,
    );
    expect(cancelled).toMatchObject({ status: 'cancelled', voucher: null, rejectReason: null });
    const toConfirm = await redeem(manualPerk.id);
    matches(
      'post',
      '/partner/redemptions/{id}/confirm',
      (
        await request(api.url)
          .post(`/api/v1/partner/redemptions/${toConfirm.id}/confirm`)
          .set(staff.auth)
          .expect(200)
      ).body,
    );
    const toReject = await redeem(manualPerk.id);
    const rejected = matches(
      'post',
      '/partner/redemptions/{id}/reject',
      (
        await request(api.url)
          .post(`/api/v1/partner/redemptions/${toReject.id}/reject`)
          .set(staff.auth)
          .send({ reason: 'ที่นั่งเต็มแล้ว' })
          .expect(200)
      ).body,
    );
    expect(rejected.rejectReason).toBe('ที่นั่งเต็มแล้ว');
    await redeem(manualPerk.id); // one left pending, with its deadline

    const verify = async (code: string) =>
      matches(
        'post',
        '/partner/vouchers/verify',
        (
          await request(api.url)
            .post('/api/v1/partner/vouchers/verify')
            .set(staff.auth)
            .send({ code })
            .expect(200)
        ).body,
      );
    expect((await verify(voucher.voucher.code)).result).toBe('valid');
    expect((await verify(voucher.voucher.code)).result).toBe('used');
    expect(await verify('NO-SUCH-CODE')).toEqual({ result: 'unknown' });

    const mine = matches(
      'get',
      '/me/redemptions',
      (await request(api.url).get('/api/v1/me/redemptions').set(member.auth).expect(200)).body,
    );
    expect(mine.items).toHaveLength(5);
    expect(mine.items.some((r: { voucher: unknown }) => r.voucher !== null)).toBe(true);
    expect(
      mine.items.some((r: { history: { note: string | null }[] }) => r.history.some((h) => h.note === null)),
    ).toBe(true);
    const forPartner = matches(
      'get',
      '/partner/redemptions',
      (await request(api.url).get('/api/v1/partner/redemptions').set(staff.auth).expect(200)).body,
    );
    expect(forPartner.items).toHaveLength(5);
    const stats = matches(
      'get',
      '/partner/stats',
      (await request(api.url).get('/api/v1/partner/stats').set(staff.auth).expect(200)).body,
    );
    expect(stats.items.length).toBeGreaterThan(0);

    const csv = await request(api.url).get('/api/v1/partner/redemptions.csv').set(staff.auth).expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const documented = document.paths['/api/v1/partner/redemptions.csv']!.get!.responses!['200']!.content!;
    expect(documented['text/csv']!.schema).toEqual({ type: 'string' });
  });

  it('endorsements: given and listed', async () => {
    const author = await given.member();
    const draft = await request(api.url)
      .post('/api/v1/innovations')
      .set(author.auth)
      .send(fullInnovation())
      .expect(201);
    const id = draft.body.id as string;
    await request(api.url).post(`/api/v1/innovations/${id}/publish`).set(author.auth).expect(200);
    const endorsed = matches(
      'post',
      '/innovations/{id}/endorsements',
      (
        await request(api.url)
          .post(`/api/v1/innovations/${id}/endorsements`)
          .set(staff.auth)
          .send({ statement: 'ภาคีรับรองว่าใช้ได้ผลจริง' })
          .expect(201)
      ).body,
    );
    expect(endorsed.partner.logoUrl).toEqual(expect.any(String));
    const bare = await given.partner('ภาคีไม่มีโลโก้');
    const bareStaff = await given.member({ roles: [{ role: 'partner_staff', scopeId: bare.id }] });
    await request(api.url)
      .post(`/api/v1/innovations/${id}/endorsements`)
      .set(bareStaff.auth)
      .send({ statement: 'ใช้ได้ดีในโรงเรียนของเรา' })
      .expect(201);
    const list = matches(
      'get',
      '/innovations/{id}/endorsements',
      (await request(api.url).get(`/api/v1/innovations/${id}/endorsements`).expect(200)).body,
    );
    expect(list.items.map((e: { partner: { logoUrl: string | null } }) => e.partner.logoUrl)).toContain(null);
  });
});
