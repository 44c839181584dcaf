/**
 * `npm run bench:cockpit [-- --scales 0.1,1 --runs 30 --warmups 3 --no-rebuild]`: the cockpit's reads at national
 * scale. For each scale, in its own database `lc_national_<scale>` (lc_national_0_1, lc_national_1):
 *  - makes sure the national data set is there (`seed:national --scale <s>`, spawned; resumable, so a second bench run
 *    does not generate it again),
 *  - runs the cockpit's full rebuild (CockpitRebuildService.run(), as the daily schedule does) and prints its time,
 *  - times every kind of cockpit read through CockpitService with an authorised scope (no HTTP): summaries, breakdowns
 *    by every dimension, time series at every interval, indicator 18; `--warmups` unmeasured runs, then `--runs`
 *    measured ones, one at a time, and prints p50 and p95 per read;
 *  - with two scales or more, the growth of each read's p95 from the smallest scale to the largest.
 * Target on 2 cores: p95 < 50 ms for every read at scale 1; growth from 0.1 to 1 at most 1.5×. Figures only, nothing
 * is asserted.
 *
 * The server is DATABASE_URL (its database is ignored: each scale has its own) when set, otherwise an embedded
 * PostgreSQL with its own data directory (`.data/pg-bench-cockpit`). Redis (REDIS_URL or a local one) is only there
 * because the cockpit's module graph produces events; nothing is published.
 * Disk: scale 0.1 takes ~6 GB, scale 1 ~57 GB plus the rollups.
 */
import 'reflect-metadata';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { DynamicModule, INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { ConfigModule, LoggingModule } from '../../libs/core/src';
import { DatabaseModule } from '../../libs/database/src';
import { runMigrations } from '../../libs/database/src/migrate';
import type { Actor } from '../../libs/identity/src';
import { CockpitLive } from '../../libs/cockpit/src/cockpit-live';
import { CockpitRebuildRepository } from '../../libs/cockpit/src/cockpit-rebuild.repository';
import { CockpitRebuildService, RebuildOutcome } from '../../libs/cockpit/src/cockpit-rebuild.service';
import { CockpitModule } from '../../libs/cockpit/src/cockpit.module';
import { CockpitService } from '../../libs/cockpit/src/cockpit.service';
import { CockpitScope } from '../../libs/cockpit/src/cockpit-scope';
import { addDays, fiscalYearStartOf, today } from '../../libs/cockpit/src/periods';
import { MessagingModule } from '../../libs/messaging/src';
import { ActivityEvents } from '../../libs/activities/src/activities.events';
import {
  createDatabase,
  localServerHome,
  redact,
  ROOT,
  startEmbeddedPostgres,
  startLocalRedis,
} from '../local-services';

const TARGET_P95_MS = 50;
const TARGET_GROWTH = 1.5;

const out = (line = '') => process.stdout.write(`${line}\n`);
const note = (line: string) => process.stderr.write(`[bench:cockpit] ${line}\n`);

interface Options {
  scales: number[];
  runs: number;
  warmups: number;
  rebuild: boolean;
}

function parseOptions(argv: string[]): Options {
  const options: Options = { scales: [0.1, 1], runs: 30, warmups: 3, rebuild: true };
  for (let i = 0; i < argv.length; i++) {
    const [name, inline] = argv[i]!.split('=', 2) as [string, string | undefined];
    const value = () => inline ?? argv[++i] ?? '';
    switch (name) {
      case '--scales':
        options.scales = value()
          .split(',')
          .map((s) => Number(s.trim()));
        if (options.scales.some((s) => !(s > 0 && s <= 10)))
          throw new Error('--scales: fractions in (0, 10]');
        break;
      case '--runs':
        options.runs = Math.max(1, Number(value()) || 30);
        break;
      case '--warmups':
        options.warmups = Math.max(0, Number(value()) || 0);
        break;
      case '--no-rebuild':
        options.rebuild = false;
        break;
      default:
        throw new Error(`Unknown option ${name} (known: --scales, --runs, --warmups, --no-rebuild)`);
    }
  }
  return options;
}

/** lc_national_0_1 for 0.1, lc_national_1 for 1. */
export function databaseFor(scale: number): string {
  return `lc_national_${String(scale).replace('.', '_')}`;
}

/** The just enough of the api for CockpitService: configuration, the database, the event catalogue, the cockpit. */
@Module({})
class CockpitBenchModule {
  static forRoot(overrides: Record<string, string>): DynamicModule {
    return {
      module: CockpitBenchModule,
      imports: [
        ConfigModule.forRoot(overrides),
        LoggingModule.forRoot(),
        DatabaseModule.forRoot('lc-bench-cockpit'),
        MessagingModule.forRoot(),
        // The activities' events, which the cockpit and the ledger subscribe to, without the activities themselves.
        MessagingModule.forFeature('activities', { events: ActivityEvents }),
        CockpitModule,
      ],
    };
  }
}

/** An OBEC admin: may read every scope. */
const OBEC: Actor = {
  memberId: '00000000-0000-4000-8000-000000000000',
  sessionId: '00000000-0000-4000-8000-000000000000',
  schoolId: null,
  areaId: null,
  roles: [{ role: 'obec_admin', scopeType: 'national', scopeId: null }],
};

/** The national data set of this scale in its database, generated (or finished) when it is not complete. */
async function ensureDataSet(url: string, scale: number): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  let state: { scale: number; completed: boolean } | null = null;
  try {
    const { rows } = await client.query<{ scale: string; completed: boolean }>(
      `SELECT params->>'scale' AS scale, completed_at IS NOT NULL AS completed FROM seed_national.run`,
    );
    if (rows[0]) state = { scale: Number(rows[0].scale), completed: rows[0].completed };
  } catch {
    state = null; // no seed_national schema yet
  } finally {
    await client.end();
  }
  if (state && state.scale !== scale)
    throw new Error(`${redact(url)} holds a national data set of scale ${state.scale}, not ${scale}`);
  if (state?.completed) return;
  note(`generating the national data set of scale ${scale} in ${redact(url)} (resumable)`);
  const started = performance.now();
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [join(__dirname, '..', 'seed-national.js'), '--scale', String(scale), '--no-progress'],
      { env: { ...process.env, DATABASE_URL: url }, stdio: ['ignore', 2, 2] },
    );
    child.on('error', reject);
    child.on('exit', resolve);
  });
  if (code !== 0) throw new Error(`seed:national --scale ${scale} exited with ${code}`);
  note(`data set generated in ${((performance.now() - started) / 60_000).toFixed(1)} min`);
}

