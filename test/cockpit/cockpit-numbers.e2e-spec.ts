import { INestApplicationContext } from '@nestjs/common';
import request from 'supertest';
import { Given } from '../support/given';
import { OpenApiDocument, schemaMismatches } from '../support/openapi-shape';
import {
  createTestEnvironment,
  eventually,
  startTestApp,
  TestApp,
  TestEnvironment,
} from '../support/test-app';
import { startTestWorker } from '../support/test-worker';
import {
  buildWorld,
  cockpitCaughtUp,
  CockpitWorld,
  publish,
  ratingOf,
  rebuilder,
  rollupRows,
  summaryOf,
  valuesOf,
} from './cockpit-world';

/**
 * The cockpit's numbers for a small community built through the API, against counts made by hand:
 *
 * - 11 members register (4 teachers and a supervisor in schools, 7 others without a school);
 * - s1 (P81): t1 publishes I1 (MAT; CBC-HT, CBC-TW; GBL, COOP), t2 rates it 5 and comments twice on it;
 * - s2 (P81): t3 publishes I2 (SCI; INQ) and rates I1 4; the partner endorses I2; OBEC adjusts t3 by +15;
 * - s3 (S01): t4, a supervisor, rates I1 4 and I2 2, comments on I2 and reports using I1;
 * - s4 (P81) has no members; t1 redeems a 20-point training perk.
 *
 * Points by the earning rules: t1 50 + 3 × 10 + 20 = 100; t2 2 + 2 × 2 = 6; t3 50 + 2 + 30 (+15 adjusted) = 97;
 * t4 2 + 2 + 2 + 5 = 11; 214 in all. Indicator 18: t1 (I1 rated 5, 4, 4 by 3 peers) and t4 (used I1).
 */
