import { createHmac } from 'node:crypto';
import request from 'supertest';
import { createTestEnvironment, startTestApp, TestApp, TestEnvironment } from '../support/test-app';
import { Given, GivenSchool } from '../support/given';

const SECRET = 'test-secret-for-the-e2e-suites-only-0123456789';

function b64(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function forge(header: object, payload: object, secret: string | null): string {
  const unsigned = `${b64(header)}.${b64(payload)}`;
  const signature = secret === null ? '' : createHmac('sha256', secret).update(unsigned).digest('base64url');
  return `${unsigned}.${signature}`;
}

function claimsOf(token: string): {
  sub: string;
  sid: string;
  iss: string;
  aud: string;
  exp: number;
  iat: number;
} {
  return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString());
}

describe('Authentication', () => {
  let environment: TestEnvironment;
  let api: TestApp;
  let given: Given;
  let school: GivenSchool;

  beforeAll(async () => {
    // Rotation without the grace window for a second presentation: refresh-grace.e2e-spec.ts covers the window.
    environment = await createTestEnvironment({ REFRESH_REUSE_GRACE_SECONDS: '0' });
    api = await startTestApp(environment);
    given = new Given(api);
    school = await given.school('P81');
  });

  afterAll(async () => {
    await api?.close();
    await environment?.drop();
  });

  const memberCount = async () =>
    Number((await api.dataSource.query(`SELECT count(*) FROM member`))[0].count);

  describe('register', () => {
    it('creates a member of a school, records consent and returns tokens', async () => {
      const response = await request(api.url)
        .post('/api/v1/auth/register')
        .send({
          email: '  Kru.Somchai@Example.Test ',
          password: 'สอนสนุกทุกวัน2569',
          displayName: 'ครูสมชาย ใจดี',
          memberKind: 'teacher',
          schoolId: school.id,
          acceptTerms: true,
        })
        .expect(201);
      expect(response.body).toMatchObject({
        user: { id: expect.any(String), email: 'kru.somchai@example.test', displayName: 'ครูสมชาย ใจดี' },
        accessToken: expect.any(String),
        refreshToken: expect.any(String),
      });
      const me = await request(api.url)
        .get('/api/v1/me')
        .set('authorization', `Bearer ${response.body.accessToken}`)
        .expect(200);
      expect(me.body).toMatchObject({
        id: response.body.user.id,
        email: 'kru.somchai@example.test',
        displayName: 'ครูสมชาย ใจดี',
        memberKind: 'teacher',
        roles: [{ role: 'member', scopeType: 'self', scopeId: response.body.user.id }],
        school: { id: school.id, name: expect.stringContaining('โรงเรียนทดสอบ'), areaId: school.areaId },
      });
      expect(me.body.consent).toMatchObject({
        termsVersion: expect.any(String),
        privacyVersion: expect.any(String),
      });
      const [row] = await api.dataSource.query(`SELECT password_hash FROM member WHERE id = $1`, [
        response.body.user.id,
      ]);
      expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,(p=1,t=2|t=2,p=1)\$/);
      const events = await api.dataSource.query(
        `SELECT type, payload FROM outbox_event WHERE payload->>'memberId' = $1`,
        [response.body.user.id],
      );
      expect(events).toEqual([
        {
          type: 'member.registered',
          payload: expect.objectContaining({ schoolId: school.id, areaId: school.areaId }),
        },
      ]);
    });

    it('answers 409 AUTH_EMAIL_TAKEN for an e-mail in use, whatever its case', async () => {
      const existing = await given.member();
      const response = await request(api.url)
        .post('/api/v1/auth/register')
        .send({
          email: existing.email.toUpperCase(),
          password: 'another-good-password',
          displayName: 'x',
          memberKind: 'teacher',
          acceptTerms: true,
        })
        .expect(409);
      expect(response.body.code).toBe('AUTH_EMAIL_TAKEN');
    });

    it('lets exactly one of many concurrent sign-ups with one e-mail through', async () => {
      const body = {
        email: 'race@example.test',
        password: 'a-fine-password-1',
        displayName: 'แข่ง',
        memberKind: 'teacher',
        acceptTerms: true,
      };
      const statuses = await Promise.all(
        Array.from({ length: 8 }, () =>
          request(api.url)
            .post('/api/v1/auth/register')
            .send(body)
            .then((r) => r.status),
        ),
      );
      expect(statuses.filter((s) => s === 201)).toHaveLength(1);
      expect(statuses.filter((s) => s === 409)).toHaveLength(7);
    });

    it.each([
      ['too short', 'short1'],
      ['a common password', 'password123'],
      ['a Thai common password', 'รหัสผ่าน123'],
      ['the e-mail itself', 'weak.pw@example.test'],
    ])('refuses %s with AUTH_WEAK_PASSWORD', async (_label, password) => {
      const before = await memberCount();
      const response = await request(api.url).post('/api/v1/auth/register').send({
        email: 'weak.pw@example.test',
        password,
        displayName: 'x',
        memberKind: 'teacher',
        acceptTerms: true,
      });
      expect(response.status).toBe(400);
      expect(['AUTH_WEAK_PASSWORD', 'VALIDATION_FAILED']).toContain(response.body.code);
      expect(await memberCount()).toBe(before);
    });

    it('accepts long passphrases of any characters without composition rules', async () => {
      await request(api.url)
        .post('/api/v1/auth/register')
        .send({
          email: 'phrase@example.test',
          password: 'ครูไทยใจดีชอบสอนเด็กๆทุกวัน',
          displayName: 'x',
          memberKind: 'teacher',
          acceptTerms: true,
        })
        .expect(201);
    });

    it.each([
      ['roles', { roles: [{ role: 'obec_admin' }] }],
      ['id', { id: '00000000-0000-7000-8000-000000000000' }],
      ['an unknown field', { isAdmin: true }],
      ['status', { status: 'active' }],
    ])('refuses mass assignment of %s with 400 and changes nothing', async (field, extra) => {
      const before = await memberCount();
      const response = await request(api.url)
        .post('/api/v1/auth/register')
        .send({
          email: `mass-${field.length}@example.test`,
          password: 'a-fine-password-1',
          displayName: 'x',
          memberKind: 'teacher',
          acceptTerms: true,
          ...extra,
        })
        .expect(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
      expect(response.body.errors.map((e: { field: string }) => e.field)).toEqual(Object.keys(extra));
      expect(await memberCount()).toBe(before);
    });

    it('requires consent, a known member kind and an existing school', async () => {
      const base = {
        email: 'checks@example.test',
        password: 'a-fine-password-1',
        displayName: 'x',
        memberKind: 'teacher',
      };
      expect(
        (
          await request(api.url)
            .post('/api/v1/auth/register')
            .send({ ...base, acceptTerms: false })
        ).body.code,
      ).toBe('VALIDATION_FAILED');
      expect(
        (
          await request(api.url)
            .post('/api/v1/auth/register')
            .send({ ...base, acceptTerms: true, memberKind: 'wizard' })
        ).body.code,
      ).toBe('IDENTITY_UNKNOWN_CODE');
      const noSchool = await request(api.url)
        .post('/api/v1/auth/register')
        .send({ ...base, acceptTerms: true, schoolId: '01900000-0000-7000-8000-000000000000' });
      expect(noSchool.status).toBe(400);
      expect(noSchool.body.code).toBe('IDENTITY_SCHOOL_NOT_FOUND');
    });
  });

  describe('login', () => {
    it('signs in and answers wrong e-mail and wrong password identically', async () => {
      const member = await given.member();
      const ok = await request(api.url)
        .post('/api/v1/auth/login')
        .send({ email: member.email, password: member.password })
        .expect(200);
      expect(ok.body).toMatchObject({
        user: { id: member.id },
        accessToken: expect.any(String),
        refreshToken: expect.any(String),
      });
      const wrongPassword = await request(api.url)
        .post('/api/v1/auth/login')
        .send({ email: member.email, password: 'not-the-password' })
        .expect(401);
      const wrongEmail = await request(api.url)
        .post('/api/v1/auth/login')
        .send({ email: 'nobody@example.test', password: member.password })
        .expect(401);
      expect(wrongPassword.body.code).toBe('AUTH_INVALID_CREDENTIALS');
      expect(wrongEmail.body).toEqual({ ...wrongPassword.body });
    });

    it('answers a body without credentials, or of the wrong types, with 400', async () => {
      expect((await request(api.url).post('/api/v1/auth/login').send({})).status).toBe(400);
      const typed = await request(api.url)
        .post('/api/v1/auth/login')
        .send({ email: 12, password: ['x'] });
      expect(typed.status).toBe(400);
      expect(typed.body.code).toBe('VALIDATION_FAILED');
    });

    it('issues access tokens of at most 15 minutes with issuer, audience and session', async () => {
      const member = await given.member();
      const claims = claimsOf(member.accessToken);
      expect(claims.exp - claims.iat).toBeLessThanOrEqual(900);
      expect(claims).toMatchObject({
        sub: member.id,
        iss: 'learning-community',
        aud: 'learning-community-api',
        sid: expect.any(String),
      });
    });
  });

  describe('refresh tokens', () => {
    it('rotates: the new pair works, and reusing the old token revokes the whole family', async () => {
      const member = await given.member();
      const first = await request(api.url)
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: member.refreshToken })
        .expect(200);
      expect(first.body.refreshToken).not.toBe(member.refreshToken);
      await request(api.url)
        .get('/api/v1/me')
        .set('authorization', `Bearer ${first.body.accessToken}`)
        .expect(200);

      const reused = await request(api.url)
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: member.refreshToken })
        .expect(401);
      expect(reused.body.code).toBe('AUTH_REFRESH_REUSED');
      // The family is gone: the newest refresh token and the access tokens of the session stop working.
      const newest = await request(api.url)
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: first.body.refreshToken })
        .expect(401);
      expect(newest.body.code).toBe('AUTH_REFRESH_INVALID');
      const me = await request(api.url)
        .get('/api/v1/me')
        .set('authorization', `Bearer ${first.body.accessToken}`)
        .expect(401);
      expect(me.body.code).toBe('AUTH_SESSION_ENDED');
    });

    it('lets only one of two concurrent refreshes with one token win, and revokes the family', async () => {
      const member = await given.member();
      const [a, b] = await Promise.all([
        request(api.url).post('/api/v1/auth/refresh').send({ refreshToken: member.refreshToken }),
        request(api.url).post('/api/v1/auth/refresh').send({ refreshToken: member.refreshToken }),
      ]);
      expect([a.status, b.status].sort()).toEqual([200, 401]);
      const winner = a.status === 200 ? a : b;
      await request(api.url)
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: winner.body.refreshToken })
        .expect(401);
    });

    it('refuses an unknown refresh token', async () => {
      const response = await request(api.url)
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: 'x'.repeat(43) })
        .expect(401);
      expect(response.body.code).toBe('AUTH_REFRESH_INVALID');
    });
  });

  describe('ending sessions', () => {
    it('logout revokes the session: its access and refresh tokens stop working, other sessions go on', async () => {
      const member = await given.member();
      const other = await request(api.url)
        .post('/api/v1/auth/login')
        .send({ email: member.email, password: member.password })
        .expect(200);
      await request(api.url).post('/api/v1/auth/logout').set(member.auth).expect(204);
      await request(api.url).get('/api/v1/me').set(member.auth).expect(401);
      await request(api.url)
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: member.refreshToken })
        .expect(401);
      await request(api.url)
        .get('/api/v1/me')
        .set('authorization', `Bearer ${other.body.accessToken}`)
        .expect(200);
    });

    it('disabling an account ends all its sessions at once and refuses sign-in; enabling allows it again', async () => {
      const admin = await given.member({ roles: [{ role: 'obec_admin' }] });
      const member = await given.member();
      await request(api.url).get('/api/v1/me').set(member.auth).expect(200);
      await request(api.url)
        .post(`/api/v1/admin/members/${member.id}/disable`)
        .set(admin.auth)
        .send({ reason: 'spam reports' })
        .expect(204);
      const refused = await request(api.url).get('/api/v1/me').set(member.auth).expect(401);
      expect(refused.body.code).toBe('AUTH_SESSION_ENDED');
      await request(api.url)
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: member.refreshToken })
        .expect(401);
      await request(api.url)
        .post('/api/v1/auth/login')
        .send({ email: member.email, password: member.password })
        .expect(401);
      const [audit] = await api.dataSource.query(
        `SELECT actor_id, reason FROM audit_log WHERE action = 'member.disabled' AND target_id = $1`,
        [member.id],
      );
      expect(audit).toEqual({ actor_id: admin.id, reason: 'spam reports' });

      await request(api.url)
        .post(`/api/v1/admin/members/${member.id}/enable`)
        .set(admin.auth)
        .send({ reason: 'appeal upheld' })
        .expect(204);
      await request(api.url)
        .post('/api/v1/auth/login')
        .send({ email: member.email, password: member.password })
        .expect(200);
    });

    it('changing the password ends every other session and keeps this one', async () => {
      const member = await given.member();
      const other = await request(api.url)
        .post('/api/v1/auth/login')
        .send({ email: member.email, password: member.password })
        .expect(200);
      const wrong = await request(api.url)
        .post('/api/v1/me/password')
        .set(member.auth)
        .send({ currentPassword: 'nope-nope', newPassword: 'a-brand-new-passphrase' });
      expect(wrong.status).toBe(403);
      expect(wrong.body.code).toBe('AUTH_WRONG_PASSWORD');
      await request(api.url)
        .post('/api/v1/me/password')
        .set(member.auth)
        .send({ currentPassword: member.password, newPassword: 'a-brand-new-passphrase' })
        .expect(204);
      await request(api.url).get('/api/v1/me').set(member.auth).expect(200);
      await request(api.url)
        .get('/api/v1/me')
        .set('authorization', `Bearer ${other.body.accessToken}`)
        .expect(401);
      await request(api.url)
        .post('/api/v1/auth/login')
        .send({ email: member.email, password: member.password })
        .expect(401);
      await request(api.url)
        .post('/api/v1/auth/login')
        .send({ email: member.email, password: 'a-brand-new-passphrase' })
        .expect(200);
    });
  });

  describe('forged and broken access tokens are refused', () => {
    let member: Awaited<ReturnType<Given['member']>>;
    let claims: ReturnType<typeof claimsOf>;

    beforeAll(async () => {
      member = await given.member();
      claims = claimsOf(member.accessToken);
    });

    const refuse = async (token: string) => {
      const response = await request(api.url).get('/api/v1/me').set('authorization', `Bearer ${token}`);
      expect(response.status).toBe(401);
      expect(response.headers['content-type']).toMatch(/problem\+json/);
      return response;
    };

    it('accepts the genuine token (the control)', async () => {
      await request(api.url).get('/api/v1/me').set(member.auth).expect(200);
      await request(api.url)
        .get('/api/v1/me')
        .set('authorization', `Bearer ${forge({ alg: 'HS256', typ: 'JWT' }, claims, SECRET)}`)
        .expect(200);
    });

    it('alg none', () => refuse(forge({ alg: 'none', typ: 'JWT' }, claims, null)));
    it('a wrong key', () =>
      refuse(forge({ alg: 'HS256', typ: 'JWT' }, claims, 'another-secret-another-secret-0123456789')));
    it('another algorithm', () => refuse(forge({ alg: 'HS512', typ: 'JWT' }, claims, SECRET)));
    it('expired', () =>
      refuse(
        forge(
          { alg: 'HS256', typ: 'JWT' },
          { ...claims, iat: claims.iat - 3600, exp: Math.floor(Date.now() / 1000) - 60 },
          SECRET,
        ),
      ));
    it('a wrong audience', () =>
      refuse(forge({ alg: 'HS256', typ: 'JWT' }, { ...claims, aud: 'another-api' }, SECRET)));
    it('a wrong issuer', () =>
      refuse(forge({ alg: 'HS256', typ: 'JWT' }, { ...claims, iss: 'someone-else' }, SECRET)));
    it('a session that does not exist', () =>
      refuse(
        forge(
          { alg: 'HS256', typ: 'JWT' },
          { ...claims, sid: '01900000-0000-7000-8000-000000000000' },
          SECRET,
        ),
      ));
    it('another member with this session', async () => {
      const other = await given.member();
      await refuse(forge({ alg: 'HS256', typ: 'JWT' }, { ...claims, sub: other.id }, SECRET));
    });
    it('garbage and a missing token', async () => {
      const garbage = await refuse('not.a.token');
      expect(garbage.body.code).toBe('AUTH_TOKEN_INVALID');
      const missing = await request(api.url).get('/api/v1/me').expect(401);
      expect(missing.body.code).toBe('UNAUTHENTICATED');
    });
  });

  describe('sessions checked together', () => {
    it('answers each of many concurrent requests by its own session, though their checks share queries', async () => {
      const members = await given.members(30);
      const ended = members.filter((_, i) => i % 3 === 1);
      const disabled = members.filter((_, i) => i % 3 === 2);
      await api.dataSource.query(
        `UPDATE auth_session SET revoked_at = now() WHERE member_id = ANY($1::uuid[])`,
        [ended.map((m) => m.id)],
      );
      await api.dataSource.query(`UPDATE member SET status = 'disabled' WHERE id = ANY($1::uuid[])`, [
        disabled.map((m) => m.id),
      ]);
      // A live member's session presented with another member's id (validly signed) must not pass either.
      const live = members.filter((_, i) => i % 3 === 0);
      const swapped = forge(
        { alg: 'HS256', typ: 'JWT' },
        { ...claimsOf(live[0]!.accessToken), sub: live[1]!.id },
        SECRET,
      );
      const asked = [
        ...members.flatMap((m) => [m, m, m].map((who) => ({ who, token: who.accessToken }))),
        ...[1, 2, 3].map(() => ({ who: null, token: swapped })),
      ];
      const answers = await Promise.all(
        asked.map(({ token }) => request(api.url).get('/api/v1/me').set('authorization', `Bearer ${token}`)),
      );
      answers.forEach((answer, i) => {
        const { who } = asked[i]!;
        if (who && live.includes(who)) {
          expect(answer.status).toBe(200);
          expect(answer.body.id).toBe(who.id);
        } else {
          expect(answer.status).toBe(401);
          expect(answer.body.code).toBe('AUTH_SESSION_ENDED');
        }
      });
    });
  });

  describe('profile', () => {
    it('edits the profile and refuses roles or unknown fields', async () => {
      const member = await given.member();
      const updated = await request(api.url)
        .patch('/api/v1/me')
        .set(member.auth)
        .send({
          displayName: 'ครูใจดี',
          learningAreas: ['MAT', 'SCI'],
          academicStanding: 'CP',
          bio: 'สอนคณิตศาสตร์',
          phone: '0812345678',
        })
        .expect(200);
      expect(updated.body).toMatchObject({
        displayName: 'ครูใจดี',
        learningAreas: ['MAT', 'SCI'],
        academicStanding: 'CP',
        phone: '0812345678',
      });
      const mass = await request(api.url)
        .patch('/api/v1/me')
        .set(member.auth)
        .send({ roles: [{ role: 'obec_admin' }] })
        .expect(400);
      expect(mass.body.errors[0].field).toBe('roles');
      await request(api.url)
        .patch('/api/v1/me')
        .set(member.auth)
        .send({ email: 'taken@over.test' })
        .expect(400);
      const me = await request(api.url).get('/api/v1/me').set(member.auth).expect(200);
      expect(me.body.roles).toEqual([{ role: 'member', scopeType: 'self', scopeId: member.id }]);
      expect(me.body.email).toBe(member.email);
      const unknownArea = await request(api.url)
        .patch('/api/v1/me')
        .set(member.auth)
        .send({ learningAreas: ['ALCHEMY'] })
        .expect(400);
      expect(unknownArea.body.code).toBe('IDENTITY_UNKNOWN_CODE');
    });

    it('shows others only the public profile', async () => {
      const member = await given.member();
      await request(api.url)
        .patch('/api/v1/me')
        .set(member.auth)
        .send({ phone: '0899999999', bio: 'สวัสดี' })
        .expect(200);
      const viewer = await given.member();
      const profile = await request(api.url).get(`/api/v1/members/${member.id}`).set(viewer.auth).expect(200);
      expect(profile.body).toMatchObject({ id: member.id, displayName: member.displayName, bio: 'สวัสดี' });
      expect(JSON.stringify(profile.body)).not.toContain('0899999999');
      expect(JSON.stringify(profile.body)).not.toContain(member.email);
    });
  });
});