interface Read {
  name: string;
  run: () => Promise<unknown>;
}

interface Measured {
  name: string;
  p50: number;
  p95: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function measure(read: Read, options: Options): Promise<Measured> {
  for (let i = 0; i < options.warmups; i++) await read.run();
  const times: number[] = [];
  for (let i = 0; i < options.runs; i++) {
    const started = performance.now();
    await read.run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { name: read.name, p50: percentile(times, 50), p95: percentile(times, 95) };
}

/** The places the reads look at: the area with the most schools, and its most active school. */
async function places(
  dataSource: DataSource,
): Promise<{ areaId: string; schoolId: string; schools: number }> {
  const [area] = await dataSource.query<{ area_id: string; n: number }[]>(
    `SELECT area_id, count(*)::int AS n FROM cockpit_school WHERE area_id IS NOT NULL
     GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1`,
  );
  if (!area) throw new Error('no schools in the cockpit: did the rebuild run?');
  const [school] = await dataSource.query<{ school_id: string }[]>(
    `SELECT substr(scope, 3) AS school_id FROM cockpit_total
     WHERE level = 'S' AND dim = '' AND metric = 'comments'
       AND scope IN (SELECT 'S:' || school_id FROM cockpit_school WHERE area_id = $1)
     ORDER BY value DESC, scope LIMIT 1`,
    [area.area_id],
  );
  if (!school) throw new Error('no school rows in the rollups: did the rebuild run?');
  return { areaId: area.area_id, schoolId: school.school_id, schools: area.n };
}

function readsOf(
  cockpit: CockpitService,
  scopes: { national: CockpitScope; area: CockpitScope; school: CockpitScope },
): Read[] {
  const day = today();
  const fytd = { from: fiscalYearStartOf(day).start, to: day };
  const last30 = { from: addDays(day, -29), to: day };
  const { national, area, school } = scopes;
  const reads: Read[] = [];
  const add = (name: string, run: () => Promise<unknown>) => reads.push({ name, run });

  for (const [label, scope] of Object.entries(scopes)) {
    add(`summary ${label}, fiscal year to date`, () => cockpit.summary(scope, fytd));
    add(`summary ${label}, 30 days`, () => cockpit.summary(scope, last30));
  }
  const breakdown = (scope: CockpitScope, dimension: string, metric: string, range = fytd) =>
    cockpit.breakdown(scope, { dimension, metric, ...range });
  for (const dimension of ['region', 'province', 'area']) {
    add(`breakdown national by ${dimension}, comments (flow)`, () =>
      breakdown(national, dimension, 'comments'),
    );
    add(`breakdown national by ${dimension}, indicator 18 (stock)`, () =>
      breakdown(national, dimension, 'al_capable_teachers'),
    );
    add(`breakdown national by ${dimension}, active-school share`, () =>
      breakdown(national, dimension, 'schools_with_active_member_share'),
    );
  }
  add('breakdown area by school, comments (flow)', () => breakdown(area, 'school', 'comments'));
  add('breakdown area by school, active members 30 d (point)', () =>
    breakdown(area, 'school', 'members_active_30d'),
  );
  add('breakdown area by school, points outstanding', () => breakdown(area, 'school', 'points_outstanding'));
  add('breakdown national by school, ratings (flow)', () => breakdown(national, 'school', 'ratings'));
  add('breakdown national by school, ratings, 30 days', () =>
    breakdown(national, 'school', 'ratings', last30),
  );
  add('breakdown national by school, innovations (flow)', () =>
    breakdown(national, 'school', 'innovations_published'),
  );
  add('breakdown national by school, avg quality', () => breakdown(national, 'school', 'avg_quality'));
  add('breakdown national by school, indicator 18 (stock)', () =>
    breakdown(national, 'school', 'al_capable_teachers'),
  );
  add('breakdown national by school, points outstanding', () =>
    breakdown(national, 'school', 'points_outstanding'),
  );
  add('breakdown national by school, active members 30 d', () =>
    breakdown(national, 'school', 'members_active_30d'),
  );
  add('breakdown national by school, active-school share', () =>
    breakdown(national, 'school', 'schools_with_active_member_share'),
  );
  for (const [dimension, metric] of [
    ['learningArea', 'innovations_published'],
    ['competency', 'innovations_published'],
    ['technique', 'innovations_published'],
    ['memberKind', 'members_active_30d'],
    ['memberKind', 'al_capable_teachers'],
    ['partner', 'redemptions'],
    ['perkCategory', 'points_redeemed'],
  ] as const) {
    add(`breakdown national by ${dimension}, ${metric}`, () => breakdown(national, dimension, metric));
  }
  add('breakdown area by learningArea, innovations_published', () =>
    breakdown(area, 'learningArea', 'innovations_published'),
  );
  const series = (scope: CockpitScope, metric: string, interval: string, from: string) =>
    cockpit.timeseries(scope, { metric, interval, from, to: day });
  const threeYears = fiscalYearStartOf(addDays(day, -730)).start;
  add('timeseries national day × 30, comments', () => series(national, 'comments', 'day', last30.from));
  add('timeseries national day × 30, active members 30 d', () =>
    series(national, 'members_active_30d', 'day', last30.from),
  );
  add('timeseries national week × 26, ratings', () =>
    series(national, 'ratings', 'week', addDays(day, -181)),
  );
  add('timeseries national month × 12, innovations', () =>
    series(national, 'innovations_published', 'month', addDays(day, -364)),
  );
  add('timeseries national month × 12, indicator 18 (stock)', () =>
    series(national, 'al_capable_teachers', 'month', addDays(day, -364)),
  );
  add('timeseries national fiscalYear × 3, points issued', () =>
    series(national, 'points_issued', 'fiscalYear', threeYears),
  );
  add('timeseries national fiscalYear × 3, points outstanding', () =>
    series(national, 'points_outstanding', 'fiscalYear', threeYears),
  );
  add('timeseries area month × 12, comments', () => series(area, 'comments', 'month', addDays(day, -364)));
  add('timeseries school day × 30, active members 30 d', () =>
    series(school, 'members_active_30d', 'day', last30.from),
  );
  add('indicator-18 national, this fiscal year', () => cockpit.indicator18(national));
  add('indicator-18 area, this fiscal year', () => cockpit.indicator18(area));
  return reads;
}

const ms = (value: number) => value.toFixed(1).padStart(8);
const NAME_WIDTH = 58;

interface ScaleResult {
  scale: number;
  reads: Measured[];
}

/** CockpitService and its database on one national data set (also used by hand to explain a read's queries). */
export function cockpitContext(url: string, redisUrl: string): Promise<INestApplicationContext> {
  return NestFactory.createApplicationContext(
    CockpitBenchModule.forRoot({
      DATABASE_URL: url,
      DATABASE_POOL_SIZE: '4',
      REDIS_URL: redisUrl,
      QUEUE_PREFIX: `benchcockpit${Date.now()}`,
      LOG_LEVEL: 'silent',
      JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0000',
      NODE_ENV: 'test',
    }),
    { logger: false },
  );
}

/** The reads of the bench on the data set at `url`, with the places they look at. */
export async function benchContext(
  url: string,
  redisUrl: string,
): Promise<{ app: INestApplicationContext; reads: Read[] }> {
  const app = await cockpitContext(url, redisUrl);
  const cockpit = app.get(CockpitService);
  const place = await places(app.get(DataSource));
  const scopes = {
    national: await cockpit.authorise(OBEC, 'national'),
    area: await cockpit.authorise(OBEC, `area:${place.areaId}`),
    school: await cockpit.authorise(OBEC, `school:${place.schoolId}`),
  };
  return { app, reads: readsOf(cockpit, scopes) };
}

async function benchScale(
  serverUrl: string,
  redisUrl: string,
  scale: number,
  options: Options,
): Promise<ScaleResult> {
  const url = await createDatabase(serverUrl, databaseFor(scale));
  await ensureDataSet(url, scale);
  await runMigrations({
    DATABASE_URL: url,
    DATABASE_POOL_SIZE: 2,
    DATABASE_CONNECT_TIMEOUT_MS: 5000,
    DATABASE_STATEMENT_TIMEOUT_MS: 0,
  });
  let app: INestApplicationContext | null = null;
  try {
    app = await cockpitContext(url, redisUrl);
    const dataSource = app.get(DataSource);
    const cockpit = app.get(CockpitService);
    const [plan] = await dataSource.query<{ schools: number; members: number; size: string }[]>(
      `SELECT (SELECT count(*)::int FROM school) AS schools, (SELECT count(*)::int FROM member) AS members,
              pg_size_pretty(pg_database_size(current_database())) AS size`,
    );
    out(
      `scale ${scale} (${databaseFor(scale)}): ${plan!.schools.toLocaleString('en-US')} schools, ` +
        `${plan!.members.toLocaleString('en-US')} members, database ${plan!.size}`,
    );

    const [state] = await dataSource.query<{ rebuilt: boolean }[]>(
      `SELECT rebuilt_at IS NOT NULL AS rebuilt FROM cockpit_state`,
    );
    if (options.rebuild || !state?.rebuilt) {
      const rebuild = new CockpitRebuildService(dataSource, new CockpitRebuildRepository(), {
        changed: () => undefined,
      } as unknown as CockpitLive);
      note(`scale ${scale}: full rebuild of the cockpit's rollups…`);
      const outcome: RebuildOutcome = await rebuild.run((name, seconds) =>
        note(`scale ${scale}: rebuild step ${name} done in ${seconds.toFixed(1)} s`),
      );
      const changed = Object.entries(outcome.corrected)
        .map(([table, c]) => `${table} −${c.deleted} ~${c.updated} +${c.inserted}`)
        .join(', ');
      out(
        `  full rebuild: ${(outcome.ms / 1000).toFixed(1)} s (${outcome.dailyRows.toLocaleString('en-US')} day rows, ` +
          `${outcome.monthlyRows.toLocaleString('en-US')} month rows; rows written: ${changed})`,
      );
      out(
        `  rebuild steps: ${Object.entries(outcome.steps)
          .map(([name, seconds]) => `${name} ${seconds.toFixed(1)} s`)
          .join(', ')}`,
      );
      // What autovacuum does within minutes of a large change: statistics and the visibility map (index-only scans).
      // As the connecting user (the tables' owner): the application's role would be skipped with a mere warning.
      const vacuumStarted = performance.now();
      const owner = new Client({ connectionString: url });
      await owner.connect();
      try {
        for (const table of ['cockpit_daily', 'cockpit_monthly', 'cockpit_yearly', 'cockpit_total'])
          await owner.query(`VACUUM (ANALYZE) ${table}`);
      } finally {
        await owner.end();
      }
      out(
        `  VACUUM (ANALYZE) of the rollups after it: ${((performance.now() - vacuumStarted) / 1000).toFixed(1)} s`,
      );
    } else out('  full rebuild: skipped (--no-rebuild; the rollups of an earlier rebuild are read)');
    const [sizes] = await dataSource.query<{ rollups: string }[]>(
      `SELECT pg_size_pretty(sum(pg_total_relation_size(c.oid))) AS rollups
       FROM pg_class c WHERE c.relkind = 'r' AND c.relname LIKE 'cockpit\\_%'`,
    );
    out(`  cockpit tables with their indexes: ${sizes!.rollups}`);

    const place = await places(dataSource);
    const scopes = {
      national: await cockpit.authorise(OBEC, 'national'),
      area: await cockpit.authorise(OBEC, `area:${place.areaId}`),
      school: await cockpit.authorise(OBEC, `school:${place.schoolId}`),
    };
    out(`  area ${place.areaId} (${place.schools} schools), school ${place.schoolId}`);
    out(`  ${'read'.padEnd(NAME_WIDTH)}${'p50 ms'.padStart(8)}${'p95 ms'.padStart(8)}`);
    const reads: Measured[] = [];
    for (const read of readsOf(cockpit, scopes)) {
      const result = await measure(read, options);
      reads.push(result);
      const flag = result.p95 >= TARGET_P95_MS ? `  ≥ ${TARGET_P95_MS} ms` : '';
      out(`  ${result.name.padEnd(NAME_WIDTH)}${ms(result.p50)}${ms(result.p95)}${flag}`);
    }
    const worst = reads.reduce((a, b) => (b.p95 > a.p95 ? b : a));
    out(`  slowest p95: ${worst.p95.toFixed(1)} ms (${worst.name}); target < ${TARGET_P95_MS} ms at scale 1`);
    return { scale, reads };
  } finally {
    await app?.close();
  }
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const stops: (() => Promise<void>)[] = [];
  try {
    let serverUrl = process.env.DATABASE_URL;
    if (!serverUrl) {
      const pg = await startEmbeddedPostgres({
        dataDir: join(localServerHome(), 'pg-bench-cockpit'),
        preferredPort: 55742,
      });
      stops.push(pg.stop);
      serverUrl = pg.url;
    }
    let redisUrl = process.env.REDIS_URL;
    if (!redisUrl) {
      const redis = await startLocalRedis({
        dataDir: join(ROOT, '.data', 'redis-bench-cockpit'),
        preferredPort: 56489,
      });
      stops.push(redis.stop);
      redisUrl = redis.url;
    }
    out(
      `cockpit reads through CockpitService, ${options.warmups} warm-ups then ${options.runs} runs each, one at a time`,
    );
    const results: ScaleResult[] = [];
    for (const scale of options.scales) {
      out();
      results.push(await benchScale(serverUrl, redisUrl, scale, options));
    }
    if (results.length >= 2) {
      const first = results[0]!;
      const last = results[results.length - 1]!;
      out();
      out(
        `growth of p95 from scale ${first.scale} to ${last.scale} (target ≤ ${TARGET_GROWTH}× from 0.1 to 1)`,
      );
      for (const read of last.reads) {
        const before = first.reads.find((r) => r.name === read.name);
        if (!before) continue;
        const growth = read.p95 / before.p95;
        const flag = growth > TARGET_GROWTH ? `  > ${TARGET_GROWTH}×` : '';
        out(
          `  ${read.name.padEnd(NAME_WIDTH)}${ms(before.p95)}${ms(read.p95)}${growth.toFixed(2).padStart(7)}×${flag}`,
        );
      }
    }
  } finally {
    for (const stop of stops.reverse()) await stop();
  }
}

if (require.main === module)
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
