import { createHash, randomBytes } from 'node:crypto';
import request from 'supertest';
import { uuidv7 } from '@lc/core';
import { Given, GivenMember, GivenSchool } from '../support/given';
import { OpenApiDocument, responseSchema, schemaMismatches } from '../support/openapi-shape';
import { createTestEnvironment, startTestApp, TestApp, TestEnvironment } from '../support/test-app';

jest.setTimeout(60_000);

/**
 * The web app's client is generated from the OpenAPI document: the documented answers of the identity routes
 * (auth, me, members, organisations, admin) must be the real ones, null fields and optional ones included.
 */
describe('Identity: the documented answers are the real ones', () => {
  let environment: TestEnvironment;
  let api: TestApp;
  let given: Given;
  let document: OpenApiDocument;
  let school: GivenSchool;
  let obec: GivenMember;
  let areaAdmin: GivenMember;

  const http = () => request(api.url);

  /** The answer matches the schema documented for the route (every property documented, types and nulls right). */
  const matches = (method: string, path: string, body: unknown) =>
    expect(schemaMismatches(document, responseSchema(document, method, `/api/v1${path}`), body)).toEqual([]);

  beforeAll(async () => {
    environment = await createTestEnvironment();
    api = await startTestApp(environment);
    given = new Given(api);
    document = (await http().get('/api/docs-json').expect(200)).body as OpenApiDocument;
    school = await given.school('P81', 'โรงเรียนเอกสาร');
    obec = await given.member({ roles: [{ role: 'obec_admin' }] });
    areaAdmin = await given.member({ roles: [{ role: 'area_admin', scopeId: school.areaId }] });
  });

  afterAll(async () => {
    await api?.close();
    await environment?.drop();
  });

  describe('auth', () => {
    it('register and login: the user with and without a school, the refresh token in the body or not', async () => {
      const email = `responses-${randomBytes(4).toString('hex')}@example.test`;
      const password = `pw-${randomBytes(8).toString('hex')}`;
      const registered = await http()
        .post('/api/v1/auth/register')
        .send({ email, password, displayName: 'ครูเอกสาร', memberKind: 'teacher', acceptTerms: true })
        .expect(201);
      expect(registered.body.user.school).toBeNull();
      expect(registered.body.refreshToken).toEqual(expect.any(String));
      matches('post', '/auth/register', registered.body);

      const withSchool = await http()
        .post('/api/v1/auth/register')
        .set('x-auth-transport', 'cookie')
        .send({
          email: `responses-${randomBytes(4).toString('hex')}@example.test`,
          password,
          displayName: 'ครูมีโรงเรียน',
          memberKind: 'teacher',
          schoolId: school.id,
          acceptTerms: true,
        })
        .expect(201);
      expect(withSchool.body.user.school).toMatchObject({ id: school.id, areaId: school.areaId });
      expect(withSchool.body).not.toHaveProperty('refreshToken');
      matches('post', '/auth/register', withSchool.body);

      const login = await http().post('/api/v1/auth/login').send({ email, password }).expect(200);
      matches('post', '/auth/login', login.body);

      const refreshed = await http()
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: login.body.refreshToken })
        .expect(200);
      expect(refreshed.body.refreshToken).toEqual(expect.any(String));
      matches('post', '/auth/refresh', refreshed.body);

      const cookieLogin = await http()
        .post('/api/v1/auth/login')
        .set('x-auth-transport', 'cookie')
        .send({ email, password })
        .expect(200);
      expect(cookieLogin.body).not.toHaveProperty('refreshToken');
      matches('post', '/auth/login', cookieLogin.body);
      const cookie = String(cookieLogin.headers['set-cookie']).split(';')[0]!;
      const cookieRefresh = await http()
        .post('/api/v1/auth/refresh')
        .set('x-auth-transport', 'cookie')
        .set('cookie', cookie)
        .expect(200);
      expect(cookieRefresh.body).not.toHaveProperty('refreshToken');
      matches('post', '/auth/refresh', cookieRefresh.body);
    });

    it('verify-email and password-reset', async () => {
      const member = await given.member();
      const token = randomBytes(32).toString('base64url');
      await api.dataSource.query(
        `INSERT INTO email_verification (id, member_id, token_hash, expires_at, mail_state)
         VALUES ($1, $2, $3, now() + interval '1 hour', 'sent')`,
        [uuidv7(), member.id, createHash('sha256').update(token).digest('hex')],
      );
      const verified = await http().post('/api/v1/auth/verify-email').send({ token }).expect(200);
      matches('post', '/auth/verify-email', verified.body);

      const reset = await http()
        .post('/api/v1/auth/password-reset')
        .send({ email: member.email })
        .expect(202);
      matches('post', '/auth/password-reset', reset.body);
    });
  });

  describe('me and members', () => {
    it('GET /me with nulls, then with everything filled in and a change awaiting confirmation', async () => {
      const member = await given.member();
      const bare = await http().get('/api/v1/me').set(member.auth).expect(200);
      expect(bare.body).toMatchObject({ school: null, bio: null, phone: null, pendingChange: null });
      matches('get', '/me', bare.body);

      const edited = await http()
        .patch('/api/v1/me')
        .set(member.auth)
        .send({ bio: 'สอนคณิต', phone: '0812345678', academicStanding: 'CP', learningAreas: ['MAT', 'SCI'] })
        .expect(200);
      matches('patch', '/me', edited.body);

      const requested = await http()
        .patch('/api/v1/me')
        .set(member.auth)
        .send({ schoolId: school.id })
        .expect(202);
      expect(requested.body.pendingChange).toMatchObject({ schoolId: school.id });
      matches('patch', '/me', requested.body);

      const admin = await http().get('/api/v1/me').set(areaAdmin.auth).expect(200);
      expect(admin.body.roles).toContainEqual({
        role: 'area_admin',
        scopeType: 'area',
        scopeId: school.areaId,
      });
      matches('get', '/me', admin.body);
      const national = await http().get('/api/v1/me').set(obec.auth).expect(200);
      expect(national.body.roles).toContainEqual({
        role: 'obec_admin',
        scopeType: 'national',
        scopeId: null,
      });
      matches('get', '/me', national.body);
    });

    it('GET /me/export, with sessions, grants (one revoked) and an activity log', async () => {
      const member = await given.member({ schoolId: school.id, roles: [{ role: 'moderator' }] });
      await http().patch('/api/v1/me').set(member.auth).send({ bio: 'ประวัติ' }).expect(200);
      await http()
        .post('/api/v1/admin/role-grants')
        .set(obec.auth)
        .send({ memberId: member.id, role: 'school_admin', scopeId: school.id, reason: 'ดูแลโรงเรียน' })
        .expect(201);
      const [grant] = (await api.dataSource.query(
        `SELECT id FROM role_grant WHERE member_id = $1 AND role = 'moderator'`,
        [member.id],
      )) as { id: string }[];
      await http()
        .delete(`/api/v1/admin/role-grants/${grant!.id}`)
        .set(obec.auth)
        .send({ reason: 'ครบวาระ' })
        .expect(204);
      await http().post('/api/v1/auth/refresh').send({ refreshToken: member.refreshToken }).expect(200);

      const exported = await http().get('/api/v1/me/export').set(member.auth).expect(200);
      expect(exported.body.sessions.length).toBeGreaterThan(0);
      expect(exported.body.roleGrants).toContainEqual(
        expect.objectContaining({ role: 'moderator', grantedBy: null, revokedAt: expect.any(String) }),
      );
      expect(exported.body.activityLog.length).toBeGreaterThan(1);
      expect(exported.body.member.school).toMatchObject({ id: school.id });
      matches('get', '/me/export', exported.body);

      const bare = await given.member();
      const bareExport = await http().get('/api/v1/me/export').set(bare.auth).expect(200);
      expect(bareExport.body.member.school).toBeNull();
      matches('get', '/me/export', bareExport.body);
    });

    it("GET /members/{id}: a member's public profile, and an erased member's", async () => {
      const viewer = await given.member();
      const member = await given.member({ schoolId: school.id });
      const shown = await http().get(`/api/v1/members/${member.id}`).set(viewer.auth).expect(200);
      expect(shown.body.school).toMatchObject({ id: school.id });
      matches('get', '/members/{id}', shown.body);

      await http()
        .post('/api/v1/me/erasure')
        .set(member.auth)
        .send({ password: member.password })
        .expect(204);
      const erased = await http().get(`/api/v1/members/${member.id}`).set(viewer.auth).expect(200);
      expect(erased.body).toMatchObject({ erased: true, memberKind: null, school: null });
      matches('get', '/members/{id}', erased.body);
    });
  });

  describe('organisations', () => {
    it('provinces, areas, one area, schools and one school', async () => {
      matches('get', '/provinces', (await http().get('/api/v1/provinces').expect(200)).body);
      const areas = await http().get('/api/v1/areas').expect(200);
      expect(areas.body.items.some((a: { areaNo: number | null }) => a.areaNo === null)).toBe(true);
      expect(areas.body.items.some((a: { areaNo: number | null }) => a.areaNo !== null)).toBe(true);
      matches('get', '/areas', areas.body);
      matches('get', '/areas/{id}', (await http().get(`/api/v1/areas/${school.areaId}`).expect(200)).body);

      const schools = await http().get('/api/v1/schools').query({ areaId: school.areaId }).expect(200);
      expect(schools.body.items.length).toBeGreaterThan(0);
      matches('get', '/schools', schools.body);
      const one = await http().get(`/api/v1/schools/${school.id}`).expect(200);
      expect(one.body).toMatchObject({ nameEn: null, localOrganisationId: null });
      matches('get', '/schools/{id}', one.body);
    });

    it("an area's and a school's members, a disabled one among them, and a next page", async () => {
      const crowded = await given.school('P81', 'โรงเรียนคนเยอะ');
      const members = await given.members(21, { schoolId: crowded.id });
      await http()
        .post(`/api/v1/admin/members/${members[0]!.id}/disable`)
        .set(areaAdmin.auth)
        .send({ reason: 'ทดสอบการปิดบัญชี' })
        .expect(204);
      const first = await http().get(`/api/v1/schools/${crowded.id}/members`).set(areaAdmin.auth).expect(200);
      expect(first.body.nextCursor).toEqual(expect.any(String));
      matches('get', '/schools/{id}/members', first.body);
      const second = await http()
        .get(`/api/v1/schools/${crowded.id}/members`)
        .query({ cursor: first.body.nextCursor })
        .set(areaAdmin.auth)
        .expect(200);
      expect(second.body.nextCursor).toBeNull();
      matches('get', '/schools/{id}/members', second.body);
      const statuses = [...first.body.items, ...second.body.items].map((m: { status: string }) => m.status);
      expect(statuses.filter((status) => status === 'disabled')).toHaveLength(1);
      matches(
        'get',
        '/areas/{id}/members',
        (await http().get(`/api/v1/areas/${school.areaId}/members`).set(areaAdmin.auth).expect(200)).body,
      );
      await http()
        .post(`/api/v1/admin/members/${members[0]!.id}/enable`)
        .set(areaAdmin.auth)
        .send({ reason: 'ทดสอบการเปิดบัญชี' })
        .expect(204);
    });
  });

  describe('admin', () => {
    it('role grants: granted, listed (one revoked)', async () => {
      const member = await given.member();
      const granted = await http()
        .post('/api/v1/admin/role-grants')
        .set(obec.auth)
        .send({ memberId: member.id, role: 'moderator', reason: 'ช่วยดูแลเนื้อหา' })
        .expect(201);
      expect(granted.body).toMatchObject({ scopeId: null, revokedAt: null });
      matches('post', '/admin/role-grants', granted.body);
      await http()
        .post('/api/v1/admin/role-grants')
        .set(obec.auth)
        .send({ memberId: member.id, role: 'school_admin', scopeId: school.id, reason: 'ดูแลโรงเรียน' })
        .expect(201);
      await http()
        .delete(`/api/v1/admin/role-grants/${granted.body.id}`)
        .set(obec.auth)
        .send({ reason: 'ครบวาระ' })
        .expect(204);
      const listed = await http()
        .get('/api/v1/admin/role-grants')
        .query({ memberId: member.id })
        .set(obec.auth)
        .expect(200);
      expect(listed.body.items).toHaveLength(2);
      expect(listed.body.items.some((g: { revokedAt: string | null }) => g.revokedAt !== null)).toBe(true);
      matches('get', '/admin/role-grants', listed.body);
    });

    it('imports: the report, with the rows skipped (with and without a key)', async () => {
      const code = String(100_000_000 + Math.floor(Math.random() * 899_999_999));
      const schools = await http()
        .post('/api/v1/admin/imports/schools')
        .query({ skipInvalid: 'true' })
        .set(obec.auth)
        .set('content-type', 'text/csv')
        .send(
          'code,name_th,name_en,area_code,province_code,local_org_code,local_org_name_th\n' +
            `${code},โรงเรียนนำเข้า,Imported School,P81,81,,\n` +
            ',โรงเรียนไม่มีรหัส,,P81,81,,\n' +
            '12345678,โรงเรียนผิดเขต,,ZZ9,81,,\n',
        )
        .expect(200);
      expect(schools.body).toMatchObject({ received: 3, created: 1, skipped: 2 });
      expect(schools.body.errors[0]).not.toHaveProperty('key');
      expect(schools.body.errors[1]).toHaveProperty('key', '12345678');
      matches('post', '/admin/imports/schools', schools.body);

      const areas = await http()
        .post('/api/v1/admin/imports/areas')
        .query({ skipInvalid: 'true' })
        .set(obec.auth)
        .set('content-type', 'text/csv')
        .send(
          'code,level,name_th,name_en,province_th,area_no\n' +
            '99,secondary,สำนักงานเขตพื้นที่การศึกษามัธยมศึกษาทดสอบ,,กระบี่,\n' +
            ',tertiary,สำนักงานทดสอบ,,กระบี่,\n',
        )
        .expect(200);
      expect(areas.body).toMatchObject({ received: 2, skipped: 1 });
      matches('post', '/admin/imports/areas', areas.body);
    });

    it('profile changes: listed, approved, rejected', async () => {
      const other = await given.school('P81', 'โรงเรียนปลายทาง');
      const leaving = await given.member({ schoolId: school.id });
      const joining = await given.member();
      await http().patch('/api/v1/me').set(leaving.auth).send({ schoolId: null }).expect(202);
      await http().patch('/api/v1/me').set(joining.auth).send({ schoolId: other.id }).expect(202);

      const listed = await http().get('/api/v1/admin/profile-changes').set(areaAdmin.auth).expect(200);
      const items = listed.body.items as { id: string; member: { id: string } }[];
      const leave = items.find((item) => item.member.id === leaving.id)!;
      const join = items.find((item) => item.member.id === joining.id)!;
      expect(leave).toMatchObject({ to: { schoolId: null, schoolName: null }, decidedAt: null });
      expect(join).toMatchObject({ from: { schoolId: null, schoolName: null } });
      matches('get', '/admin/profile-changes', listed.body);

      const approved = await http()
        .post(`/api/v1/admin/profile-changes/${join.id}/approve`)
        .set(areaAdmin.auth)
        .expect(200);
      expect(approved.body).toMatchObject({ status: 'approved', reason: null, decidedBy: areaAdmin.id });
      matches('post', '/admin/profile-changes/{id}/approve', approved.body);
      const rejected = await http()
        .post(`/api/v1/admin/profile-changes/${leave.id}/reject`)
        .set(areaAdmin.auth)
        .send({ reason: 'ยังสอนอยู่ที่โรงเรียนนี้' })
        .expect(200);
      expect(rejected.body).toMatchObject({ status: 'rejected', reason: expect.any(String) });
      matches('post', '/admin/profile-changes/{id}/reject', rejected.body);

      const decided = await http()
        .get('/api/v1/admin/profile-changes')
        .query({ status: 'rejected' })
        .set(obec.auth)
        .expect(200);
      expect(decided.body.items.length).toBeGreaterThan(0);
      matches('get', '/admin/profile-changes', decided.body);
    });
  });

  it('documents every identity route with no body as such (204 / 202 without content)', () => {
    const noBody: [string, string, string][] = [
      ['post', '/auth/logout', '204'],
      ['post', '/auth/password-reset/confirm', '204'],
      ['post', '/me/verify-email', '202'],
      ['delete', '/me/pending-change', '204'],
      ['post', '/me/password', '204'],
      ['post', '/me/erasure', '204'],
      ['delete', '/admin/role-grants/{id}', '204'],
      ['post', '/admin/members/{id}/disable', '204'],
      ['post', '/admin/members/{id}/enable', '204'],
    ];
    for (const [method, path, status] of noBody) {
      const responses = document.paths[`/api/v1${path}`]?.[method]?.responses ?? {};
      expect([method, path, Object.keys(responses)]).toEqual([method, path, [status]]);
      expect(responses[status]?.content).toBeUndefined();
    }
  });
});
