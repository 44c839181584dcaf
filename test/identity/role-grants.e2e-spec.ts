import request from 'supertest';
import { Given, GivenMember, GivenSchool } from '../support/given';
import { createTestEnvironment, startTestApp, TestApp, TestEnvironment } from '../support/test-app';

describe('Role grants', () => {
  let environment: TestEnvironment;
  let api: TestApp;
  let given: Given;
  let obec: GivenMember;
  let areaAdmin: GivenMember;
  let schoolHere: GivenSchool;
  let schoolElsewhere: GivenSchool;

  beforeAll(async () => {
    environment = await createTestEnvironment();
    api = await startTestApp(environment);
    given = new Given(api);
    schoolHere = await given.school('P81');
    schoolElsewhere = await given.school('P10');
    obec = await given.member({ roles: [{ role: 'obec_admin' }] });
    areaAdmin = await given.member({ roles: [{ role: 'area_admin', scopeId: schoolHere.areaId }] });
  });

  afterAll(async () => {
    await api?.close();
    await environment?.drop();
  });

  const grant = (by: GivenMember, body: object) =>
    request(api.url).post('/api/v1/admin/role-grants').set(by.auth).send(body);

  it('grants, shows the role in /me at once, audits who, when, what and why, and revokes', async () => {
    const teacher = await given.member({ schoolId: schoolHere.id });
    const created = await grant(areaAdmin, {
      memberId: teacher.id,
      role: 'school_admin',
      scopeId: schoolHere.id,
      reason: 'วิชาการโรงเรียน',
    }).expect(201);
    expect(created.body).toMatchObject({
      memberId: teacher.id,
      role: 'school_admin',
      scopeType: 'school',
      scopeId: schoolHere.id,
      grantedBy: areaAdmin.id,
    });
    const me = await request(api.url).get('/api/v1/me').set(teacher.auth).expect(200);
    expect(me.body.roles).toContainEqual({
      role: 'school_admin',
      scopeType: 'school',
      scopeId: schoolHere.id,
    });
    // The new school admin can now see the school's members.
    await request(api.url).get(`/api/v1/schools/${schoolHere.id}/members`).set(teacher.auth).expect(200);

    await request(api.url)
      .delete(`/api/v1/admin/role-grants/${created.body.id}`)
      .set(obec.auth)
      .send({ reason: 'moved school' })
      .expect(204);
    const after = await request(api.url).get('/api/v1/me').set(teacher.auth).expect(200);
    expect(after.body.roles).toEqual([{ role: 'member', scopeType: 'self', scopeId: teacher.id }]);
    await request(api.url).get(`/api/v1/schools/${schoolHere.id}/members`).set(teacher.auth).expect(403);

    const audit = await api.dataSource.query(
      `SELECT action, actor_id, reason, details->>'role' AS role, occurred_at FROM audit_log WHERE target_id = $1 AND action LIKE 'role.%' ORDER BY seq`,
      [teacher.id],
    );
    expect(audit).toEqual([
      {
        action: 'role.granted',
        actor_id: areaAdmin.id,
        reason: 'วิชาการโรงเรียน',
        role: 'school_admin',
        occurred_at: expect.any(Date),
      },
      {
        action: 'role.revoked',
        actor_id: obec.id,
        reason: 'moved school',
        role: 'school_admin',
        occurred_at: expect.any(Date),
      },
    ]);
    const events = await api.dataSource.query(
      `SELECT type FROM outbox_event WHERE payload->>'memberId' = $1 AND type LIKE 'role.%' ORDER BY seq`,
      [teacher.id],
    );
    expect(events.map((e: { type: string }) => e.type)).toEqual(['role.granted', 'role.revoked']);
  });

  it('keeps an area admin inside its area and to school_admin only', async () => {
    const teacher = await given.member();
    expect(
      (
        await grant(areaAdmin, {
          memberId: teacher.id,
          role: 'school_admin',
          scopeId: schoolElsewhere.id,
          reason: 'not mine',
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await grant(areaAdmin, {
          memberId: teacher.id,
          role: 'area_admin',
          scopeId: schoolHere.areaId,
          reason: 'escalate',
        })
      ).status,
    ).toBe(403);
    expect(
      (await grant(areaAdmin, { memberId: teacher.id, role: 'obec_admin', reason: 'escalate' })).status,
    ).toBe(403);
    const [{ count }] = await api.dataSource.query(
      `SELECT count(*)::int AS count FROM role_grant WHERE member_id = $1`,
      [teacher.id],
    );
    expect(count).toBe(0);
  });

  it('binds partner staff to one partner and refuses duplicate grants', async () => {
    const [first, second] = [await given.partner('ภาคีหนึ่ง'), await given.partner('ภาคีสอง')];
    const staff = await given.member();
    await grant(obec, {
      memberId: staff.id,
      role: 'partner_staff',
      scopeId: first.id,
      reason: 'staff of partner one',
    }).expect(201);
    const again = await grant(obec, {
      memberId: staff.id,
      role: 'partner_staff',
      scopeId: first.id,
      reason: 'again',
    }).expect(409);
    expect(again.body.code).toBe('IDENTITY_GRANT_EXISTS');
    const other = await grant(obec, {
      memberId: staff.id,
      role: 'partner_staff',
      scopeId: second.id,
      reason: 'second partner',
    }).expect(409);
    expect(other.body.code).toBe('IDENTITY_ONE_PARTNER');
  });

  it('checks the scope against the role and that it exists', async () => {
    const teacher = await given.member();
    const missingScope = await grant(obec, {
      memberId: teacher.id,
      role: 'school_admin',
      reason: 'no school',
    }).expect(400);
    expect(missingScope.body.code).toBe('IDENTITY_ROLE_SCOPE_MISMATCH');
    const nationalWithScope = await grant(obec, {
      memberId: teacher.id,
      role: 'moderator',
      scopeId: schoolHere.id,
      reason: 'scoped',
    }).expect(400);
    expect(nationalWithScope.body.code).toBe('IDENTITY_ROLE_SCOPE_MISMATCH');
    const unknown = await grant(obec, {
      memberId: teacher.id,
      role: 'area_admin',
      scopeId: '01900000-0000-7000-8000-000000000000',
      reason: 'ghost',
    }).expect(400);
    expect(unknown.body.code).toBe('IDENTITY_SCOPE_NOT_FOUND');
    const member = await grant(obec, { memberId: teacher.id, role: 'member', reason: 'x' }).expect(400);
    expect(member.body.code).toBe('VALIDATION_FAILED');
    const noReason = await grant(obec, { memberId: teacher.id, role: 'moderator' }).expect(400);
    expect(noReason.body.errors[0].field).toBe('reason');
  });

  it('lists grants: OBEC sees all, an area admin only those in its area', async () => {
    const elsewhere = await given.member({ roles: [{ role: 'school_admin', scopeId: schoolElsewhere.id }] });
    const here = await given.member({ roles: [{ role: 'school_admin', scopeId: schoolHere.id }] });
    const byArea = await request(api.url).get('/api/v1/admin/role-grants').set(areaAdmin.auth).expect(200);
    const memberIds = byArea.body.items.map((g: { memberId: string }) => g.memberId);
    expect(memberIds).toContain(here.id);
    expect(memberIds).not.toContain(elsewhere.id);
    const all = await request(api.url).get('/api/v1/admin/role-grants').set(obec.auth).expect(200);
    expect(all.body.items.map((g: { memberId: string }) => g.memberId)).toEqual(
      expect.arrayContaining([here.id, elsewhere.id]),
    );
  });
});
