import request from 'supertest';
import { uuidv7 } from '@lc/core';
import { CockpitLive, CockpitRebuildRepository, CockpitRebuildService } from './cockpit-internals';
import { fullInnovation } from '../support/fixtures';
import { Given, GivenMember, GivenSchool } from '../support/given';
import { eventually, TestApp } from '../support/test-app';

/**
 * A small community for the cockpit's suites, built the way members act (HTTP), with numbers a person can count by
 * hand (docs in the suites). Two schools and an empty one in สพป.กระบี่ (P81), one school in S01.
 */
export interface CockpitWorld {
  areaA: string;
  areaB: string;
  s1: GivenSchool;
  s2: GivenSchool;
  s3: GivenSchool;
  s4: GivenSchool;
  t1: GivenMember;
  t2: GivenMember;
  t3: GivenMember;
  t4: GivenMember;
  obec: GivenMember;
  areaAdminA: GivenMember;
  areaAdminB: GivenMember;
  schoolAdmin1: GivenMember;
  plain: GivenMember;
  staff: GivenMember;
  moderator: GivenMember;
  partnerId: string;
  i1: string;
  i2: string;
  /** Members registered in all (every Given.member registers through the API). */
  registered: number;
}

export const ratingOf = (overall: number) => ({
  overall,
  criteria: { clarity: overall, effect: overall, adoptability: overall, competencyFit: overall },
});

export async function publish(
  api: TestApp,
  author: GivenMember,
  overrides: Record<string, unknown> = {},
): Promise<string> {
  const draft = await request(api.url)
    .post('/api/v1/innovations')
    .set(author.auth)
    .send(fullInnovation(overrides))
    .expect(201);
  await request(api.url).post(`/api/v1/innovations/${draft.body.id}/publish`).set(author.auth).expect(200);
  return draft.body.id as string;
}

export async function buildWorld(api: TestApp): Promise<CockpitWorld> {
  const given = new Given(api);
  const http = () => request(api.url);
  const s1 = await given.school('P81', 'โรงเรียนบ้านหนึ่ง');
  const s2 = await given.school('P81', 'โรงเรียนบ้านสอง');
  const s4 = await given.school('P81', 'โรงเรียนบ้านว่าง');
  const s3 = await given.school('S01', 'โรงเรียนมัธยมสาม');
  const partner = await given.partner('มูลนิธิการศึกษาไทย');
  const w: Omit<CockpitWorld, 'i1' | 'i2'> = {
    areaA: s1.areaId,
    areaB: s3.areaId,
    s1,
    s2,
    s3,
    s4,
    t1: await given.member({ schoolId: s1.id }),
    t2: await given.member({ schoolId: s1.id }),
    t3: await given.member({ schoolId: s2.id }),
    t4: await given.member({ schoolId: s3.id, memberKind: 'supervisor' }),
    obec: await given.member({ roles: [{ role: 'obec_admin' }] }),
    areaAdminA: await given.member({ roles: [{ role: 'area_admin', scopeId: s1.areaId }] }),
    areaAdminB: await given.member({ roles: [{ role: 'area_admin', scopeId: s3.areaId }] }),
    schoolAdmin1: await given.member({ roles: [{ role: 'school_admin', scopeId: s1.id }] }),
    plain: await given.member(),
    staff: await given.member({ roles: [{ role: 'partner_staff', scopeId: partner.id }] }),
    moderator: await given.member({ roles: [{ role: 'moderator' }] }),
    partnerId: partner.id,
    registered: 11,
  };

  // t1 publishes I1 (MAT; CBC-HT, CBC-TW; GBL, COOP), t3 publishes I2 (SCI).
  const i1 = await publish(api, w.t1);
  const i2 = await publish(api, w.t3, { learningAreas: ['SCI'], techniques: ['INQ'] });
  // I1 is rated 5, 4, 4 by three peers (evidence (a) for t1); I2 is rated 2.
  await http().put(`/api/v1/innovations/${i1}/rating`).set(w.t2.auth).send(ratingOf(5)).expect(200);
  await http().put(`/api/v1/innovations/${i1}/rating`).set(w.t3.auth).send(ratingOf(4)).expect(200);
  await http().put(`/api/v1/innovations/${i1}/rating`).set(w.t4.auth).send(ratingOf(4)).expect(200);
  await http().put(`/api/v1/innovations/${i2}/rating`).set(w.t4.auth).send(ratingOf(2)).expect(200);
  // Three comments: two on I1 by t2, one on I2 by t4.
  for (const [who, on] of [
    [w.t2, i1],
    [w.t2, i1],
    [w.t4, i2],
  ] as const)
    await http()
      .post(`/api/v1/innovations/${on}/comments`)
      .set(who.auth)
      .send({ body: 'ลองใช้แล้วได้ผลดีมาก' })
      .expect(201);
  // t4 (a supervisor in S01) used I1 in a classroom: evidence (b) for t4.
  await http()
    .post(`/api/v1/innovations/${i1}/adoptions`)
    .set(w.t4.auth)
    .send({ gradeLevel: 'P4', classSize: 25, usedOn: '2026-11-02' })
    .expect(201);
  // The partner endorses I2.
  await http()
    .post(`/api/v1/innovations/${i2}/endorsements`)
    .set(w.staff.auth)
    .send({ statement: 'ภาคีรับรองว่าใช้ได้จริง' })
    .expect(201);
  // OBEC adjusts t3's wallet by +15 (once the awards are in: an adjustment racing the award of the same wallet can
  // deadlock in the ledger and answer 500, seen here; not the cockpit's to fix).
  await cockpitCaughtUp(api);
  await http()
    .post('/api/v1/admin/ledger/adjustments')
    .set(w.obec.auth)
    .send({ memberId: w.t3.id, amount: 15, reason: 'ชดเชยกิจกรรมอบรม' })
    .expect(201);
  // t1 redeems a 20-point training perk of the partner, fulfilled at once with a generated code.
  const perk = await http()
    .post('/api/v1/partner/perks')
    .set(w.staff.auth)
    .send({
      title: 'คอร์สอบรมออนไลน์',
      category: 'training',
      cost: 20,
      stock: null,
      fulfilment: 'generated_code',
    })
    .expect(201);
  await http().post(`/api/v1/partner/perks/${perk.body.id}/submit`).set(w.staff.auth).expect(200);
  await http().post(`/api/v1/admin/perks/${perk.body.id}/approve`).set(w.obec.auth).expect(200);
  // The earning awards t1's 100 points through the worker first (spending needs them).
  await eventually(async () =>
    (await http().get('/api/v1/me/wallet').set(w.t1.auth)).body.balance === 100 ? true : undefined,
  );
  const redemption = await http()
    .post(`/api/v1/perks/${perk.body.id}/redemptions`)
    .set(w.t1.auth)
    .set('idempotency-key', uuidv7())
    .send({});
  if (redemption.status !== 201 || redemption.body.status !== 'fulfilled')
    throw new Error(`redemption: ${redemption.status} ${JSON.stringify(redemption.body)}`);
  return { ...w, i1, i2 };
}

