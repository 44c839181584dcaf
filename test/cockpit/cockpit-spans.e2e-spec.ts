import { INestApplicationContext } from '@nestjs/common';
import request from 'supertest';
import { Given } from '../support/given';
import { createTestEnvironment, startTestApp, TestApp, TestEnvironment } from '../support/test-app';
import { startTestWorker } from '../support/test-worker';
import {
  buildWorld,
  cockpitCaughtUp,
  CockpitWorld,
  publish,
  ratingOf,
  rebuilder,
  summaryOf,
  valuesOf,
} from './cockpit-world';

/**
 * The fiscal-year and all-time rows (cockpit_yearly, cockpit_total) that make whole-year reads one row per scope and
 * rank the nation's schools in index order: they follow the month rows through every path (the subscriber's batches,
 * the rebuild), a rebuild finds nothing to correct when the subscriber kept the rollups exact, and the schools'
 * ranking shows each school's own numbers, whichever way it is read.
 */
describe('Cockpit: whole-year rows, all-time rows and the nation’s schools ranked', () => {
  let environment: TestEnvironment;
  let api: TestApp;
  let worker: INestApplicationContext | null = null;
  let w: CockpitWorld;

  beforeAll(async () => {
    environment = await createTestEnvironment({ LOG_LEVEL: 'error' });
    api = await startTestApp(environment);
    worker = await startTestWorker(environment);
    w = await buildWorld(api);
    await cockpitCaughtUp(api);
    await rebuilder(api).refreshSchools();
  }, 120_000);

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await environment?.drop();
  });

  const noCorrections = {
    daily: { deleted: 0, updated: 0, inserted: 0 },
    monthly: { deleted: 0, updated: 0, inserted: 0 },
    yearly: { deleted: 0, updated: 0, inserted: 0 },
    total: { deleted: 0, updated: 0, inserted: 0 },
  };

  const breakdown = async (metric: string, query = '') =>
    (
      await request(api.url)
        .get(`/api/v1/cockpit/breakdown?dimension=school&metric=${metric}&scope=national${query}`)
        .set(w.obec.auth)
        .expect(200)
    ).body as { truncated: boolean; rows: { key: string; value: number | null }[] };

  it('ranks the nation’s schools by each kind of KPI with the numbers of each school’s own summary', async () => {
    const schools = [w.s1, w.s2, w.s3, w.s4];
    const summaries = new Map<string, Record<string, number | null>>();
    for (const school of schools)
      summaries.set(school.id, valuesOf(await summaryOf(api, w.obec, `school:${school.id}`)));
    // A sum, a stock, points outstanding, an average, a point-in-time count and the share: schools with data only,
    // largest first, each with its own summary's value.
    for (const metric of [
      'ratings',
      'al_capable_teachers',
      'points_outstanding',
      'avg_quality',
      'members_active_30d',
      'schools_with_active_member_share',
    ]) {
      const { rows, truncated } = await breakdown(metric);
      expect(truncated).toBe(false);
      for (const row of rows)
        expect([metric, row.key, row.value]).toEqual([metric, row.key, summaries.get(row.key)![metric]]);
      const values = rows.map((row) => row.value ?? -Infinity);
      expect(values).toEqual([...values].sort((a, b) => b - a));
      expect(rows.length).toBeGreaterThan(0);
    }
    expect((await breakdown('ratings')).rows.map((row) => [row.key, row.value])).toEqual([
      [w.s1.id, 3],
      [w.s2.id, 1],
    ]);
    expect((await breakdown('avg_quality')).rows.map((row) => [row.key, row.value])).toEqual([
      [w.s1.id, 4.33],
      [w.s2.id, 2],
    ]);
    // A range that is not one row per school (the last 30 days) adds up the schools' rows: the same numbers.
    const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
    const from = new Date(Date.parse(`${today}T00:00:00Z`) - 29 * 86_400_000).toISOString().slice(0, 10);
    for (const metric of ['ratings', 'avg_quality']) {
      const range = `&from=${from}&to=${today}`;
      const { rows } = await breakdown(metric, range);
      for (const row of rows) {
        const own = valuesOf(await summaryOf(api, w.obec, `school:${row.key}`, range));
        expect([metric, row.key, row.value]).toEqual([metric, row.key, own[metric]]);
      }
    }
  });

  it('keeps the year and all-time rows through lowered ratings, hiding, edits and adjustments: a rebuild corrects nothing', async () => {
    const http = () => request(api.url);
    await http().put(`/api/v1/innovations/${w.i1}/rating`).set(w.t2.auth).send(ratingOf(3)).expect(200);
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
    await cockpitCaughtUp(api);
    await http()
      .post('/api/v1/admin/ledger/adjustments')
      .set(w.obec.auth)
      .send({ memberId: w.t3.id, amount: -5, reason: 'แก้ไขรายการซ้ำ' })
      .expect(201);
    await cockpitCaughtUp(api);

    const national = valuesOf(await summaryOf(api, w.obec, 'national'));
    expect(national).toMatchObject({ innovations_published: 1, ratings: 4, avg_quality: 3.25 });
    expect((await breakdown('avg_quality')).rows.map((row) => [row.key, row.value])).toEqual([
      [w.s1.id, 3.67],
      [w.s2.id, 2],
    ]);
    const outcome = await rebuilder(api).run();
    expect(outcome.corrected).toEqual(noCorrections);
    expect(valuesOf(await summaryOf(api, w.obec, 'national'))).toEqual(national);
  });

  it('counts concurrent ratings and comments once in every grain, with a rebuild in the middle', async () => {
    const given = new Given(api);
    const members = await Promise.all(
      Array.from({ length: 8 }, () => given.member({ schoolId: w.s3.id, memberKind: 'teacher' })),
    );
    const innovation = await publish(api, w.t3, { title: 'นวัตกรรมสำหรับการให้คะแนนพร้อมกัน' });
    await cockpitCaughtUp(api);
    const before = valuesOf(await summaryOf(api, w.obec, 'national'));

    const activity = members.flatMap((member, index) => [
      request(api.url)
        .put(`/api/v1/innovations/${innovation}/rating`)
        .set(member.auth)
        .send(ratingOf(1 + (index % 5)))
        .expect(200),
      request(api.url)
        .post(`/api/v1/innovations/${innovation}/comments`)
        .set(member.auth)
        .send({ body: 'ความคิดเห็นพร้อมกัน' })
        .expect(201),
    ]);
    await Promise.all([rebuilder(api).run(), ...activity]);
    await cockpitCaughtUp(api);

    const after = valuesOf(await summaryOf(api, w.obec, 'national'));
    expect(after.ratings).toBe((before.ratings as number) + 8);
    expect(after.comments).toBe((before.comments as number) + 8);
    // The whole-year ranking of schools reads the year rows: s2's innovation got the 8 ratings.
    const s2 = (await breakdown('ratings')).rows.find((row) => row.key === w.s2.id);
    expect(s2?.value).toBe(valuesOf(await summaryOf(api, w.obec, `school:${w.s2.id}`)).ratings);
    const outcome = await rebuilder(api).run();
    expect(outcome.corrected).toEqual(noCorrections);
  });
});
