/**
 * `npm run bench:cockpit-events`: how fast the worker's `cockpit` subscriber absorbs a burst of events, and what the
 * ledger subscriber (which shares the worker's cores and the database) manages meanwhile.
 *
 * On a fresh, migrated database (scripts/bench/bench-servers.ts): 300 schools spread over the areas, 2,000 members
 * (confirmed e-mail addresses, so their actions earn points) in those schools, the earning rules' caps lifted; then,
 * with the real worker (WorkerModule) running, these events are committed to the outbox in chunks of 1,000:
 *  - BENCH_PUBLISHED (20,000) `innovation.published` over the 2,000 members, with learning areas, competencies and
 *    techniques;
 *  - BENCH_RATINGS (20,000) `rating.submitted` of those innovations by other members (one in ten changes a rating
 *    given earlier in the run);
 *  - BENCH_COMMENTS (20,000) `comment.created`.
 * Printed: events/s absorbed by the cockpit (until its processed_event count covers every event committed), the same
 * including the `points.changed` events the ledger's awards add, and the ledger's awards/s over the same run.
 * A subscriber that has not caught up within BENCH_TIMEOUT_S (1,800) is reported with how far it got.
 * Figures only: nothing here passes or fails on time. A checksum of the rollups is printed so that two runs (before
 * and after a change of the subscriber) can be compared for equal results.
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Pool } from 'pg';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { uuidv7 } from '../../libs/core/src/ids';
import { taxonomyCodes } from '../../libs/core/src/reference/reference-data';
import { benchServers } from './bench-servers';

const PUBLISHED = Number(process.env.BENCH_PUBLISHED ?? 20_000);
const RATINGS = Number(process.env.BENCH_RATINGS ?? 20_000);
const COMMENTS = Number(process.env.BENCH_COMMENTS ?? 20_000);
const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 2_000);
const SCHOOLS = Number(process.env.BENCH_SCHOOLS ?? 300);
const CHUNK = 1_000;
const TIMEOUT_S = Number(process.env.BENCH_TIMEOUT_S ?? 1_800);

const log = (line: string) => process.stdout.write(`${line}\n`);
const rate = (count: number, ms: number) => Math.round((count / ms) * 1000).toLocaleString('en');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A small deterministic generator, so two runs commit the same events (but for ids). */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

interface Member {
  id: string;
  schoolId: string;
  areaId: string;
}

