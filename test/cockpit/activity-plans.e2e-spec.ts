import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { ActivityPlansService } from '@lc/cockpit';
import type { CockpitScope } from '../../libs/cockpit/src/cockpit-scope';
import { Given, GivenMember, GivenSchool } from '../support/given';
import { OpenApiDocument, OpenApiSchema, responseSchema, schemaMismatches } from '../support/openapi-shape';
import { createTestEnvironment, startTestApp, TestApp, TestEnvironment } from '../support/test-app';
import { activityPlanBody, activityReportBody, freshActivityPlan } from './activity-plans-fixtures';

jest.setTimeout(60_000);

/** `{nullable, allOf: [$ref]}` as the checker reads it (see test/marketplace/responses.e2e-spec.ts). */
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

describe('Cockpit: area activity plans and reports (seed 000, 004)', () => {
  let environment: TestEnvironment;
  let api: TestApp;
  let given: Given;
  let document: OpenApiDocument;
  let areaId: string;
  let otherAreaId: string;
  let school: GivenSchool;
  let otherAreaSchool: GivenSchool;
  let areaAdmin: GivenMember;
  let otherAreaAdmin: GivenMember;
  let schoolAdmin: GivenMember;
  let obec: GivenMember;
  let teacher: GivenMember;

  beforeAll(async () => {
    environment = await createTestEnvironment();
    api = await startTestApp(environment);
    given = new Given(api);
    document = nullableRefs((await request(api.url).get('/api/docs-json').expect(200)).body);
    school = await given.school('P81', 'โรงเรียนอ่าวนางวิทยา');
    areaId = school.areaId;
    otherAreaSchool = await given.school('S01', 'โรงเรียนเขตอื่น');
    otherAreaId = otherAreaSchool.areaId;
    areaAdmin = await given.member({ roles: [{ role: 'area_admin', scopeId: areaId }] });
    otherAreaAdmin = await given.member({ roles: [{ role: 'area_admin', scopeId: otherAreaId }] });
    schoolAdmin = await given.member({ roles: [{ role: 'school_admin', scopeId: school.id }] });
    obec = await given.member({ roles: [{ role: 'obec_admin' }] });
    teacher = await given.member({ schoolId: school.id });
  }, 60_000);

  afterAll(async () => {
    await api?.close();
    await environment?.drop();
  });

  const http = () => request(api.url);
  /** The answer's body, after checking it against the route's documented schema. */
  const matches = <Body>(method: string, path: string, body: Body): Body => {
    expect(schemaMismatches(document, responseSchema(document, method, `/api/v1${path}`), body)).toEqual([]);
    return body;
  };
  const plan = (by: GivenMember, overrides: Record<string, unknown> = {}) =>
    freshActivityPlan(api.url, by.auth, areaId, overrides);
  const audit = (planId: string): Promise<{ action: string; actor_id: string; details: unknown }[]> =>
    api.dataSource.query(
      `SELECT action, actor_id, details FROM audit_log WHERE target_type = 'activity_plan' AND target_id = $1 ORDER BY seq`,
      [planId],
    );

  it('lets an area admin plan a school-level activity of their area, with targets by role and a budget in baht', async () => {
    const response = await http()
      .post(`/api/v1/areas/${areaId}/activity-plans`)
      .set(areaAdmin.auth)
      .send(
        activityPlanBody({
          level: 'school',
          schoolId: school.id,
          title: '  ชุมชนการเรียนรู้ทางวิชาชีพ ครูคณิตศาสตร์  ',
          budget: 120000.5,
        }),
      )
      .expect(201);
    const body = matches('post', '/areas/{id}/activity-plans', response.body);
    expect(body).toMatchObject({
      areaId,
      fiscalYear: 2570,
      title: 'ชุมชนการเรียนรู้ทางวิชาชีพ ครูคณิตศาสตร์',
      titleEn: 'Active Learning exchange, area level',
      level: 'school',
      schoolId: school.id,
      school: { id: school.id, code: school.code },
      startsOn: '2027-08-01',
      endsOn: '2027-09-30',
      targets: { educationExecutives: 20, supervisors: 30, schoolDirectors: 150, teachers: 600, total: 800 },
      budget: '120000.50',
      status: 'planned',
      report: null,
      evidence: [],
    });
    const [row] = await api.dataSource.query(
      `SELECT budget_satang::text AS satang FROM activity_plan WHERE id = $1`,
      [body.id],
    );
    expect(row.satang).toBe('12000050');
    expect(await audit(body.id)).toEqual([
      { action: 'activity_plan.created', actor_id: areaAdmin.id, details: { areaId, fiscalYear: 2570 } },
    ]);
    const read = await http().get(`/api/v1/activity-plans/${body.id}`).set(areaAdmin.auth).expect(200);
    expect(matches('get', '/activity-plans/{id}', read.body)).toEqual(body);
  });

  it('lets an OBEC admin plan for any area', async () => {
    const id = await freshActivityPlan(api.url, obec.auth, otherAreaId);
    const read = await http().get(`/api/v1/activity-plans/${id}`).set(obec.auth).expect(200);
    expect(read.body.areaId).toBe(otherAreaId);
  });

  it("lists an area's plans of one fiscal year by start date, a page at a time", async () => {
    const listArea = await given.areaId('P50-1');
    const admin = await given.member({ roles: [{ role: 'area_admin', scopeId: listArea }] });
    const ids: string[] = [];
    // 22 plans of 2570, one a day from 1 October 2026, and one of 2569 that the list of 2570 leaves out.
    for (let day = 0; day < 22; day++) {
      const date = new Date(Date.UTC(2026, 9, 1 + day)).toISOString().slice(0, 10);
      ids.push(await freshActivityPlan(api.url, admin.auth, listArea, { startsOn: date, endsOn: date }));
    }
    await freshActivityPlan(api.url, admin.auth, listArea, {
      fiscalYear: 2569,
      startsOn: '2026-01-10',
      endsOn: '2026-01-11',
    });

    const first = await http()
      .get(`/api/v1/areas/${listArea}/activity-plans?fiscalYear=2570`)
      .set(admin.auth)
      .expect(200);
    matches('get', '/areas/{id}/activity-plans', first.body);
    expect(first.body.items).toHaveLength(20);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await http()
      .get(`/api/v1/areas/${listArea}/activity-plans`)
      .query({ fiscalYear: 2570, cursor: first.body.nextCursor })
      .set(admin.auth)
      .expect(200);
    expect(second.body.nextCursor).toBeNull();
    expect([...first.body.items, ...second.body.items].map((item: { id: string }) => item.id)).toEqual(ids);

    const earlier = await http()
      .get(`/api/v1/areas/${listArea}/activity-plans?fiscalYear=2569`)
      .set(obec.auth)
      .expect(200);
    expect(earlier.body.items.map((item: { fiscalYear: number }) => item.fiscalYear)).toEqual([2569]);
  });

  it('reports the actuals, then corrects them: the correction replaces the report and the history keeps both', async () => {
    const id = await plan(areaAdmin);
    const reported = await http()
      .post(`/api/v1/activity-plans/${id}/report`)
      .set(areaAdmin.auth)
      .send(activityReportBody())
      .expect(200);
    expect(matches('post', '/activity-plans/{id}/report', reported.body)).toMatchObject({
      status: 'reported',
      report: {
        revision: 1,
        participants: {
          educationExecutives: 15,
          supervisors: 25,
          schoolDirectors: 184,
          teachers: 476,
          total: 700,
        },
        supervisionVisits: 48,
        budgetSpent: '496850.50',
        notes: 'ครูได้แลกเปลี่ยนเรียนรู้และนำเสนอผลงาน',
        reportedBy: areaAdmin.id,
      },
    });

    const corrected = await http()
      .post(`/api/v1/activity-plans/${id}/report`)
      .set(obec.auth)
      .send({
        participants: { educationExecutives: 16, supervisors: 25, schoolDirectors: 184, teachers: 480 },
        supervisionVisits: 50,
        budgetSpent: 497000,
        expectedRevision: 1,
      })
      .expect(200);
    expect(corrected.body.report).toMatchObject({
      revision: 2,
      participants: {
        educationExecutives: 16,
        supervisors: 25,
        schoolDirectors: 184,
        teachers: 480,
        total: 705,
      },
      supervisionVisits: 50,
      budgetSpent: '497000.00',
      notes: null,
      reportedBy: obec.id,
    });

    const history = await http()
      .get(`/api/v1/activity-plans/${id}/report/revisions`)
      .set(areaAdmin.auth)
      .expect(200);
    matches('get', '/activity-plans/{id}/report/revisions', history.body);
    expect(
      history.body.items.map((item: { revision: number; budgetSpent: string }) => [
        item.revision,
        item.budgetSpent,
      ]),
    ).toEqual([
      [2, '497000.00'],
      [1, '496850.50'],
    ]);
    expect((await audit(id)).map((entry) => [entry.action, entry.actor_id])).toEqual([
      ['activity_plan.created', areaAdmin.id],
      ['activity_plan.reported', areaAdmin.id],
      ['activity_plan.report_corrected', obec.id],
    ]);
  });

  it('refuses a correction made from an outdated report with 409 ACTIVITY_REPORT_STALE, keeping the newer one', async () => {
    const id = await plan(areaAdmin);
    await http()
      .post(`/api/v1/activity-plans/${id}/report`)
      .set(areaAdmin.auth)
      .send(activityReportBody())
      .expect(200);
    const stale = await http()
      .post(`/api/v1/activity-plans/${id}/report`)
      .set(areaAdmin.auth)
      .send(activityReportBody({ supervisionVisits: 1, expectedRevision: 0 }))
      .expect(409);
    expect(stale.body).toMatchObject({ code: 'ACTIVITY_REPORT_STALE', currentRevision: 1 });
    const read = await http().get(`/api/v1/activity-plans/${id}`).set(areaAdmin.auth).expect(200);
    expect(read.body.report).toMatchObject({ revision: 1, supervisionVisits: 48 });
  });

  it('applies two reports of one plan sent at once one after the other, each whole: never a mix of the two', async () => {
    const a = {
      participants: { educationExecutives: 1, supervisors: 2, schoolDirectors: 3, teachers: 4 },
      supervisionVisits: 5,
      budgetSpent: '1111.11',
      notes: 'รายงาน ก',
    };
    const b = {
      participants: { educationExecutives: 10, supervisors: 20, schoolDirectors: 30, teachers: 40 },
      supervisionVisits: 50,
      budgetSpent: '2222.22',
      notes: 'รายงาน ข',
    };
    const shape = (report: Record<string, unknown>) => ({
      participants: report.participants,
      supervisionVisits: report.supervisionVisits,
      budgetSpent: report.budgetSpent,
      notes: report.notes,
    });
    const withTotal = (body: typeof a) => ({
      ...body,
      participants: {
        ...body.participants,
        total: Object.values(body.participants).reduce((sum, value) => sum + value, 0),
      },
    });
    for (let round = 0; round < 5; round++) {
      const id = await plan(areaAdmin);
      const [first, second] = await Promise.all([
        http().post(`/api/v1/activity-plans/${id}/report`).set(areaAdmin.auth).send(a),
        http().post(`/api/v1/activity-plans/${id}/report`).set(obec.auth).send(b),
      ]);
      expect([first.status, second.status]).toEqual([200, 200]);
      expect([first.body.report.revision, second.body.report.revision].sort()).toEqual([1, 2]);

      const current = (await http().get(`/api/v1/activity-plans/${id}`).set(obec.auth).expect(200)).body
        .report;
      expect(current.revision).toBe(2);
      expect([withTotal(a), withTotal(b)]).toContainEqual(shape(current));
      const history = (
        await http().get(`/api/v1/activity-plans/${id}/report/revisions`).set(obec.auth).expect(200)
      ).body.items;
      expect(
        history
          .map(shape)
          .sort((x: { notes: string }, y: { notes: string }) => x.notes.localeCompare(y.notes)),
      ).toEqual([withTotal(a), withTotal(b)]);
      // The current report is the revision applied last, whole.
      expect(shape(history[0])).toEqual(shape(current));
    }
  });

  it('changes a plan with PATCH, checking it again; moving it to the area level drops its school', async () => {
    const id = await plan(areaAdmin, { level: 'school', schoolId: school.id });
    const changed = await http()
      .patch(`/api/v1/activity-plans/${id}`)
      .set(areaAdmin.auth)
      .send({
        level: 'area',
        budget: '450000',
        targets: { educationExecutives: 0, supervisors: 0, schoolDirectors: 0, teachers: 500 },
      })
      .expect(200);
    expect(matches('patch', '/activity-plans/{id}', changed.body)).toMatchObject({
      level: 'area',
      schoolId: null,
      school: null,
      budget: '450000.00',
      targets: { teachers: 500, total: 500 },
      title: activityPlanBody().title,
    });
    const outside = await http()
      .patch(`/api/v1/activity-plans/${id}`)
      .set(areaAdmin.auth)
      .send({ fiscalYear: 2571 })
      .expect(400);
    expect(outside.body.code).toBe('ACTIVITY_PLAN_DATES_OUTSIDE_FISCAL_YEAR');
    expect((await audit(id)).map((entry) => entry.action)).toEqual([
      'activity_plan.created',
      'activity_plan.updated',
    ]);
  });

  it('deletes a plan not yet reported (204, then 404) and refuses to delete a reported one (409)', async () => {
    const draft = await plan(areaAdmin);
    await http().delete(`/api/v1/activity-plans/${draft}`).set(areaAdmin.auth).expect(204);
    const gone = await http().get(`/api/v1/activity-plans/${draft}`).set(areaAdmin.auth).expect(404);
    expect(gone.body.code).toBe('ACTIVITY_PLAN_NOT_FOUND');
    expect((await audit(draft)).map((entry) => entry.action)).toEqual([
      'activity_plan.created',
      'activity_plan.deleted',
    ]);

    const reported = await plan(areaAdmin);
    await http()
      .post(`/api/v1/activity-plans/${reported}/report`)
      .set(areaAdmin.auth)
      .send(activityReportBody())
      .expect(200);
    const refused = await http().delete(`/api/v1/activity-plans/${reported}`).set(areaAdmin.auth).expect(409);
    expect(refused.body.code).toBe('ACTIVITY_PLAN_REPORTED');
  });

  it("refuses an area admin of another area everything about this area's plans with 403 COCKPIT_SCOPE_FORBIDDEN", async () => {
    const id = await plan(areaAdmin);
    const calls = [
      http().post(`/api/v1/areas/${areaId}/activity-plans`).send(activityPlanBody()),
      http().get(`/api/v1/areas/${areaId}/activity-plans?fiscalYear=2570`),
      http().get(`/api/v1/activity-plans/${id}`),
      http().patch(`/api/v1/activity-plans/${id}`).send({ title: 'แก้ไขโดยเขตอื่น' }),
      http().post(`/api/v1/activity-plans/${id}/report`).send(activityReportBody()),
      http().get(`/api/v1/activity-plans/${id}/report/revisions`),
      http().delete(`/api/v1/activity-plans/${id}`),
      http().get(`/api/v1/activity-plans/summary?fiscalYear=2570&scope=area:${areaId}`),
    ];
    for (const call of calls) {
      const response = await call.set(otherAreaAdmin.auth);
      expect(response.status).toBe(403);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body.code).toBe('COCKPIT_SCOPE_FORBIDDEN');
    }
    const read = await http().get(`/api/v1/activity-plans/${id}`).set(areaAdmin.auth).expect(200);
    expect(read.body).toMatchObject({ title: activityPlanBody().title, status: 'planned' });
    expect((await audit(id)).map((entry) => entry.action)).toEqual(['activity_plan.created']);
  });

  it('refuses members and school admins with 403, and guests with 401', async () => {
    const id = await plan(areaAdmin);
    for (const who of [teacher, schoolAdmin]) {
      for (const call of [
        http().post(`/api/v1/areas/${areaId}/activity-plans`).send(activityPlanBody()),
        http().get(`/api/v1/areas/${areaId}/activity-plans`),
        http().get(`/api/v1/activity-plans/${id}`),
        http().post(`/api/v1/activity-plans/${id}/report`).send(activityReportBody()),
        http().get(`/api/v1/activity-plans/summary?fiscalYear=2570&scope=area:${areaId}`),
      ]) {
        const response = await call.set(who.auth);
        expect(response.status).toBe(403);
        expect(response.body.code).toEqual(expect.any(String));
      }
    }
    await http().get(`/api/v1/activity-plans/${id}`).expect(401);
  });

  it('refuses bad plans with 400 problem+json and a code for each rule', async () => {
    const cases: [Record<string, unknown>, string, string?][] = [
      [
        { targets: { educationExecutives: 1, supervisors: 1, schoolDirectors: 1, teachers: -1 } },
        'VALIDATION_FAILED',
        'targets.teachers',
      ],
      [
        { targets: { educationExecutives: 1, supervisors: 1, schoolDirectors: 1, teachers: 2.5 } },
        'VALIDATION_FAILED',
        'targets.teachers',
      ],
      [
        { targets: { educationExecutives: 1, supervisors: 1, schoolDirectors: 1 } },
        'VALIDATION_FAILED',
        'targets.teachers',
      ],
      [{ budget: '-1.00' }, 'VALIDATION_FAILED', 'budget'],
      [{ budget: '100.005' }, 'VALIDATION_FAILED', 'budget'],
      [{ budget: 0.1 + 0.2 }, 'VALIDATION_FAILED', 'budget'],
      [{ budget: '1e6' }, 'VALIDATION_FAILED', 'budget'],
      [{ level: 'province' }, 'VALIDATION_FAILED', 'level'],
      [{ title: '   ' }, 'VALIDATION_FAILED', 'title'],
      [{ fiscalYear: 2026 }, 'VALIDATION_FAILED', 'fiscalYear'],
      [{ startsOn: '1/8/2570' }, 'VALIDATION_FAILED', 'startsOn'],
      [{ owner: 'me' }, 'VALIDATION_FAILED'],
      [{ startsOn: '2027-02-30', endsOn: '2027-03-01' }, 'ACTIVITY_PLAN_INVALID_DATE'],
      [{ startsOn: '2027-09-30', endsOn: '2027-08-01' }, 'ACTIVITY_PLAN_DATES_ORDER'],
      [{ startsOn: '2026-09-30', endsOn: '2026-10-02' }, 'ACTIVITY_PLAN_DATES_OUTSIDE_FISCAL_YEAR'],
      [{ startsOn: '2027-09-01', endsOn: '2027-10-01' }, 'ACTIVITY_PLAN_DATES_OUTSIDE_FISCAL_YEAR'],
      [{ level: 'school' }, 'ACTIVITY_PLAN_SCHOOL_REQUIRED'],
      [{ level: 'school', schoolId: otherAreaSchool.id }, 'ACTIVITY_PLAN_SCHOOL_NOT_IN_AREA'],
      [{ level: 'school', schoolId: randomUUID() }, 'ACTIVITY_PLAN_SCHOOL_NOT_IN_AREA'],
      [{ level: 'area', schoolId: school.id }, 'ACTIVITY_PLAN_SCHOOL_NOT_ALLOWED'],
    ];
    for (const [overrides, code, field] of cases) {
      const response = await http()
        .post(`/api/v1/areas/${areaId}/activity-plans`)
        .set(areaAdmin.auth)
        .send(activityPlanBody(overrides));
      expect({ overrides, status: response.status, code: response.body.code }).toEqual({
        overrides,
        status: 400,
        code,
      });
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      if (field) expect(response.body.errors.map((error: { field: string }) => error.field)).toContain(field);
    }
    // The first and last days of the fiscal year are in it.
    await plan(areaAdmin, { startsOn: '2026-10-01', endsOn: '2027-09-30' });
    const [{ count }] = await api.dataSource.query(
      `SELECT count(*)::int AS count FROM activity_plan WHERE area_id = $1 AND (target_teachers < 0 OR budget_satang < 0)`,
      [areaId],
    );
    expect(count).toBe(0);
  });

  it('refuses bad reports with 400 and codes, and unknown plans and areas with 404', async () => {
    const id = await plan(areaAdmin);
    const bad: [Record<string, unknown>, string][] = [
      [
        { participants: { educationExecutives: -1, supervisors: 0, schoolDirectors: 0, teachers: 0 } },
        'participants.educationExecutives',
      ],
      [{ supervisionVisits: -3 }, 'supervisionVisits'],
      [{ budgetSpent: '-0.01' }, 'budgetSpent'],
      [{ budgetSpent: 'หนึ่งพันบาท' }, 'budgetSpent'],
      [{ notes: 'ก'.repeat(5001) }, 'notes'],
    ];
    for (const [overrides, field] of bad) {
      const response = await http()
        .post(`/api/v1/activity-plans/${id}/report`)
        .set(areaAdmin.auth)
        .send(activityReportBody(overrides))
        .expect(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
      expect(response.body.errors.map((error: { field: string }) => error.field)).toContain(field);
    }
    const unknownPlan = await http()
      .post(`/api/v1/activity-plans/${randomUUID()}/report`)
      .set(obec.auth)
      .send(activityReportBody())
      .expect(404);
    expect(unknownPlan.body.code).toBe('ACTIVITY_PLAN_NOT_FOUND');
    await http().get(`/api/v1/activity-plans/${randomUUID()}`).set(areaAdmin.auth).expect(404);
    const unknownArea = await http()
      .post(`/api/v1/areas/${randomUUID()}/activity-plans`)
      .set(obec.auth)
      .send(activityPlanBody())
      .expect(404);
    expect(unknownArea.body.code).toBe('IDENTITY_AREA_NOT_FOUND');
    await http().get(`/api/v1/areas/${randomUUID()}/activity-plans`).set(obec.auth).expect(404);
    const badId = await http().get('/api/v1/activity-plans/not-a-uuid').set(obec.auth).expect(400);
    expect(badId.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(
      (await http().get(`/api/v1/activity-plans/${id}`).set(areaAdmin.auth).expect(200)).body.report,
    ).toBeNull();
  });

  it('has the database refuse negative numbers, inconsistent levels and misplaced dates, even by direct SQL', async () => {
    const id = await plan(areaAdmin);
    await http()
      .post(`/api/v1/activity-plans/${id}/report`)
      .set(areaAdmin.auth)
      .send(activityReportBody())
      .expect(200);
    const refusal = async (sql: string, params: unknown[] = []) => {
      try {
        await api.dataSource.query(sql, params);
      } catch (error) {
        return (
          (error as { code?: string; driverError?: { code?: string } }).driverError?.code ??
          (error as { code?: string }).code
        );
      }
      return 'accepted';
    };
    for (const column of [
      'target_education_executives',
      'target_supervisors',
      'target_school_directors',
      'target_teachers',
      'budget_satang',
    ])
      expect([column, await refusal(`UPDATE activity_plan SET ${column} = -1 WHERE id = $1`, [id])]).toEqual([
        column,
        '23514',
      ]);
    for (const column of [
      'education_executives',
      'supervisors',
      'school_directors',
      'teachers',
      'supervision_visits',
      'budget_spent_satang',
    ])
      expect([
        column,
        await refusal(`UPDATE activity_plan_report SET ${column} = -1 WHERE plan_id = $1`, [id]),
      ]).toEqual([column, '23514']);
    expect(await refusal(`UPDATE activity_plan SET level = 'school' WHERE id = $1`, [id])).toBe('23514');
    expect(await refusal(`UPDATE activity_plan SET school_id = $2 WHERE id = $1`, [id, school.id])).toBe(
      '23514',
    );
    expect(
      await refusal(`UPDATE activity_plan SET level = 'school', school_id = $2 WHERE id = $1`, [
        id,
        otherAreaSchool.id,
      ]),
    ).toBe('23514');
    expect(
      await refusal(
        `UPDATE activity_plan SET starts_on = '2027-09-30', ends_on = '2027-09-01' WHERE id = $1`,
        [id],
      ),
    ).toBe('23514');
    expect(await refusal(`UPDATE activity_plan SET ends_on = '2027-10-01' WHERE id = $1`, [id])).toBe(
      '23514',
    );
    expect(await refusal(`UPDATE activity_plan SET starts_on = '2026-09-30' WHERE id = $1`, [id])).toBe(
      '23514',
    );
    // Past reports are never changed.
    expect(
      await refusal(`UPDATE activity_plan_report_revision SET teachers = 1 WHERE plan_id = $1`, [id]),
    ).not.toBe('accepted');
    expect(await refusal(`DELETE FROM activity_plan_report_revision WHERE plan_id = $1`, [id])).not.toBe(
      'accepted',
    );
    // A school of the area at the school level is accepted (the refusals above were the rules, not the columns).
    expect(
      await refusal(`UPDATE activity_plan SET level = 'school', school_id = $2 WHERE id = $1`, [
        id,
        school.id,
      ]),
    ).toBe('accepted');
    const read = await http().get(`/api/v1/activity-plans/${id}`).set(areaAdmin.auth).expect(200);
    expect(read.body.targets.teachers).toBe(600);
    expect(read.body.report.participants.teachers).toBe(476);
  });

  describe('target against actual', () => {
    // A fiscal year of its own: the other tests plan in 2570.
    const YEAR = 2571;
    const inYear = { fiscalYear: YEAR, startsOn: '2027-11-01', endsOn: '2027-11-30' };

    it('sums per area and nationally, and flags every area under 500 participants', async () => {
      const chiangMai = await given.areaId('P50-1');
      // Krabi: 700 reported of 800 planned, plus a plan not reported yet (its target counts, no actual).
      const krabi1 = await plan(areaAdmin, inYear);
      await http()
        .post(`/api/v1/activity-plans/${krabi1}/report`)
        .set(areaAdmin.auth)
        .send(activityReportBody())
        .expect(200);
      await plan(areaAdmin, {
        ...inYear,
        level: 'school',
        schoolId: school.id,
        budget: '3000',
        targets: { educationExecutives: 0, supervisors: 1, schoolDirectors: 1, teachers: 30 },
      });
      // Chiang Mai area 1: 476 teachers trained (seed 004's other figure): under 500.
      const cm = await freshActivityPlan(api.url, obec.auth, chiangMai, inYear);
      await http()
        .post(`/api/v1/activity-plans/${cm}/report`)
        .set(obec.auth)
        .send(
          activityReportBody({
            participants: { educationExecutives: 0, supervisors: 0, schoolDirectors: 0, teachers: 476 },
            budgetSpent: '100000.25',
          }),
        )
        .expect(200);

      const national = await http()
        .get(`/api/v1/activity-plans/summary?fiscalYear=${YEAR}&scope=national`)
        .set(obec.auth)
        .expect(200);
      const body = matches('get', '/activity-plans/summary', national.body);
      expect(body.fiscalYear).toMatchObject({ year: YEAR, th: `ปีงบประมาณ ${YEAR}` });
      expect(body.threshold).toBe(500);
      expect(body.areas).toHaveLength(245);
      const byId = new Map(body.areas.map((row: { areaId: string }) => [row.areaId, row]));
      expect(byId.get(areaId)).toMatchObject({
        plans: 2,
        reportedPlans: 1,
        targetParticipants: 832,
        actualParticipants: 700,
        below500: false,
        target: { educationExecutives: 20, supervisors: 31, schoolDirectors: 151, teachers: 630, total: 832 },
        actual: { educationExecutives: 15, supervisors: 25, schoolDirectors: 184, teachers: 476, total: 700 },
        supervisionVisits: 48,
        budgetPlanned: '500000.00',
        budgetSpent: '496850.50',
      });
      expect(byId.get(chiangMai)).toMatchObject({
        targetParticipants: 800,
        actualParticipants: 476,
        below500: true,
      });
      expect(byId.get(otherAreaId)).toMatchObject({
        plans: 0,
        targetParticipants: 0,
        actualParticipants: 0,
        below500: true,
      });
      expect(body.totals).toMatchObject({
        areas: 245,
        areasBelow500: 244,
        plans: 3,
        reportedPlans: 2,
        targetParticipants: 1632,
        actualParticipants: 1176,
        budgetPlanned: '997000.00',
        budgetSpent: '596850.75',
      });

      const own = await http()
        .get(`/api/v1/activity-plans/summary?fiscalYear=${YEAR}&scope=area:${areaId}`)
        .set(areaAdmin.auth)
        .expect(200);
      expect(own.body.areas.map((row: { areaId: string }) => row.areaId)).toEqual([areaId]);
      expect(own.body.totals).toMatchObject({ areas: 1, areasBelow500: 0, actualParticipants: 700 });

      // The cockpit's reads (given a scope it has authorised): the same numbers.
      const scoped = (scope: object) => scope as CockpitScope;
      const plans = api.app.get(ActivityPlansService, { strict: false });
      const all = await plans.participantsByArea(scoped({ kind: 'national' }), YEAR);
      expect(all.size).toBe(245);
      expect(all.get(areaId)).toEqual({ target: 832, actual: 700 });
      expect(all.get(chiangMai)).toEqual({ target: 800, actual: 476 });
      expect(all.get(otherAreaId)).toEqual({ target: 0, actual: 0 });
      expect([...(await plans.participantsByArea(scoped({ kind: 'area', areaId }), YEAR))]).toEqual([
        [areaId, { target: 832, actual: 700 }],
      ]);
      expect([
        ...(await plans.participantsByArea(scoped({ kind: 'school', schoolId: school.id, areaId }), YEAR)),
      ]).toEqual([[areaId, { target: 32, actual: 0 }]]);

      const rows = await plans.rows(scoped({ kind: 'area', areaId }), YEAR);
      expect(rows).toHaveLength(2);
      expect(rows[0]).toMatchObject({
        areaId,
        areaCode: 'P81',
        planId: krabi1,
        level: 'area',
        startsOn: '2027-11-01',
        targetTotal: 800,
        actualTeachers: 476,
        actualTotal: 700,
        supervisionVisits: 48,
        budgetPlanned: '497000.00',
        budgetSpent: '496850.50',
        reportRevision: 1,
      });
      expect(rows[1]).toMatchObject({
        level: 'school',
        schoolCode: school.code,
        actualTotal: null,
        budgetSpent: null,
      });
      expect(
        (await plans.rows(scoped({ kind: 'national' }), YEAR)).map((row) => row.areaCode).sort(),
      ).toEqual(['P50-1', 'P81', 'P81']);
    });

    it('gives the national summary to OBEC admins only, and an area only to its admins', async () => {
      const national = await http()
        .get(`/api/v1/activity-plans/summary?fiscalYear=${YEAR}&scope=national`)
        .set(areaAdmin.auth)
        .expect(403);
      expect(national.body.code).toBe('COCKPIT_SCOPE_FORBIDDEN');
      for (const [scope, code] of [
        ['province:81', 'COCKPIT_SCOPE_INVALID'],
        ['area:P81', 'COCKPIT_SCOPE_INVALID'],
        ['', 'COCKPIT_SCOPE_INVALID'],
        [`school:${school.id}`, 'ACTIVITY_PLAN_SCOPE_INVALID'],
      ]) {
        const response = await http()
          .get('/api/v1/activity-plans/summary')
          .query({ fiscalYear: YEAR, scope })
          .set(obec.auth)
          .expect(400);
        expect({ scope, code: response.body.code }).toEqual({ scope, code });
      }
      const noYear = await http()
        .get('/api/v1/activity-plans/summary?scope=national')
        .set(obec.auth)
        .expect(400);
      expect(noYear.body.code).toBe('VALIDATION_FAILED');
      const unknown = await http()
        .get(`/api/v1/activity-plans/summary?fiscalYear=${YEAR}&scope=area:${randomUUID()}`)
        .set(obec.auth)
        .expect(404);
      expect(unknown.body.code).toBe('COCKPIT_SCOPE_NOT_FOUND');
    });
  });
});
