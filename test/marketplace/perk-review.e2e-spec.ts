import request from 'supertest';
import { Given, GivenMember } from '../support/given';
import { OpenApiDocument, OpenApiSchema, responseSchema, schemaMismatches } from '../support/openapi-shape';
import { createTestEnvironment, startTestApp, TestApp, TestEnvironment } from '../support/test-app';

jest.setTimeout(60_000);

/** `{nullable, allOf: [{$ref}]}` (a nullable nested object) spelled as the checker reads it: see responses.e2e-spec. */
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

/** OBEC reviews a perk its partner sent for approval: approve it, or send it back to draft with a note. */
describe('Marketplace: OBEC sends a pending perk back to its partner', () => {
  let environment: TestEnvironment;
  let api: TestApp;
  let given: Given;
  let document: OpenApiDocument;
  let obec: GivenMember;
  let staff: GivenMember;
  let member: GivenMember;

  beforeAll(async () => {
    environment = await createTestEnvironment();
    api = await startTestApp(environment);
    given = new Given(api);
    document = nullableRefs((await request(api.url).get('/api/docs-json').expect(200)).body);
    obec = await given.member({ roles: [{ role: 'obec_admin' }] });
    const partner = await given.partner('สำนักพิมพ์เพื่อครู');
    staff = await given.member({ roles: [{ role: 'partner_staff', scopeId: partner.id }] });
    member = await given.member();
  }, 60_000);

  afterAll(async () => {
    await api?.close();
    await environment?.drop();
  });

  /** The answer's body, after checking it against the route's documented schema. */
  const matches = <Body>(method: string, path: string, body: Body): Body => {
    expect(schemaMismatches(document, responseSchema(document, method, `/api/v1${path}`), body)).toEqual([]);
    return body;
  };

  const pendingPerk = async (title = 'คูปองหนังสือ') => {
    const created = await request(api.url)
      .post('/api/v1/partner/perks')
      .set(staff.auth)
      .send({ title, description: 'ส่วนลดหนังสือสำหรับครู', category: 'voucher', cost: 50, fulfilment: 'manual' })
      .expect(201);
    expect(created.body.review).toBeNull();
    await request(api.url)
      .post(`/api/v1/partner/perks/${created.body.id}/submit`)
      .set(staff.auth)
      .expect(200);
    return created.body.id as string;
  };
  const sendBack = (id: string, body: unknown, auth: Record<string, string> = obec.auth) =>
    request(api.url)
      .post(`/api/v1/admin/perks/${id}/return`)
      .set(auth)
      .send(body as object);
  const partnerPerk = async (id: string) =>
    matches(
      'get',
      '/partner/perks/{id}',
      (await request(api.url).get(`/api/v1/partner/perks/${id}`).set(staff.auth).expect(200)).body,
    );
  const partnerList = async () =>
    matches(
      'get',
      '/partner/perks',
      (await request(api.url).get('/api/v1/partner/perks').set(staff.auth).expect(200)).body,
    );
  const pendingIds = async () =>
    (await request(api.url).get('/api/v1/admin/perks/pending').set(obec.auth).expect(200)).body.items.map(
      (perk: { id: string }) => perk.id,
    );

  it("sends a pending perk back to draft: the partner sees OBEC's note and when; it leaves the approval queue", async () => {
    const id = await pendingPerk('เวิร์กช็อปครูที่ยังไม่ครบ');
    const before = Date.now();

    const answer = matches(
      'post',
      '/admin/perks/{id}/return',
      (await sendBack(id, { reason: '  โปรดระบุเงื่อนไขการใช้สิทธิ์ให้ชัดเจน  ' }).expect(200)).body,
    );
    expect(answer).toMatchObject({
      id,
      status: 'draft',
      review: { note: 'โปรดระบุเงื่อนไขการใช้สิทธิ์ให้ชัดเจน' },
    });

    const own = await partnerPerk(id);
    expect(own.status).toBe('draft');
    expect(own.review.note).toBe('โปรดระบุเงื่อนไขการใช้สิทธิ์ให้ชัดเจน');
    expect(new Date(own.review.at).getTime()).toBeGreaterThanOrEqual(before - 1000);
    const listed = (await partnerList()).items.find((perk: { id: string }) => perk.id === id);
    expect(listed).toMatchObject({ status: 'draft', review: own.review });
    expect(await pendingIds()).not.toContain(id);

    const [audit] = await api.dataSource.query(
      `SELECT actor_id, reason, details FROM audit_log WHERE action = 'perk.returned' AND target_id = $1`,
      [id],
    );
    expect(audit).toEqual({
      actor_id: obec.id,
      reason: 'โปรดระบุเงื่อนไขการใช้สิทธิ์ให้ชัดเจน',
      details: { from: 'pending_approval', to: 'draft' },
    });
  });

  it('clears the note when the partner submits again, and OBEC can then approve it', async () => {
    const id = await pendingPerk('คูปองที่แก้ไขแล้ว');
    await sendBack(id, { reason: 'รูปภาพไม่ชัด' }).expect(200);
    await request(api.url)
      .patch(`/api/v1/partner/perks/${id}`)
      .set(staff.auth)
      .send({ description: 'ส่วนลดหนังสือสำหรับครู ใช้ได้ถึงสิ้นปี' })
      .expect(200);
    expect((await partnerPerk(id)).review.note).toBe('รูปภาพไม่ชัด');

    const resubmitted = matches(
      'post',
      '/partner/perks/{id}/submit',
      (await request(api.url).post(`/api/v1/partner/perks/${id}/submit`).set(staff.auth).expect(200)).body,
    );
    expect(resubmitted).toMatchObject({ status: 'pending_approval', review: null });
    expect((await partnerPerk(id)).review).toBeNull();
    expect(await pendingIds()).toContain(id);

    const approved = await request(api.url)
      .post(`/api/v1/admin/perks/${id}/approve`)
      .set(obec.auth)
      .expect(200);
    expect(approved.body).toMatchObject({ status: 'live', review: null });
    const catalogue = await request(api.url).get(`/api/v1/perks/${id}`).set(member.auth).expect(200);
    expect(catalogue.body.open).toBe(true);
  });

  it('refuses to send back a perk that is not pending approval (409), and leaves it as it was', async () => {
    const live = await pendingPerk('สิทธิ์ที่เปิดแลกแล้ว');
    await request(api.url).post(`/api/v1/admin/perks/${live}/approve`).set(obec.auth).expect(200);
    const refused = await sendBack(live, { reason: 'ส่งกลับไม่ได้' }).expect(409);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(refused.body.code).toBe('PERK_INVALID_TRANSITION');
    expect(await partnerPerk(live)).toMatchObject({ status: 'live', review: null });

    // Sent back once already: a second send-back of the same draft is the same wrong state.
    const returned = await pendingPerk('สิทธิ์ที่ส่งกลับแล้ว');
    await sendBack(returned, { reason: 'ครั้งแรก' }).expect(200);
    expect((await sendBack(returned, { reason: 'ครั้งที่สอง' }).expect(409)).body.code).toBe(
      'PERK_INVALID_TRANSITION',
    );
    expect((await partnerPerk(returned)).review.note).toBe('ครั้งแรก');

    const unknown = await sendBack('01a24d35-c9a3-72b5-ab99-097b52a7d56f', { reason: 'ไม่มีสิทธิ์นี้' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('PERK_NOT_FOUND');
  });

  it.each([
    ['no body at all', undefined],
    ['no reason', {}],
    ['an empty reason', { reason: '' }],
    ['only spaces', { reason: '   ' }],
    ['a reason of 1,001 characters', { reason: 'ก'.repeat(1001) }],
    ['a reason that is not text', { reason: 42 }],
  ])('refuses %s (400 VALIDATION_FAILED) and the perk stays pending', async (_case, body) => {
    const id = await pendingPerk();
    const refused = await sendBack(id, body).expect(400);
    expect(refused.body.code).toBe('VALIDATION_FAILED');
    expect(await partnerPerk(id)).toMatchObject({ status: 'pending_approval', review: null });
  });

  it('lets only one of an approval and a send-back of the same perk at the same moment win', async () => {
    const ids = await Promise.all(Array.from({ length: 6 }, (_, i) => pendingPerk(`คูปองแข่งกัน ${i}`)));
    const outcomes = await Promise.all(
      ids.map(async (id) => {
        const [approved, returned] = await Promise.all([
          request(api.url).post(`/api/v1/admin/perks/${id}/approve`).set(obec.auth),
          sendBack(id, { reason: 'ส่งกลับพร้อมกับการอนุมัติ' }),
        ]);
        return { id, approved, returned };
      }),
    );
    for (const { id, approved, returned } of outcomes) {
      expect([approved.status, returned.status].sort()).toEqual([200, 409]);
      const loser = approved.status === 409 ? approved : returned;
      expect(loser.body.code).toBe('PERK_INVALID_TRANSITION');
      const own = await partnerPerk(id);
      if (approved.status === 200) expect(own).toMatchObject({ status: 'live', review: null });
      else expect(own).toMatchObject({ status: 'draft', review: { note: 'ส่งกลับพร้อมกับการอนุมัติ' } });
    }
  });

  it('takes a reason of exactly 1,000 characters', async () => {
    const id = await pendingPerk();
    await sendBack(id, { reason: 'ข'.repeat(1000) }).expect(200);
    expect((await partnerPerk(id)).review.note).toHaveLength(1000);
  });

  it('is for OBEC admins only: partner staff and members get 403, anonymous 401, and nothing changes', async () => {
    const id = await pendingPerk();
    expect((await sendBack(id, { reason: 'ลองส่งกลับเอง' }, staff.auth)).status).toBe(403);
    expect((await sendBack(id, { reason: 'ลองส่งกลับเอง' }, member.auth)).status).toBe(403);
    expect((await sendBack(id, { reason: 'ลองส่งกลับเอง' }, {})).status).toBe(401);
    expect(await partnerPerk(id)).toMatchObject({ status: 'pending_approval', review: null });
  });
});