async function main(): Promise<void> {
  const servers = await benchServers('bench-cockpit-events', { postgres: 55733, redis: 56480 });
  const pool = new Pool({ connectionString: servers.databaseUrl, max: 4 });
  const next = random(2570);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const some = <T>(list: readonly T[], most: number): T[] => [
    ...new Set(Array.from({ length: 1 + Math.floor(next() * most) }, () => pick(list))),
  ];

  // 300 schools over the areas (each in a province of its area), 2,000 members in them.
  const areas: { area_id: string; province_code: string }[] = (
    await pool.query(
      `SELECT DISTINCT ON (a.code) a.id AS area_id, ap.province_code
       FROM area a JOIN area_province ap ON ap.area_id = a.id ORDER BY a.code, ap.province_code`,
    )
  ).rows;
  const schools = Array.from({ length: SCHOOLS }, (_, i) => ({ id: uuidv7(), ...areas[i % areas.length]! }));
  await pool.query(
    `INSERT INTO school (id, code, name_th, area_id, province_code)
     SELECT id, code, 'โรงเรียนทดสอบ ' || code, area_id, province_code
     FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::text[]) AS s(id, code, area_id, province_code)`,
    [
      schools.map((s) => s.id),
      schools.map((_, i) => String(70_000_000 + i)),
      schools.map((s) => s.area_id),
      schools.map((s) => s.province_code),
    ],
  );
  const members: Member[] = Array.from({ length: MEMBERS }, (_, i) => {
    const school = schools[i % SCHOOLS]!;
    return { id: uuidv7(), schoolId: school.id, areaId: school.area_id };
  });
  await pool.query(
    `INSERT INTO member (id, email, display_name, member_kind, school_id, terms_version, privacy_version,
       consented_at, email_verified_at)
     SELECT id, 'bench-' || id || '@example.test', 'ครู', kind, school_id, 't', 'p', now(), now()
     FROM unnest($1::uuid[], $2::uuid[], $3::text[]) AS m(id, school_id, kind)`,
    [
      members.map((m) => m.id),
      members.map((m) => m.schoolId),
      members.map((_, i) => (i % 10 === 9 ? 'personnel' : 'teacher')),
    ],
  );
  await pool.query(`UPDATE ledger_rule SET cap_day = NULL, cap_week = NULL, cap_month = NULL`);

  // The events, made up front so that only committing them is timed.
  const learningAreas = taxonomyCodes('learningAreas');
  const techniques = taxonomyCodes('activeLearningTechniques');
  const competencies = ['CBC-HT', 'CBC-TW', 'CBC-SM', 'CBC-CM', 'CBC-AC', 'CBC-CT'];
  type Event = { type: string; payload: Record<string, unknown> };
  const innovations: { id: string; author: Member }[] = [];
  const published: Event[] = [];
  for (let i = 0; i < PUBLISHED; i++) {
    const author = members[i % MEMBERS]!;
    const id = uuidv7();
    innovations.push({ id, author });
    published.push({
      type: 'innovation.published',
      payload: {
        innovationId: id,
        authorId: author.id,
        schoolId: author.schoolId,
        areaId: author.areaId,
        learningAreas: some(learningAreas, 2),
        competencies: some(competencies, 3),
        techniques: some(techniques, 2),
        version: 1,
      },
    });
  }
  const feedback = (innovation: { id: string; author: Member }, actor: Member) => ({
    innovationId: innovation.id,
    actorId: actor.id,
    authorId: innovation.author.id,
    schoolId: innovation.author.schoolId,
    areaId: innovation.author.areaId,
    learningAreas: [],
  });
  const otherThan = (author: Member) => {
    for (;;) {
      const member = pick(members);
      if (member.id !== author.id) return member;
    }
  };
  const given = new Map<string, number>();
  const givenPairs: { innovation: { id: string; author: Member }; actor: Member }[] = [];
  const ratings: Event[] = [];
  for (let i = 0; i < RATINGS; i++) {
    let innovation: { id: string; author: Member };
    let actor: Member;
    if (i % 10 === 9 && givenPairs.length > 0) ({ innovation, actor } = pick(givenPairs));
    else {
      innovation = pick(innovations);
      actor = otherThan(innovation.author);
    }
    const key = `${innovation.id}|${actor.id}`;
    const overall = 1 + Math.floor(next() * 5);
    const previousOverall = given.get(key) ?? null;
    if (previousOverall === null) givenPairs.push({ innovation, actor });
    given.set(key, overall);
    ratings.push({
      type: 'rating.submitted',
      payload: { ...feedback(innovation, actor), overall, previousOverall },
    });
  }
  const comments: Event[] = Array.from({ length: COMMENTS }, () => {
    const innovation = pick(innovations);
    return {
      type: 'comment.created',
      payload: { ...feedback(innovation, otherThan(innovation.author)), commentId: uuidv7(), parentId: null },
    };
  });
  // Publications first (as a burst of a forum day starts), then ratings and comments interleaved.
  const feedbackEvents: Event[] = [];
  for (let i = 0; i < Math.max(ratings.length, comments.length); i++) {
    if (ratings[i]) feedbackEvents.push(ratings[i]!);
    if (comments[i]) feedbackEvents.push(comments[i]!);
  }
  const events = [...published, ...feedbackEvents];
  const total = events.length;

  log(
    `${total.toLocaleString('en')} events: ${PUBLISHED.toLocaleString('en')} published, ${RATINGS.toLocaleString('en')} ratings (${RATINGS - givenPairs.length} changes), ${COMMENTS.toLocaleString('en')} comments; ${MEMBERS.toLocaleString('en')} members in ${SCHOOLS} schools`,
  );

  const worker = await NestFactory.createApplicationContext(
    WorkerModule.forRoot({
      DATABASE_URL: servers.databaseUrl,
      REDIS_URL: servers.redisUrl,
      QUEUE_PREFIX: `bench${Date.now()}`,
      LOG_LEVEL: 'silent',
      WORKER_METRICS_PORT: '0',
      OUTBOX_POLL_MS: '50',
      JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0000',
      NODE_ENV: 'test',
    }),
    { logger: false },
  );
  await worker.init();
  // The schedules' first ticks (a daily rebuild of the still empty cockpit among them) go by before the burst.
  await sleep(3_000);

  const processed = async (subscriber: string) =>
    Number(
      (await pool.query(`SELECT count(*) FROM processed_event WHERE subscriber = $1`, [subscriber])).rows[0]
        .count,
    );
  const awards = async () =>
    Number((await pool.query(`SELECT count(*) FROM ledger_transfer WHERE kind = 'award'`)).rows[0].count);
  const cockpitEvents = async () =>
    Number(
      (
        await pool.query(`SELECT count(*) FROM outbox_event WHERE type = ANY($1::text[])`, [
          [
            'innovation.published',
            'rating.submitted',
            'comment.created',
            'points.changed',
            'points.adjusted',
            'member.registered',
          ],
        ])
      ).rows[0].count,
    );

  const baseCockpit = await processed('cockpit');
  const baseLedger = await processed('ledger');
  const baseAwards = await awards();
  const started = performance.now();
  for (let sent = 0; sent < total; sent += CHUNK) {
    const chunk = events.slice(sent, sent + CHUNK);
    await pool.query(
      `INSERT INTO outbox_event (id, type, payload)
       SELECT id, type, payload FROM unnest($1::uuid[], $2::text[], $3::jsonb[]) AS x(id, type, payload)`,
      [chunk.map(() => uuidv7()), chunk.map((e) => e.type), chunk.map((e) => JSON.stringify(e.payload))],
    );
  }
  const committedMs = performance.now() - started;

  // Polled until both subscribers have handled every event committed, or until BENCH_TIMEOUT_S, then how far each got.
  const deadline = started + TIMEOUT_S * 1000;
  const done = (ms: number | null, count: number, of: number) =>
    ms === null
      ? `did not finish in ${TIMEOUT_S.toLocaleString('en')} s: ${count.toLocaleString('en')} of ${of.toLocaleString('en')} events, ${rate(count, TIMEOUT_S * 1000)} events/s`
      : `${of.toLocaleString('en')} events in ${Math.round(ms).toLocaleString('en')} ms: ${rate(of, ms)} events/s`;
  let cockpitMs: number | null = null;
  let ledgerMs: number | null = null;
  let cockpitCount = 0;
  let ledgerCount = 0;
  while ((cockpitMs === null || ledgerMs === null) && performance.now() < deadline) {
    await sleep(100);
    const now = performance.now();
    cockpitCount = (await processed('cockpit')) - baseCockpit;
    ledgerCount = (await processed('ledger')) - baseLedger;
    if (cockpitMs === null && cockpitCount >= total) cockpitMs = now - started;
    if (ledgerMs === null && ledgerCount >= total) ledgerMs = now - started;
  }
  const awarded = (await awards()) - baseAwards;
  // And the points.changed events the awards announced, which the cockpit counts as points issued.
  let all = await cockpitEvents();
  let allCount = (await processed('cockpit')) - baseCockpit;
  while (allCount < all && performance.now() < deadline) {
    await sleep(100);
    all = await cockpitEvents();
    allCount = (await processed('cockpit')) - baseCockpit;
  }
  const allMs = allCount >= all ? performance.now() - started : null;
  await worker.close();

  const [sums] = (
    await pool.query(
      `SELECT count(*) AS rows, sum(value)::bigint AS total,
              sum(value) FILTER (WHERE scope = 'N' AND dim = '' AND metric = 'innovations_published')::bigint AS published,
              sum(value) FILTER (WHERE scope = 'N' AND dim = '' AND metric = 'ratings')::bigint AS ratings,
              sum(value) FILTER (WHERE scope = 'N' AND dim = '' AND metric = 'rating_sum')::bigint AS rating_sum,
              sum(value) FILTER (WHERE scope = 'N' AND dim = '' AND metric = 'comments')::bigint AS comments,
              sum(value) FILTER (WHERE scope = 'N' AND dim = '' AND metric = 'points_issued')::bigint AS points
       FROM cockpit_daily`,
    )
  ).rows;

  log(`committed to the outbox in ${Math.round(committedMs).toLocaleString('en')} ms`);
  log(`cockpit absorbed ${done(cockpitMs, cockpitCount, total)}`);
  log(`cockpit with the ledger's points.changed: ${done(allMs, allCount, all)}`);
  log(
    `ledger: ${awarded.toLocaleString('en')} awards, ${done(ledgerMs, ledgerCount, total)}${ledgerMs === null ? '' : `, ${rate(awarded, ledgerMs)} awards/s`}`,
  );
  const expectedSum = [...given.values()].reduce((sum, overall) => sum + overall, 0);
  log(
    `expected by hand: published ${PUBLISHED}, ratings ${givenPairs.length} (sum ${expectedSum}), comments ${COMMENTS}`,
  );
  log(
    `rollups: ${sums.rows} day rows, values sum ${sums.total}; national published ${sums.published}, ratings ${sums.ratings} (sum ${sums.rating_sum}), comments ${sums.comments}, points issued ${sums.points}`,
  );
  await pool.end();
  await servers.stop();
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
