import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { Given, GivenMember, GivenSchool } from '../support/given';
import { createTestEnvironment, startTestApp, TestApp, TestEnvironment } from '../support/test-app';

jest.setTimeout(30_000);

/**
 * School and member kind decide eligibility, scope and the cockpit's counts: a member asks for a change with
 * PATCH /me, and it takes effect only once an admin of the school asked for (or of its area, or OBEC) confirms it.
 */
describe('Identity: changes of school and member kind are confirmed by an admin', () => {
  let environment: TestEnvironment;
  let api: TestApp;
  let given: Given;
  let obec: GivenMember;
  let staff: GivenMember;
  /** P81 is the teachers' home area; S01 is the other area the perk is limited to. */
  let home: GivenSchool;
  let elsewhere: GivenSchool;
  let areaAdminHome: GivenMember;
  let areaAdminElsewhere: GivenMember;
  let executivesElsewherePerk: string;

  const http = () => request(api.url);
  const me = async (member: GivenMember) =>
    (await http().get('/api/v1/me').set(member.auth).expect(200)).body;
  const patchMe = (member: GivenMember, body: Record<string, unknown>) =>
    http().patch('/api/v1/me').set(member.auth).send(body);
  const redeem = (member: GivenMember, perkId: string) =>
    http()
      .post(`/api/v1/perks/${perkId}/redemptions`)
      .set(member.auth)
      .set('idempotency-key', randomUUID())
      .send({});
  const pendingOf = async (memberId: string) =>
    (await api.dataSource.query(
      `SELECT id, school_id, member_kind FROM profile_change_request WHERE member_id = $1 AND status = 'pending'`,
      [memberId],
    )) as { id: string; school_id: string | null; member_kind: string }[];
  const memberRow = async (memberId: string) =>
    (
      (await api.dataSource.query(`SELECT school_id, member_kind FROM member WHERE id = $1`, [memberId])) as {
        school_id: string | null;
        member_kind: string;
      }[]
    )[0]!;
  const audit = async (memberId: string) =>
    (await api.dataSource.query(
      `SELECT action, actor_id, reason, details FROM audit_log WHERE target_type = 'member' AND target_id = $1 ORDER BY seq`,
      [memberId],
    )) as { action: string; actor_id: string; reason: string | null; details: Record<string, unknown> }[];
  const listed = async (admin: GivenMember, status = 'pending') =>
    (await http().get(`/api/v1/admin/profile-changes?status=${status}`).set(admin.auth).expect(200)).body
      .items as { id: string; member: { id: string } }[];

  /** A live perk built the way partners and OBEC make one (as test/marketplace/redemptions does). */
  const livePerk = async (fields: Record<string, unknown>) => {
    const created = await http()
      .post('/api/v1/partner/perks')
      .set(staff.auth)
      .send({
        title: 'สิทธิ์สำหรับผู้บริหารการศึกษา',
        description: 'สิทธิประโยชน์เฉพาะผู้บริหารการศึกษาในเขตพื้นที่',
        category: 'voucher',
        cost: 10,
        stock: null,
        fulfilment: 'generated_code',
        ...fields,
      })
      .expect(201);
    await http().post(`/api/v1/partner/perks/${created.body.id}/submit`).set(staff.auth).expect(200);
    await http().post(`/api/v1/admin/perks/${created.body.id}/approve`).set(obec.auth).expect(200);
    return created.body.id as string;
  };

  beforeAll(async () => {
    environment = await createTestEnvironment();
    api = await startTestApp(environment);
    given = new Given(api);
    obec = await given.member({ roles: [{ role: 'obec_admin' }] });
    const partner = await http()
      .post('/api/v1/admin/partners')
      .set(obec.auth)
      .send({ code: 'exec-perks', nameTh: 'ภาคีเพื่อผู้บริหาร', nameEn: 'Partners of executives' })
      .expect(201);
    staff = await given.member({ roles: [{ role: 'partner_staff', scopeId: partner.body.id }] });
    home = await given.school('P81', 'โรงเรียนบ้านเดิม');
    elsewhere = await given.school('S01', 'โรงเรียนเขตอื่น');
    areaAdminHome = await given.member({ roles: [{ role: 'area_admin', scopeId: home.areaId }] });
    areaAdminElsewhere = await given.member({ roles: [{ role: 'area_admin', scopeId: elsewhere.areaId }] });
    executivesElsewherePerk = await livePerk({
      eligibility: { areaIds: [elsewhere.areaId], memberKinds: ['executive'] },
    });
  }, 60_000);

  afterAll(async () => {
    await api?.close();
    await environment?.drop();
  });

  it('refuses the self-granted eligibility: PATCH /me answers 202 and the perk is still PERK_NOT_ELIGIBLE', async () => {
    const teacher = await given.member({ schoolId: home.id });
    await given.points(teacher.id, 100);
    expect((await redeem(teacher, executivesElsewherePerk).expect(403)).body.code).toBe('PERK_NOT_ELIGIBLE');

    const asked = await patchMe(teacher, { schoolId: elsewhere.id, memberKind: 'executive' }).expect(202);
    expect(asked.body).toMatchObject({
      memberKind: 'teacher',
      school: { id: home.id },
      pendingChange: { schoolId: elsewhere.id, memberKind: 'executive', requestedAt: expect.any(String) },
    });

    const refused = await redeem(teacher, executivesElsewherePerk).expect(403);
    expect(refused.body.code).toBe('PERK_NOT_ELIGIBLE');
    expect(await memberRow(teacher.id)).toEqual({ school_id: home.id, member_kind: 'teacher' });
    const shown = await me(teacher);
    expect(shown.pendingChange).toMatchObject({ schoolId: elsewhere.id, memberKind: 'executive' });
    const [{ count }] = await api.dataSource.query(
      `SELECT count(*)::int AS count FROM redemption WHERE member_id = $1`,
      [teacher.id],
    );
    expect(count).toBe(0);
    expect((await audit(teacher.id)).map((entry) => entry.action)).toContain(
      'member.profile_change_requested',
    );
  });

  it("lets the area admin of the new school's area approve: the change takes effect and is audited", async () => {
    const teacher = await given.member({ schoolId: home.id });
    await given.points(teacher.id, 100);
    await patchMe(teacher, { schoolId: elsewhere.id, memberKind: 'executive' }).expect(202);
    const [pending] = await pendingOf(teacher.id);

    // Not the area admin of the school the member leaves, nor a school admin of it, nor the member.
    expect((await listed(areaAdminHome)).map((item) => item.id)).not.toContain(pending!.id);
    const wrongArea = await http()
      .post(`/api/v1/admin/profile-changes/${pending!.id}/approve`)
      .set(areaAdminHome.auth)
      .expect(403);
    expect(wrongArea.body.code).toBe('FORBIDDEN');
    const schoolAdminHome = await given.member({ roles: [{ role: 'school_admin', scopeId: home.id }] });
    await http()
      .post(`/api/v1/admin/profile-changes/${pending!.id}/approve`)
      .set(schoolAdminHome.auth)
      .expect(403);
    await http().post(`/api/v1/admin/profile-changes/${pending!.id}/approve`).set(teacher.auth).expect(403);
    expect(await memberRow(teacher.id)).toEqual({ school_id: home.id, member_kind: 'teacher' });
    await redeem(teacher, executivesElsewherePerk).expect(403);

    const item = (await listed(areaAdminElsewhere)).find((entry) => entry.id === pending!.id);
    expect(item).toMatchObject({
      member: { id: teacher.id, displayName: teacher.displayName },
      from: { schoolId: home.id, memberKind: 'teacher' },
      to: { schoolId: elsewhere.id, memberKind: 'executive' },
      status: 'pending',
    });
    const approved = await http()
      .post(`/api/v1/admin/profile-changes/${pending!.id}/approve`)
      .set(areaAdminElsewhere.auth)
      .expect(200);
    expect(approved.body).toMatchObject({ status: 'approved', decidedBy: areaAdminElsewhere.id });

    expect(await me(teacher)).toMatchObject({
      memberKind: 'executive',
      school: { id: elsewhere.id, areaId: elsewhere.areaId },
      pendingChange: null,
    });
    await redeem(teacher, executivesElsewherePerk).expect(201);
    const approval = (await audit(teacher.id)).find(
      (entry) => entry.action === 'member.profile_change_approved',
    );
    expect(approval).toMatchObject({
      actor_id: areaAdminElsewhere.id,
      details: {
        requestId: pending!.id,
        from: { schoolId: home.id, memberKind: 'teacher' },
        to: { schoolId: elsewhere.id, memberKind: 'executive' },
      },
    });
    const again = await http()
      .post(`/api/v1/admin/profile-changes/${pending!.id}/approve`)
      .set(obec.auth)
      .expect(409);
    expect(again.body.code).toBe('IDENTITY_PROFILE_CHANGE_DECIDED');
    expect((await listed(areaAdminElsewhere, 'approved')).map((entry) => entry.id)).toContain(pending!.id);
  });

  it("lets the new school's school_admin approve; nobody decides their own request", async () => {
    const teacher = await given.member({ schoolId: home.id });
    const schoolAdminThere = await given.member({ roles: [{ role: 'school_admin', scopeId: elsewhere.id }] });
    await patchMe(teacher, { schoolId: elsewhere.id }).expect(202);
    const [pending] = await pendingOf(teacher.id);
    expect((await listed(schoolAdminThere)).map((item) => item.id)).toContain(pending!.id);
    await http()
      .post(`/api/v1/admin/profile-changes/${pending!.id}/approve`)
      .set(schoolAdminThere.auth)
      .expect(200);
    expect(await memberRow(teacher.id)).toEqual({ school_id: elsewhere.id, member_kind: 'teacher' });

    // An area admin who asks to join a school of their own area waits for someone else.
    const admin = await given.member({
      schoolId: home.id,
      roles: [{ role: 'area_admin', scopeId: elsewhere.areaId }],
    });
    await patchMe(admin, { schoolId: elsewhere.id, memberKind: 'executive' }).expect(202);
    const [own] = await pendingOf(admin.id);
    expect((await listed(admin)).map((item) => item.id)).not.toContain(own!.id);
    const refused = await http()
      .post(`/api/v1/admin/profile-changes/${own!.id}/approve`)
      .set(admin.auth)
      .expect(403);
    expect(refused.body.code).toBe('IDENTITY_PROFILE_CHANGE_OWN');
    expect(await memberRow(admin.id)).toEqual({ school_id: home.id, member_kind: 'teacher' });
  });

  it('changes nothing when a request is rejected (with a reason, audited)', async () => {
    const teacher = await given.member({ schoolId: home.id });
    await patchMe(teacher, { memberKind: 'executive' }).expect(202);
    const [pending] = await pendingOf(teacher.id);
    const noReason = await http()
      .post(`/api/v1/admin/profile-changes/${pending!.id}/reject`)
      .set(areaAdminHome.auth)
      .send({})
      .expect(400);
    expect(noReason.body.code).toBe('VALIDATION_FAILED');
    // A change of kind alone is decided in the member's current school and area.
    await http()
      .post(`/api/v1/admin/profile-changes/${pending!.id}/reject`)
      .set(areaAdminElsewhere.auth)
      .send({ reason: 'ไม่ใช่ผู้บริหารการศึกษา' })
      .expect(403);
    const rejected = await http()
      .post(`/api/v1/admin/profile-changes/${pending!.id}/reject`)
      .set(areaAdminHome.auth)
      .send({ reason: 'ไม่ใช่ผู้บริหารการศึกษา' })
      .expect(200);
    expect(rejected.body).toMatchObject({ status: 'rejected', reason: 'ไม่ใช่ผู้บริหารการศึกษา' });
    expect(await memberRow(teacher.id)).toEqual({ school_id: home.id, member_kind: 'teacher' });
    expect((await me(teacher)).pendingChange).toBeNull();
    expect(await pendingOf(teacher.id)).toEqual([]);
    const rejection = (await audit(teacher.id)).find(
      (entry) => entry.action === 'member.profile_change_rejected',
    );
    expect(rejection).toMatchObject({ actor_id: areaAdminHome.id, reason: 'ไม่ใช่ผู้บริหารการศึกษา' });
    await http()
      .post(`/api/v1/admin/profile-changes/${pending!.id}/approve`)
      .set(areaAdminHome.auth)
      .expect(409);
    expect(await memberRow(teacher.id)).toEqual({ school_id: home.id, member_kind: 'teacher' });
  });

  it('still applies the display name and other fields at once (200), beside a requested change (202)', async () => {
    const teacher = await given.member({ schoolId: home.id });
    const renamed = await patchMe(teacher, { displayName: 'ครูเปลี่ยนชื่อ', bio: 'สอนภาษาไทย' }).expect(200);
    expect(renamed.body).toMatchObject({ displayName: 'ครูเปลี่ยนชื่อ', bio: 'สอนภาษาไทย', pendingChange: null });

    const both = await patchMe(teacher, { displayName: 'ครูชื่อใหม่', memberKind: 'executive' }).expect(202);
    expect(both.body).toMatchObject({
      displayName: 'ครูชื่อใหม่',
      memberKind: 'teacher',
      pendingChange: { schoolId: home.id, memberKind: 'executive' },
    });
    // The current school and kind, sent again by a form, ask for nothing; the pending request stays.
    const same = await patchMe(teacher, { displayName: 'ครูชื่อใหม่อีก', schoolId: home.id }).expect(200);
    expect(same.body).toMatchObject({
      displayName: 'ครูชื่อใหม่อีก',
      pendingChange: { memberKind: 'executive' },
    });
    expect(await memberRow(teacher.id)).toEqual({ school_id: home.id, member_kind: 'teacher' });
  });

  it('keeps one pending request per member: asking again replaces it, and the member may withdraw it', async () => {
    const teacher = await given.member({ schoolId: home.id });
    await patchMe(teacher, { schoolId: elsewhere.id }).expect(202);
    const [first] = await pendingOf(teacher.id);
    const third = await given.school('S01', 'โรงเรียนที่สาม');
    await patchMe(teacher, { schoolId: third.id }).expect(202);
    // The replaced request can't be approved any more: an admin approves only what they read.
    const replaced = await http()
      .post(`/api/v1/admin/profile-changes/${first!.id}/approve`)
      .set(areaAdminElsewhere.auth)
      .expect(409);
    expect(replaced.body.code).toBe('IDENTITY_PROFILE_CHANGE_DECIDED');

    const answers = await Promise.all(
      [elsewhere, third, elsewhere, third, elsewhere, third].map((school) =>
        patchMe(teacher, { schoolId: school.id }),
      ),
    );
    expect(answers.map((answer) => answer.status)).toEqual([202, 202, 202, 202, 202, 202]);
    const pending = await pendingOf(teacher.id);
    expect(pending).toHaveLength(1);
    expect(await memberRow(teacher.id)).toEqual({ school_id: home.id, member_kind: 'teacher' });

    await http().delete('/api/v1/me/pending-change').set(teacher.auth).expect(204);
    expect(await pendingOf(teacher.id)).toEqual([]);
    expect((await me(teacher)).pendingChange).toBeNull();
    const none = await http().delete('/api/v1/me/pending-change').set(teacher.auth).expect(404);
    expect(none.body.code).toBe('IDENTITY_PROFILE_CHANGE_NOT_FOUND');
    await http()
      .post(`/api/v1/admin/profile-changes/${pending[0]!.id}/approve`)
      .set(areaAdminElsewhere.auth)
      .expect(409);
    expect(await memberRow(teacher.id)).toEqual({ school_id: home.id, member_kind: 'teacher' });
    expect((await audit(teacher.id)).map((entry) => entry.action)).toContain(
      'member.profile_change_cancelled',
    );
  });

  it('asks for confirmation when a member without a school picks one, and refuses unknown schools and kinds', async () => {
    const newcomer = await given.member();
    const asked = await patchMe(newcomer, { schoolId: elsewhere.id }).expect(202);
    expect(asked.body).toMatchObject({ school: null, pendingChange: { schoolId: elsewhere.id } });
    expect(await memberRow(newcomer.id)).toEqual({ school_id: null, member_kind: 'teacher' });

    const teacher = await given.member({ schoolId: home.id });
    const unknownSchool = await patchMe(teacher, { schoolId: randomUUID() }).expect(400);
    expect(unknownSchool.body.code).toBe('IDENTITY_SCHOOL_NOT_FOUND');
    const unknownKind = await patchMe(teacher, { memberKind: 'emperor' }).expect(400);
    expect(unknownKind.body.code).toBe('IDENTITY_UNKNOWN_CODE');
    expect(await pendingOf(teacher.id)).toEqual([]);
    const badCursor = await http()
      .get('/api/v1/admin/profile-changes?cursor=bm90LWEtY3Vyc29y')
      .set(obec.auth)
      .expect(400);
    expect(badCursor.body.code).toBe('PAGINATION_INVALID_CURSOR');
    await http().get('/api/v1/admin/profile-changes?status=everything').set(obec.auth).expect(400);
    await http().get('/api/v1/admin/profile-changes').set(teacher.auth).expect(403);
    // And the service keeps answering.
    await http().get('/api/v1/me').set(teacher.auth).expect(200);
  });
});