describe('Cockpit: the numbers of a small community, the rebuild and its breakdowns', () => {
  let environment: TestEnvironment;
  let api: TestApp;
  let worker: INestApplicationContext | null = null;
  let w: CockpitWorld;
  let openApi: OpenApiDocument;

  beforeAll(async () => {
    environment = await createTestEnvironment({ SWAGGER_ENABLED: 'true', LOG_LEVEL: 'error' });
    api = await startTestApp(environment);
    worker = await startTestWorker(environment);
    w = await buildWorld(api);
    await cockpitCaughtUp(api);
    // Schools without members join the share's denominator from identity's list (the worker does this every 10 min).
    await rebuilder(api).refreshSchools();
    openApi = (await request(api.url).get('/api/docs-json').expect(200)).body as OpenApiDocument;
  }, 120_000);

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await environment?.drop();
  });

  const get = (path: string, who = w.obec) => request(api.url).get(path).set(who.auth);
  const shapeOf = async (path: string, response: request.Response) => {
    const schema = (
      openApi.paths[path]!.get as {
        responses: Record<string, { content: Record<string, { schema: never }> }>;
      }
    ).responses['200']!.content['application/json']!.schema;
    expect(schemaMismatches(openApi, schema, response.body)).toEqual([]);
  };

  it('summarises the nation, an area, another area and a school exactly as counted by hand', async () => {
    const national = await summaryOf(api, w.obec, 'national');
    expect(valuesOf(national)).toEqual({
      members_registered: 11,
      members_active_7d: 4,
      members_active_30d: 4,
      innovations_published: 2,
      ratings: 4,
      comments: 3,
      adoptions: 1,
      endorsements: 1,
      avg_quality: 3.75,
      al_capable_teachers: 2,
      points_issued: 214,
      points_redeemed: 20,
      points_outstanding: 194,
      redemptions: 1,
      schools_with_active_member_share: 75,
    });
    // Before this fiscal year nothing happened: every previous value is 0 (or none, for an average of nothing).
    for (const [code, kpi] of Object.entries(national))
      expect([code, kpi.previous]).toEqual([code, code === 'avg_quality' ? null : 0]);

    expect(valuesOf(await summaryOf(api, w.areaAdminA, `area:${w.areaA}`))).toEqual({
      members_registered: 3,
      members_active_7d: 3,
      members_active_30d: 3,
      innovations_published: 2,
      ratings: 4,
      comments: 3,
      adoptions: 0,
      endorsements: 1,
      avg_quality: 3.75,
      al_capable_teachers: 1,
      points_issued: 203,
      points_redeemed: 20,
      points_outstanding: 183,
      redemptions: 1,
      schools_with_active_member_share: 66.7,
    });
    expect(valuesOf(await summaryOf(api, w.areaAdminB, `area:${w.areaB}`))).toEqual({
      members_registered: 1,
      members_active_7d: 1,
      members_active_30d: 1,
      innovations_published: 0,
      ratings: 0,
      comments: 0,
      adoptions: 1,
      endorsements: 0,
      avg_quality: null,
      al_capable_teachers: 1,
      points_issued: 11,
      points_redeemed: 0,
      points_outstanding: 11,
      redemptions: 0,
      schools_with_active_member_share: 100,
    });
    expect(valuesOf(await summaryOf(api, w.schoolAdmin1, `school:${w.s1.id}`))).toEqual({
      members_registered: 2,
      members_active_7d: 2,
      members_active_30d: 2,
      innovations_published: 1,
      ratings: 3,
      comments: 2,
      adoptions: 0,
      endorsements: 0,
      avg_quality: 4.33,
      al_capable_teachers: 1,
      points_issued: 106,
      points_redeemed: 20,
      points_outstanding: 86,
      redemptions: 1,
      schools_with_active_member_share: 100,
    });
    // Outstanding points are what members' wallets hold.
    const [wallets] = await api.dataSource.query(
      `SELECT sum(balance)::int AS total FROM ledger_account WHERE kind = 'member'`,
    );
    expect(national.points_outstanding!.value).toBe(wallets.total);
  });

  it('answers every KPI with its Thai and English names and definition, in the documented shape', async () => {
    const response = await get('/api/v1/cockpit/summary').expect(200);
    await shapeOf('/api/v1/cockpit/summary', response);
    expect(response.body.scope).toBe('national');
    expect(response.body.from).toBe(fiscalYearStart());
    expect(response.body.kpis).toHaveLength(15);
    for (const kpi of response.body.kpis) {
      expect(kpi.th).toMatch(/[\u0E00-\u0E7F]/);
      expect(kpi.en).toMatch(/[A-Za-z]/);
      expect(kpi.definition.th).toMatch(/[\u0E00-\u0E7F]/);
      expect(kpi.definition.en.length).toBeGreaterThan(30);
    }
    // The same period the year before (of the same length) is the comparison.
    const days = (a: string, b: string) => (Date.parse(b) - Date.parse(a)) / 86_400_000;
    expect(days(response.body.previousFrom, response.body.previousTo)).toBe(
      days(response.body.from, response.body.to),
    );
    expect(days(response.body.previousTo, response.body.from)).toBe(1);
  });

  it('breaks down by area, school, province, region and the categories', async () => {
    const byArea = await get(
      '/api/v1/cockpit/breakdown?dimension=area&metric=innovations_published&scope=national',
    ).expect(200);
    await shapeOf('/api/v1/cockpit/breakdown', byArea);
    expect(byArea.body.rows).toHaveLength(245);
    expect(byArea.body.rows[0]).toMatchObject({ key: w.areaA, value: 2, th: 'สพป.กระบี่' });
    expect(byArea.body.rows.find((row: { key: string }) => row.key === w.areaB).value).toBe(0);

    const bySchool = await get(
      `/api/v1/cockpit/breakdown?dimension=school&metric=members_registered&scope=area:${w.areaA}`,
      w.areaAdminA,
    ).expect(200);
    expect(bySchool.body.rows.map((row: { key: string; value: number }) => [row.key, row.value])).toEqual([
      [w.s1.id, 2],
      [w.s2.id, 1],
      [w.s4.id, 0],
    ]);
    expect(bySchool.body.rows[0].th).toContain('โรงเรียนบ้านหนึ่ง');

    const nationalSchools = await get('/api/v1/cockpit/breakdown?dimension=school&metric=ratings').expect(
      200,
    );
    expect(nationalSchools.body.truncated).toBe(false);
    expect(
      nationalSchools.body.rows.map((row: { key: string; value: number }) => [row.key, row.value]),
    ).toEqual([
      [w.s1.id, 3],
      [w.s2.id, 1],
    ]);
    const schoolShares = await get(
      '/api/v1/cockpit/breakdown?dimension=school&metric=schools_with_active_member_share',
    ).expect(200);
    expect(schoolShares.body.rows.map((row: { value: number }) => row.value)).toEqual([100, 100, 100]);

    const share = await get(
      '/api/v1/cockpit/breakdown?dimension=province&metric=schools_with_active_member_share',
    ).expect(200);
    expect(share.body.rows).toHaveLength(77);
    expect(share.body.rows.find((row: { key: string }) => row.key === '81')).toMatchObject({
      th: 'กระบี่',
      en: 'Krabi',
      value: 66.7,
    });
    const regions = await get('/api/v1/cockpit/breakdown?dimension=region&metric=members_registered').expect(
      200,
    );
    expect(regions.body.rows).toHaveLength(6);
    expect(regions.body.rows.reduce((sum: number, row: { value: number }) => sum + row.value, 0)).toBe(4);
    expect(
      regions.body.rows.find((row: { key: string }) => row.key === 'south').value,
    ).toBeGreaterThanOrEqual(3);

    const quality = await get('/api/v1/cockpit/breakdown?dimension=area&metric=avg_quality').expect(200);
    expect(quality.body.rows.find((row: { key: string }) => row.key === w.areaA).value).toBe(3.75);
    expect(quality.body.rows.find((row: { key: string }) => row.key === w.areaB).value).toBeNull();

    const learningAreas = await get(
      '/api/v1/cockpit/breakdown?dimension=learningArea&metric=innovations_published',
    ).expect(200);
    expect(learningAreas.body.rows).toHaveLength(10);
    expect(
      learningAreas.body.rows
        .slice(0, 2)
        .map((row: { key: string }) => row.key)
        .sort(),
    ).toEqual(['MAT', 'SCI']);
    expect(learningAreas.body.rows.find((row: { key: string }) => row.key === 'MAT')).toMatchObject({
      th: 'คณิตศาสตร์',
      value: 1,
    });
    const techniques = await get('/api/v1/cockpit/breakdown?dimension=technique&metric=innovations_published')
      .expect(200)
      .then((r) =>
        Object.fromEntries(r.body.rows.map((row: { key: string; value: number }) => [row.key, row.value])),
      );
    expect([techniques.GBL, techniques.COOP, techniques.INQ, techniques.PBL]).toEqual([1, 1, 1, 0]);
    const competencies = await get(
      `/api/v1/cockpit/breakdown?dimension=competency&metric=innovations_published&scope=school:${w.s1.id}`,
    ).expect(200);
    expect(
      competencies.body.rows
        .filter((row: { value: number }) => row.value > 0)
        .map((r: { key: string }) => r.key)
        .sort(),
    ).toEqual(['CBC-HT', 'CBC-TW']);

    const kinds = await get(
      '/api/v1/cockpit/breakdown?dimension=memberKind&metric=members_active_30d',
    ).expect(200);
    const kindValues = Object.fromEntries(
      kinds.body.rows.map((row: { key: string; value: number }) => [row.key, row.value]),
    );
    expect([kindValues.teacher, kindValues.supervisor, kindValues.parent]).toEqual([3, 1, 0]);
    const alKinds = await get(
      '/api/v1/cockpit/breakdown?dimension=memberKind&metric=al_capable_teachers',
    ).expect(200);
    expect(alKinds.body.rows.filter((row: { value: number }) => row.value > 0).length).toBe(2);

    const partners = await get('/api/v1/cockpit/breakdown?dimension=partner&metric=redemptions').expect(200);
    expect(partners.body.rows).toEqual([
      { key: w.partnerId, th: 'มูลนิธิการศึกษาไทย', en: 'มูลนิธิการศึกษาไทย', value: 1 },
    ]);
    const categories = await get(
      '/api/v1/cockpit/breakdown?dimension=perkCategory&metric=points_redeemed',
    ).expect(200);
    expect(categories.body.rows[0]).toMatchObject({ key: 'training', th: 'หลักสูตรฝึกอบรม', value: 20 });
    const endorsedBy = await get('/api/v1/cockpit/breakdown?dimension=partner&metric=endorsements').expect(
      200,
    );
    expect(endorsedBy.body.rows[0]).toMatchObject({ key: w.partnerId, value: 1 });

    // A school admin's breakdown by area shows their school's own numbers under its area, nothing of the others.
    const mine = await get(
      `/api/v1/cockpit/breakdown?dimension=area&metric=ratings&scope=school:${w.s1.id}`,
      w.schoolAdmin1,
    ).expect(200);
    expect(mine.body.rows).toEqual([{ key: w.areaA, th: 'สพป.กระบี่', en: expect.any(String), value: 3 }]);
  });

  it('draws time series by day, week, month and Thai fiscal year', async () => {
    const today = bangkokToday();
    const byDay = await get(
      `/api/v1/cockpit/timeseries?metric=innovations_published&interval=day&from=${addDays(today, -6)}&to=${today}`,
    ).expect(200);
    await shapeOf('/api/v1/cockpit/timeseries', byDay);
    expect(byDay.body.points).toHaveLength(7);
    expect(byDay.body.points.at(-1)).toEqual({ t: today, value: 2 });
    expect(byDay.body.points.slice(0, 6).every((p: { value: number }) => p.value === 0)).toBe(true);

    const byWeek = await get(
      `/api/v1/cockpit/timeseries?metric=comments&interval=week&from=${addDays(today, -20)}&to=${today}`,
    ).expect(200);
    expect(byWeek.body.points.reduce((sum: number, p: { value: number }) => sum + p.value, 0)).toBe(3);
    for (const point of byWeek.body.points.slice(1))
      expect(new Date(`${point.t}T00:00:00Z`).getUTCDay()).toBe(1); // weeks start on Monday

    const byYear = await get(
      `/api/v1/cockpit/timeseries?metric=innovations_published&interval=fiscalYear&from=2025-10-01&to=${today}`,
    ).expect(200);
    expect(byYear.body.points).toEqual([
      { t: '2025-10-01', value: 0, fiscalYear: 2569 },
      { t: '2026-10-01', value: 2, fiscalYear: 2570 },
    ]);

    const outstanding = await get(
      `/api/v1/cockpit/timeseries?metric=points_outstanding&interval=month&from=2026-09-01&to=${today}`,
    ).expect(200);
    expect(outstanding.body.points.map((p: { value: number }) => p.value)).toEqual(
      outstanding.body.points.map((_: unknown, i: number, all: unknown[]) =>
        i === all.length - 1 ? 194 : 0,
      ),
    );
    const active = await get(
      `/api/v1/cockpit/timeseries?metric=members_active_7d&interval=day&from=${today}&to=${addDays(today, 8)}`,
    ).expect(200);
    // Active in the 7 days ending on each day: everyone today, nobody 7 days after.
    expect(active.body.points.map((p: { value: number }) => p.value)).toEqual([4, 4, 4, 4, 4, 4, 4, 0, 0]);
  });

  it('keeps the rollups equal to a rebuild from the sources after a mixed set of events', async () => {
    const http = () => request(api.url);
    // t2 lowers I1 from 5 to 3: I1 averages 3.67 and t1 is no longer able to run Active Learning by (a).
    await http().put(`/api/v1/innovations/${w.i1}/rating`).set(w.t2.auth).send(ratingOf(3)).expect(200);
    // I1 gains a learning area; I2 is hidden by a moderator; a new member registers in s2 and comments.
    await http()
      .patch(`/api/v1/innovations/${w.i1}`)
      .set(w.t1.auth)
      .send({ learningAreas: ['MAT', 'SCI'] })
      .expect(200);
    await http()
      .post(`/api/v1/moderation/innovations/${w.i2}/hide`)
      .set(w.moderator.auth)
      .send({ note: 'ตรวจสอบเนื้อหา' })
      .expect(200);
    const given = new Given(api);
    const t5 = await given.member({ schoolId: w.s2.id, memberKind: 'personnel' });
    await http()
      .post(`/api/v1/innovations/${w.i1}/comments`)
      .set(t5.auth)
      .send({ body: 'ขอบคุณสำหรับแนวคิด' })
      .expect(201);
    await cockpitCaughtUp(api);
    await http()
      .post('/api/v1/admin/ledger/adjustments')
      .set(w.obec.auth)
      .send({ memberId: w.t4.id, amount: -5, reason: 'แก้ไขรายการซ้ำ' })
      .expect(201);
    await cockpitCaughtUp(api);

    const national = valuesOf(await summaryOf(api, w.obec, 'national'));
    expect(national).toMatchObject({
      members_registered: 12,
      innovations_published: 1,
      ratings: 4,
      comments: 4,
      avg_quality: 3.25,
      al_capable_teachers: 1,
      members_active_30d: 5,
    });
    const incremental = await rollupRows(api);
    const outcome = await rebuilder(api).run();
    expect(outcome.dailyRows).toBeGreaterThan(0);
    expect(await rollupRows(api)).toEqual(incremental);
    expect(valuesOf(await summaryOf(api, w.obec, 'national'))).toEqual(national);
  });

  it('fills emptied day and month rows bare and indexes them once: the same rows and indexes; reads meanwhile get a 503', async () => {
    const rollupIndexes = () =>
      api.dataSource.query(
        `SELECT tablename, indexname, indexdef FROM pg_indexes
         WHERE tablename IN ('cockpit_daily', 'cockpit_monthly') ORDER BY 1, 2`,
      );
    const rollupOptions = () =>
      api.dataSource.query(
        `SELECT relname, reloptions FROM pg_class WHERE relname IN ('cockpit_daily', 'cockpit_monthly') ORDER BY 1`,
      );
    // The year and all-time rows too: the month rows' trigger that keeps them is off during the fill.
    const spanRows = () =>
      api.dataSource.query(
        `SELECT 'y' AS t, scope, metric, dim, key, to_char(period, 'YYYY-MM-DD') AS period, value FROM cockpit_yearly
         UNION ALL SELECT 't', scope, metric, dim, key, '', value FROM cockpit_total ORDER BY 1, 2, 3, 4, 5, 6`,
      );
    const monthlyTrigger = async () =>
      (
        await api.dataSource.query(
          `SELECT tgenabled FROM pg_trigger WHERE tgname = 'cockpit_monthly_inserted'`,
        )
      )[0].tgenabled;
    const incremental = await rollupRows(api);
    const spans = await spanRows();
    const national = valuesOf(await summaryOf(api, w.obec, 'national'));
    const indexes = await rollupIndexes();
    const options = await rollupOptions();
    expect(indexes.map((row: { indexname: string }) => row.indexname)).toEqual(
      expect.arrayContaining(['cockpit_daily_pkey', 'cockpit_daily_level', 'cockpit_monthly_pkey']),
    );
    // The application's role may unindex only these two tables, and only while they are empty.
    await expect(api.dataSource.query(`SELECT cockpit_unindex('cockpit_daily')`)).rejects.toThrow(
      /not empty/,
    );
    await expect(api.dataSource.query(`SELECT cockpit_unindex('ledger_transfer')`)).rejects.toThrow(
      /not a rollup table/,
    );
    await expect(api.dataSource.query(`DROP INDEX cockpit_daily_level`)).rejects.toThrow(/owner/);
    await expect(api.dataSource.query(`SELECT cockpit_analyze('ledger_transfer')`)).rejects.toThrow(
      /not a cockpit table/,
    );

    await api.dataSource.query(`DELETE FROM cockpit_daily`);
    await api.dataSource.query(`DELETE FROM cockpit_monthly`);
    // A first fill under way: the tables are locked until it commits. A read gives up with a 503, not a hang.
    const filling = api.dataSource.createQueryRunner();
    await filling.connect();
    try {
      await filling.startTransaction();
      expect(await filling.query(`SELECT cockpit_unindex('cockpit_daily') AS n`)).toEqual([{ n: 3 }]);
      await filling.query(`SELECT cockpit_unindex('cockpit_monthly')`);
      const today = bangkokToday();
      const busy = await get(
        `/api/v1/cockpit/timeseries?metric=comments&interval=day&from=${addDays(today, -6)}&to=${today}`,
      ).expect(503);
      expect(busy.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(busy.headers['retry-after']).toBe('60');
      expect(busy.body).toMatchObject({ status: 503, code: 'COCKPIT_BEING_BUILT' });
      // Failed or abandoned, the fill leaves the indexes as they were.
      await filling.rollbackTransaction();
    } finally {
      await filling.release();
    }
    expect(await rollupIndexes()).toEqual(indexes);
    expect(await monthlyTrigger()).toBe('O');

    const outcome = await rebuilder(api).run();
    expect(outcome.corrected.daily).toEqual({ deleted: 0, updated: 0, inserted: outcome.dailyRows });
    expect(outcome.corrected.monthly).toEqual({ deleted: 0, updated: 0, inserted: outcome.monthlyRows });
    expect(Object.keys(outcome.steps)).toEqual(
      expect.arrayContaining(['mirrors', 'facts', 'daily', 'monthly', 'yearly', 'total', 'recent']),
    );
    expect(await rollupRows(api)).toEqual(incremental);
    expect(await rollupIndexes()).toEqual(indexes);
    expect(await rollupOptions()).toEqual(options);
    expect(await spanRows()).toEqual(spans);
    expect(spans.length).toBeGreaterThan(0);
    expect(await monthlyTrigger()).toBe('O');
    expect(valuesOf(await summaryOf(api, w.obec, 'national'))).toEqual(national);
  });

  it('counts once an event the rebuild already saw in the sources before the subscriber handled it', async () => {
    await worker!.close();
    worker = null;
    // Published and registered while no worker runs: in the sources and in the outbox, not yet counted.
    await publish(api, w.t2, { learningAreas: ['ART'] });
    await new Given(api).member({ schoolId: w.s4.id });
    const before = await rebuilder(api).run();
    expect(before.pendingEvents).toBeGreaterThanOrEqual(2);
    const rebuilt = valuesOf(await summaryOf(api, w.obec, 'national'));
    expect(rebuilt).toMatchObject({ innovations_published: 2, members_registered: 13 });

    worker = await startTestWorker(environment);
    await cockpitCaughtUp(api);
    // The ledger's awards for it arrive as new events and are counted; the publication itself is not counted again.
    await eventually(async () => {
      const now = valuesOf(await summaryOf(api, w.obec, 'national'));
      return now.points_issued === (rebuilt.points_issued as number) + 50 ? now : undefined;
    });
    await cockpitCaughtUp(api);
    // Neither is counted again when its event arrives (a registration has no record to recognise it by: only the
    // rebuild's mark of the event).
    expect(valuesOf(await summaryOf(api, w.obec, 'national'))).toMatchObject({
      innovations_published: 2,
      members_registered: 13,
    });
    const incremental = await rollupRows(api);
    await rebuilder(api).run();
    expect(await rollupRows(api)).toEqual(incremental);
  });

  it('names indicator 18 per area for a fiscal year, flagging areas under 500 participants', async () => {
    const response = await get('/api/v1/cockpit/indicator-18?scope=national&fiscalYear=2570').expect(200);
    await shapeOf('/api/v1/cockpit/indicator-18', response);
    expect(response.body).toMatchObject({ fiscalYear: 2570, th: 'ปีงบประมาณ 2570' });
    expect(response.body.rows).toHaveLength(245);
    const krabi = response.body.rows.find((row: { areaId: string }) => row.areaId === w.areaA);
    expect(krabi).toMatchObject({ code: 'P81', th: 'สพป.กระบี่', below500: true, actualParticipants: 0 });
    const s01 = response.body.rows.find((row: { areaId: string }) => row.areaId === w.areaB);
    expect(s01).toMatchObject({ alCapableTeachers: 1, alCapableTeachersNew: 1 });
    const area = await get(`/api/v1/cockpit/indicator-18?scope=area:${w.areaB}`, w.areaAdminB).expect(200);
    expect(area.body.rows).toEqual([expect.objectContaining({ areaId: w.areaB, alCapableTeachers: 1 })]);
  });
});

function bangkokToday(): string {
  return new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

function fiscalYearStart(): string {
  const today = bangkokToday();
  const year = Number(today.slice(0, 4)) - (Number(today.slice(5, 7)) >= 10 ? 0 : 1);
  return `${year}-10-01`;
}
