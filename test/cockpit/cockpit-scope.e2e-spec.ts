import request from 'supertest';
import { uuidv7 } from '@lc/core';
import { Given, GivenMember, GivenSchool } from '../support/given';
import { createTestEnvironment, startTestApp, TestApp, TestEnvironment } from '../support/test-app';

/**
 * Who sees which cockpit: OBEC admins everything, an area admin their area and its schools, a school admin their
 * school, anyone else 403 COCKPIT_SCOPE_FORBIDDEN; and every bad input a 400 with its own code, never a 500.
 */
describe('Cockpit: scopes and input', () => {
  let environment: TestEnvironment;
  let api: TestApp;
  let areaA: string;
  let areaB: string;
  let s1: GivenSchool;
  let s2: GivenSchool;
  let s3: GivenSchool;
  let obec: GivenMember;
  let areaAdminA: GivenMember;
  let schoolAdmin1: GivenMember;
  let member: GivenMember;
  let moderator: GivenMember;

  beforeAll(async () => {
    environment = await createTestEnvironment();
    api = await startTestApp(environment);
    const given = new Given(api);
    s1 = await given.school('P81');
    s2 = await given.school('P81');
    s3 = await given.school('S01');
    areaA = s1.areaId;
    areaB = s3.areaId;
    obec = await given.member({ roles: [{ role: 'obec_admin' }] });
    areaAdminA = await given.member({ roles: [{ role: 'area_admin', scopeId: areaA }] });
    schoolAdmin1 = await given.member({ schoolId: s1.id, roles: [{ role: 'school_admin', scopeId: s1.id }] });
    member = await given.member({ schoolId: s1.id });
    moderator = await given.member({ roles: [{ role: 'moderator' }] });
  }, 60_000);

  afterAll(async () => {
    await api?.close();
    await environment?.drop();
  });

  const ROUTES = [
    (scope: string) => `/api/v1/cockpit/summary?scope=${scope}`,
    (scope: string) => `/api/v1/cockpit/breakdown?dimension=area&metric=ratings&scope=${scope}`,
    (scope: string) => `/api/v1/cockpit/timeseries?metric=comments&interval=month&scope=${scope}`,
    (scope: string) => `/api/v1/cockpit/indicator-18?scope=${scope}`,
  ];

  async function statuses(
    who: GivenMember | null,
    scope: string,
  ): Promise<{ status: number; code?: string }[]> {
    return Promise.all(
      ROUTES.map(async (route) => {
        const call = request(api.url).get(route(scope));
        const response = await (who ? call.set(who.auth) : call);
        return { status: response.status, ...(response.body?.code ? { code: response.body.code } : {}) };
      }),
    );
  }

  const forbidden = Array(ROUTES.length).fill({ status: 403, code: 'COCKPIT_SCOPE_FORBIDDEN' });
  const ok = Array(ROUTES.length).fill({ status: 200 });

  it('lets an OBEC admin read the nation, any area and any school', async () => {
    expect(await statuses(obec, 'national')).toEqual(ok);
    expect(await statuses(obec, `area:${areaB}`)).toEqual(ok);
    expect(await statuses(obec, `school:${s3.id}`)).toEqual(ok);
  });

  it('keeps an area admin to their area and its schools', async () => {
    expect(await statuses(areaAdminA, `area:${areaA}`)).toEqual(ok);
    expect(await statuses(areaAdminA, `school:${s2.id}`)).toEqual(ok);
    expect(await statuses(areaAdminA, `area:${areaB}`)).toEqual(forbidden);
    expect(await statuses(areaAdminA, `school:${s3.id}`)).toEqual(forbidden);
    expect(await statuses(areaAdminA, 'national')).toEqual(forbidden);
  });

  it('keeps a school admin to their school', async () => {
    expect(await statuses(schoolAdmin1, `school:${s1.id}`)).toEqual(ok);
    expect(await statuses(schoolAdmin1, `school:${s2.id}`)).toEqual(forbidden);
    expect(await statuses(schoolAdmin1, `area:${areaA}`)).toEqual(forbidden);
    expect(await statuses(schoolAdmin1, 'national')).toEqual(forbidden);
  });

  it('refuses members without an admin role, whatever they ask, and anonymous callers', async () => {
    for (const scope of ['national', `area:${areaA}`, `school:${s1.id}`]) {
      expect(await statuses(member, scope)).toEqual(forbidden);
      expect(await statuses(moderator, scope)).toEqual(forbidden);
      expect((await statuses(null, scope)).map((r) => r.status)).toEqual([401, 401, 401, 401]);
    }
    const unscoped = await request(api.url).get('/api/v1/cockpit/summary').set(member.auth).expect(403);
    expect(unscoped.body.code).toBe('COCKPIT_SCOPE_FORBIDDEN');
  });

  it('gives each admin their own widest scope when none is named', async () => {
    const scopeOf = async (who: GivenMember) =>
      (await request(api.url).get('/api/v1/cockpit/summary').set(who.auth).expect(200)).body.scope;
    expect(await scopeOf(obec)).toBe('national');
    expect(await scopeOf(areaAdminA)).toBe(`area:${areaA}`);
    expect(await scopeOf(schoolAdmin1)).toBe(`school:${s1.id}`);
  });

  it('tells an OBEC admin that a place does not exist, and others only that it is not theirs', async () => {
    const missing = uuidv7();
    const asObec = await request(api.url).get(`/api/v1/cockpit/summary?scope=area:${missing}`).set(obec.auth);
    expect([asObec.status, asObec.body.code]).toEqual([404, 'COCKPIT_SCOPE_NOT_FOUND']);
    const school = await request(api.url)
      .get(`/api/v1/cockpit/summary?scope=school:${missing}`)
      .set(obec.auth);
    expect([school.status, school.body.code]).toEqual([404, 'COCKPIT_SCOPE_NOT_FOUND']);
    const asArea = await request(api.url)
      .get(`/api/v1/cockpit/summary?scope=school:${missing}`)
      .set(areaAdminA.auth);
    expect([asArea.status, asArea.body.code]).toEqual([403, 'COCKPIT_SCOPE_FORBIDDEN']);
  });

  it.each([
    ['summary?scope=everything', 'COCKPIT_SCOPE_INVALID'],
    ['summary?scope=area:not-a-uuid', 'COCKPIT_SCOPE_INVALID'],
    ['summary?from=2026-02-30', 'COCKPIT_DATE_INVALID'],
    ['summary?from=yesterday', 'COCKPIT_DATE_INVALID'],
    ['summary?from=2026-12-01&to=2026-11-01', 'COCKPIT_RANGE_INVALID'],
    ['summary?from=2001-01-01&to=2026-11-01', 'COCKPIT_RANGE_INVALID'],
    ['breakdown?dimension=area&metric=happiness', 'COCKPIT_METRIC_UNKNOWN'],
    ['breakdown?dimension=galaxy&metric=ratings', 'COCKPIT_DIMENSION_UNKNOWN'],
    ['breakdown?dimension=learningArea&metric=avg_quality', 'COCKPIT_DIMENSION_NOT_APPLICABLE'],
    ['breakdown?dimension=partner&metric=members_registered', 'COCKPIT_DIMENSION_NOT_APPLICABLE'],
    ['breakdown?metric=ratings', 'VALIDATION_FAILED'],
    ['timeseries?metric=ratings&interval=year', 'COCKPIT_INTERVAL_UNKNOWN'],
    ['timeseries?metric=nothing&interval=day', 'COCKPIT_METRIC_UNKNOWN'],
    ['timeseries?metric=ratings&interval=day&from=2020-01-01&to=2026-01-01', 'COCKPIT_RANGE_TOO_LONG'],
    ['indicator-18?fiscalYear=25x0', 'COCKPIT_FISCAL_YEAR_INVALID'],
    ['indicator-18?fiscalYear=2026', 'COCKPIT_FISCAL_YEAR_INVALID'],
  ])('GET /cockpit/%s → 400 %s', async (path, code) => {
    const response = await request(api.url).get(`/api/v1/cockpit/${path}`).set(obec.auth).expect(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body.code).toBe(code);
  });
});
