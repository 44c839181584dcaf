import request from 'supertest';
import { seedDemo } from '../../scripts/seed';
import { createTestEnvironment, startTestApp, TestApp, TestEnvironment } from '../support/test-app';

describe('Demo seed (quickstart only)', () => {
  let environment: TestEnvironment;
  let api: TestApp;

  beforeAll(async () => {
    environment = await createTestEnvironment();
    api = await startTestApp(environment);
  });

  afterAll(async () => {
    await api?.close();
    await environment?.drop();
  });

  it('creates one account per kind of user, each signing in with the demo password and holding its role', async () => {
    const seed = await seedDemo(environment.databaseUrl);
    expect(seed.accounts.map((a) => a.email)).toEqual([
      'teacher@demo.local',
      'teacher2@demo.local',
      'partner@demo.local',
      'area.admin@demo.local',
      'moderator@demo.local',
      'obec.admin@demo.local',
    ]);
    const roles: Record<string, string[]> = {};
    const areas: Record<string, string | null> = {};
    for (const { email } of seed.accounts) {
      const login = await request(api.url)
        .post('/api/v1/auth/login')
        .send({ email, password: 'learn-to-earn-2026' })
        .expect(200);
      const me = await request(api.url)
        .get('/api/v1/me')
        .set('authorization', `Bearer ${login.body.accessToken}`)
        .expect(200);
      roles[email] = me.body.roles.map((r: { role: string }) => r.role);
      areas[email] =
        me.body.school?.areaId ??
        me.body.roles.find((r: { role: string }) => r.role === 'area_admin')?.scopeId ??
        null;
    }
    expect(roles).toEqual({
      'teacher@demo.local': ['member'],
      'teacher2@demo.local': ['member'],
      'partner@demo.local': ['member', 'partner_staff'],
      'area.admin@demo.local': ['member', 'area_admin'],
      'moderator@demo.local': ['member', 'moderator'],
      'obec.admin@demo.local': ['member', 'obec_admin'],
    });
    // The area admin administers the demo teachers' area.
    expect(areas['area.admin@demo.local']).toBe(areas['teacher@demo.local']);
    expect(areas['teacher2@demo.local']).toBe(areas['teacher@demo.local']);
  });

  it('is idempotent and never runs in production', async () => {
    await seedDemo(environment.databaseUrl);
    const [{ count }] = await api.dataSource.query(
      `SELECT count(*)::int AS count FROM member WHERE email LIKE '%@demo.local'`,
    );
    expect(count).toBe(6);
    const previous = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      await expect(seedDemo(environment.databaseUrl)).rejects.toThrow(/never seeded in production/);
    } finally {
      process.env.NODE_ENV = previous;
    }
  });
});
