import request from 'supertest';
import { Given } from '../support/given';
import { createTestEnvironment, startTestApp, TestApp, TestEnvironment } from '../support/test-app';

/** Counts, across every text-like column of every table, the rows that contain `needle`. */
async function occurrences(api: TestApp, needle: string): Promise<Record<string, number>> {
  const columns: { table_name: string; column_name: string }[] = await api.dataSource.query(
    `SELECT table_name, column_name FROM information_schema.columns
     WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'character', 'jsonb', 'json', 'ARRAY', 'inet')`,
  );
  const found: Record<string, number> = {};
  for (const { table_name, column_name } of columns) {
    const [{ count }] = await api.dataSource.query(
      `SELECT count(*)::int AS count FROM "${table_name}" WHERE "${column_name}"::text ILIKE '%' || $1 || '%'`,
      [needle],
    );
    if (count > 0) found[`${table_name}.${column_name}`] = count;
  }
  return found;
}

describe('Personal data (PDPA): export and erasure', () => {
  let environment: TestEnvironment;
  let api: TestApp;
  let given: Given;

  beforeAll(async () => {
    environment = await createTestEnvironment();
    api = await startTestApp(environment);
    given = new Given(api);
  });

  afterAll(async () => {
    await api?.close();
    await environment?.drop();
  });

  it('exports everything held about the member as JSON, and nothing about others', async () => {
    const school = await given.school('P81');
    const member = await given.member({ schoolId: school.id });
    const other = await given.member({ schoolId: school.id });
    await request(api.url)
      .patch('/api/v1/me')
      .set(member.auth)
      .send({ phone: '0811111111', bio: 'ชอบสอนวิทยาศาสตร์' })
      .expect(200);
    const exported = await request(api.url).get('/api/v1/me/export').set(member.auth).expect(200);
    expect(exported.body).toMatchObject({
      exportedAt: expect.any(String),
      member: {
        id: member.id,
        email: member.email,
        displayName: member.displayName,
        phone: '0811111111',
        bio: 'ชอบสอนวิทยาศาสตร์',
        school: { id: school.id },
      },
      consents: [
        {
          termsVersion: expect.any(String),
          privacyVersion: expect.any(String),
          consentedAt: expect.any(String),
        },
      ],
    });
    expect(exported.body.sessions.length).toBeGreaterThanOrEqual(1);
    expect(exported.body.activityLog.map((entry: { action: string }) => entry.action)).toEqual(
      expect.arrayContaining(['member.registered', 'member.profile_updated']),
    );
    const text = JSON.stringify(exported.body);
    expect(text).not.toContain('argon2');
    expect(text).not.toContain(other.email);
    expect(text).not.toContain(other.id);
  });

  it('erases: the e-mail and name appear nowhere in the database; the account is closed; others are intact', async () => {
    const school = await given.school('P81');
    const admin = await given.member({ roles: [{ role: 'obec_admin' }] });
    const member = await given.member({ schoolId: school.id, displayName: 'ครูลบข้อมูล ทดสอบการลบ' });
    const other = await given.member({ schoolId: school.id });
    await request(api.url)
      .patch('/api/v1/me')
      .set(member.auth)
      .send({ phone: '0822222222', bio: 'ข้อมูลส่วนตัว', learningAreas: ['MAT'] })
      .expect(200);
    // Something others rely on: a role grant the admin gave the member, and the audit trail of it.
    const grant = await request(api.url)
      .post('/api/v1/admin/role-grants')
      .set(admin.auth)
      .send({
        memberId: member.id,
        role: 'school_admin',
        scopeId: school.id,
        reason: 'head of the maths group',
      })
      .expect(201);
    const login = await request(api.url)
      .post('/api/v1/auth/login')
      .send({ email: member.email, password: member.password })
      .expect(200);

    expect(Object.keys(await occurrences(api, member.email)).length).toBeGreaterThan(0);
    const wrong = await request(api.url)
      .post('/api/v1/me/erasure')
      .set(member.auth)
      .send({ password: 'not-my-password' })
      .expect(403);
    expect(wrong.body.code).toBe('AUTH_WRONG_PASSWORD');
    await request(api.url)
      .post('/api/v1/me/erasure')
      .set(member.auth)
      .send({ password: member.password })
      .expect(204);

    expect(await occurrences(api, member.email)).toEqual({});
    expect(await occurrences(api, member.displayName)).toEqual({});
    expect(await occurrences(api, '0822222222')).toEqual({});
    expect(await occurrences(api, 'ข้อมูลส่วนตัว')).toEqual({});

    // Every session ended, and the old credentials open nothing.
    await request(api.url).get('/api/v1/me').set(member.auth).expect(401);
    await request(api.url)
      .get('/api/v1/me')
      .set('authorization', `Bearer ${login.body.accessToken}`)
      .expect(401);
    await request(api.url)
      .post('/api/v1/auth/refresh')
      .send({ refreshToken: member.refreshToken })
      .expect(401);
    await request(api.url)
      .post('/api/v1/auth/login')
      .send({ email: member.email, password: member.password })
      .expect(401);

    // What others rely on stays: the member row (for attribution), the grant and its audit trail, the other member.
    const profile = await request(api.url).get(`/api/v1/members/${member.id}`).set(other.auth).expect(200);
    expect(profile.body).toMatchObject({
      id: member.id,
      displayName: 'สมาชิกที่ลบบัญชีแล้ว',
      erased: true,
      school: null,
    });
    const [grantRow] = await api.dataSource.query(
      `SELECT member_id, granted_by FROM role_grant WHERE id = $1`,
      [grant.body.id],
    );
    expect(grantRow).toEqual({ member_id: member.id, granted_by: admin.id });
    const [{ count: auditRows }] = await api.dataSource.query(
      `SELECT count(*)::int AS count FROM audit_log WHERE target_id = $1`,
      [member.id],
    );
    expect(auditRows).toBeGreaterThanOrEqual(3);
    expect(Object.keys(await occurrences(api, other.email))).toEqual(['member.email']);
    await request(api.url).get('/api/v1/me').set(other.auth).expect(200);
    const events = await api.dataSource.query(
      `SELECT type FROM outbox_event WHERE type = 'member.erased' AND payload->>'memberId' = $1`,
      [member.id],
    );
    expect(events).toHaveLength(1);
    // The e-mail is free again for a new account.
    await request(api.url)
      .post('/api/v1/auth/register')
      .send({
        email: member.email,
        password: 'a-fresh-start-2026',
        displayName: 'ใหม่',
        memberKind: 'teacher',
        acceptTerms: true,
      })
      .expect(201);
  });
});