/** Every rollup row, in key order, for comparing the incremental path with a rebuild. */
export async function rollupRows(api: TestApp): Promise<string[]> {
  const rows: Record<string, unknown>[] = await api.dataSource.query(
    `SELECT 'd' AS t, scope, level, area_id, metric, dim, key, to_char(period, 'YYYY-MM-DD') AS period, value
     FROM cockpit_daily
     UNION ALL
     SELECT 'm', scope, level, area_id, metric, dim, key, to_char(period, 'YYYY-MM-DD'), value FROM cockpit_monthly
     ORDER BY 1, 2, 5, 6, 8, 7`,
  );
  return rows.map((row) => Object.values(row).join('|'));
}

/** A rebuild run outside the worker, on the API's data source (the worker may be stopped meanwhile). */
export function rebuilder(api: TestApp): CockpitRebuildService {
  return new CockpitRebuildService(api.dataSource, new CockpitRebuildRepository(), {
    changed: () => undefined,
  } as unknown as CockpitLive);
}

const LEDGER_TYPES = [
  'innovation.published',
  'innovation.hidden',
  'innovation.removed',
  'innovation.restored',
  'rating.submitted',
  'comment.created',
  'adoption.reported',
  'innovation.endorsed',
  'activity.session_attended',
  'activity.event_completed',
];

/** Events of these types in the outbox that this subscriber has not handled yet. */
async function waiting(api: TestApp, subscriber: string, types: string[]): Promise<number> {
  const [row]: { waiting: number }[] = await api.dataSource.query(
    `SELECT count(*)::int AS waiting FROM outbox_event o
     WHERE o.type = ANY($2::text[])
       AND NOT EXISTS (SELECT 1 FROM processed_event p WHERE p.subscriber = $1 AND p.event_id = o.id)`,
    [subscriber, types],
  );
  return row!.waiting;
}

/**
 * Waits until the cockpit and the ledger (whose awards are events the cockpit counts) have handled every event and
 * no new event has appeared for a moment: the rollups then stand still.
 */
export async function cockpitCaughtUp(api: TestApp, timeoutMs = 20_000): Promise<void> {
  const count = async () =>
    ((await api.dataSource.query(`SELECT count(*)::int AS n FROM outbox_event`)) as { n: number }[])[0]!.n;
  await eventually(async () => {
    const before = await count();
    if ((await waiting(api, 'ledger', LEDGER_TYPES)) > 0) return undefined;
    if ((await waiting(api, 'cockpit', COCKPIT_TYPES)) > 0) return undefined;
    await new Promise((resolve) => setTimeout(resolve, 400));
    if ((await count()) !== before) return undefined;
    return (await waiting(api, 'cockpit', COCKPIT_TYPES)) === 0 ? true : undefined;
  }, timeoutMs);
}

export const COCKPIT_TYPES = [
  'member.registered',
  'innovation.published',
  'innovation.updated',
  'innovation.hidden',
  'innovation.removed',
  'innovation.restored',
  'rating.submitted',
  'comment.created',
  'adoption.reported',
  'innovation.endorsed',
  'points.changed',
  'points.adjusted',
  'redemption.fulfilled',
  'activity.session_attended',
  'activity.event_completed',
];

/** The summary's KPIs by code, as {value, previous}. */
export async function summaryOf(
  api: TestApp,
  who: GivenMember,
  scope: string,
  query = '',
): Promise<Record<string, { value: number | null; previous: number | null }>> {
  const response = await request(api.url)
    .get(`/api/v1/cockpit/summary?scope=${scope}${query}`)
    .set(who.auth)
    .expect(200);
  return Object.fromEntries(
    (response.body.kpis as { code: string; value: number | null; previous: number | null }[]).map((kpi) => [
      kpi.code,
      { value: kpi.value, previous: kpi.previous },
    ]),
  );
}

export const valuesOf = (kpis: Record<string, { value: number | null }>) =>
  Object.fromEntries(Object.entries(kpis).map(([code, kpi]) => [code, kpi.value]));
