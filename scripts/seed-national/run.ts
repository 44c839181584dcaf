/**
 * `runSeedNational`: the national data set, phase by phase, chunk by chunk, each chunk one transaction recorded in
 * seed_national.progress. Run it again after a stop (Ctrl-C, a crash, a killed machine) and it continues with
 * the chunks not recorded, producing the same rows it would have made without the stop.
 */
import { Client } from 'pg';
import { analyzePhase, foreignKeysPhase, indexesPhase, preparePhase } from './indexes';
import { ledgerPhase } from './ledger-phase';
import { Phase, SeedContext, SeedInterrupted } from './phase';
import { makePlan, Plan, planKey, PlanOptions } from './plan';
import { duration, ProgressBar } from './progress';
import { functionsSql, SCHEMA as S } from './sql-functions';
import {
  accountsPhase,
  adoptionsPhase,
  commentsPhase,
  endorsementsPhase,
  innovationsPhase,
  membersPhase,
  partnersPhase,
  ratingsPhase,
  rolesPhase,
  schoolsPhase,
} from './sql-phases';

export interface SeedNationalOptions {
  databaseUrl: string;
  /** Fraction of the national scale (1: 29,000 schools, 500,000 members, …). Omitted: the recorded run's. */
  scale?: number;
  seed?: number;
  /** End of the data window (a day, UTC). Omitted: the recorded run's, else today. */
  until?: Date;
  /** Chunk sizes × this (tests: small chunks, many of them). Part of the run's identity. */
  chunkFactor?: number;
  /** Transfers per ledger block (LEDGER_BLOCK_SIZE, default 500). */
  blockSize?: number;
  /** Connections working at once (default 2: the machine's cores). */
  concurrency?: number;
  vacuum?: boolean;
  /** Progress bars (stderr by default; null: none). */
  progress?: NodeJS.WritableStream | null;
  log?: (line: string) => void;
  interrupt?: { phase: string; afterChunks: number } | null;
}

export interface PhaseStats {
  name: string;
  unit: string;
  /** Rows (or items) made by this run. */
  rows: number;
  seconds: number;
  /** Every chunk was done by an earlier run. */
  skipped: boolean;
}

export interface SeedNationalResult {
  plan: Plan;
  phases: PhaseStats[];
  seconds: number;
  databaseBytes: number;
}

/** Another run on the same database waits for nothing: it is refused. */
const RUN_LOCK = 7_365_100_077;

export function phases(vacuum: boolean): Phase[] {
  return [
    preparePhase(),
    schoolsPhase(),
    membersPhase(),
    partnersPhase(),
    rolesPhase(),
    innovationsPhase(),
    ratingsPhase(),
    commentsPhase(),
    adoptionsPhase(),
    endorsementsPhase(),
    accountsPhase(),
    ledgerPhase(),
    indexesPhase(),
    foreignKeysPhase(),
    analyzePhase(vacuum),
  ];
}

async function connect(url: string): Promise<Client> {
  const client = new Client({ connectionString: url, application_name: 'lc-seed-national' });
  await client.connect();
  // Bulk load: a lost commit on a crash only means the chunk runs again (its progress row is lost with it).
  await client.query(`SET synchronous_commit = off`);
  await client.query(`SET statement_timeout = 0`);
  await client.query(`SET lock_timeout = 0`);
  await client.query(`SET maintenance_work_mem = '512MB'`);
  await client.query(`SET work_mem = '256MB'`);
  await client.query(`SET jit = off`);
  return client;
}

/** The run's identity: recorded by the first run, required of every later one. */
async function resolvePlan(client: Client, options: SeedNationalOptions): Promise<Plan> {
  await client.query(`CREATE SCHEMA IF NOT EXISTS ${S}`);
  await client.query(`
    CREATE TABLE IF NOT EXISTS ${S}.run (
      id boolean PRIMARY KEY DEFAULT true CHECK (id),
      params jsonb NOT NULL,
      started_at timestamptz NOT NULL DEFAULT now(),
      completed_at timestamptz
    )`);
  await client.query(`
    CREATE TABLE IF NOT EXISTS ${S}.progress (
      phase text NOT NULL,
      chunk int NOT NULL,
      rows bigint NOT NULL,
      seconds float8 NOT NULL,
      meta jsonb,
      done_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (phase, chunk)
    )`);
  await client.query(`
    CREATE TABLE IF NOT EXISTS ${S}.dropped (
      name text PRIMARY KEY,
      table_name text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('index', 'fk')),
      definition text NOT NULL,
      restored_at timestamptz
    )`);
  await client.query(`CREATE TABLE IF NOT EXISTS ${S}.area_list (n int PRIMARY KEY, area_id uuid NOT NULL)`);
  await client.query(`
    CREATE TABLE IF NOT EXISTS ${S}.school_area (k bigint PRIMARY KEY, area_id uuid NOT NULL, province_code char(2) NOT NULL)`);

  const { rows } = await client.query<{ params: Record<string, number> }>(`SELECT params FROM ${S}.run`);
  const recorded = rows[0]?.params;
  const today = new Date();
  const wanted: Partial<PlanOptions> = {
    scale: options.scale,
    seed: options.seed,
    untilMs: options.until?.getTime(),
    chunkFactor: options.chunkFactor,
    blockSize: options.blockSize,
  };
  if (recorded) {
    for (const [name, value] of Object.entries(wanted)) {
      if (value !== undefined && recorded[name] !== value)
        throw new Error(
          `This database holds a national data set made with ${name} = ${recorded[name]} (asked: ${value}): ` +
            `run with the same options to finish it, or use a fresh database.`,
        );
    }
    return makePlan(recorded as unknown as PlanOptions);
  }
  if (options.scale === undefined)
    throw new Error('Give --scale for a new national data set (e.g. --scale 0.1)');
  const plan = makePlan({
    scale: options.scale,
    seed: options.seed ?? 1,
    untilMs:
      options.until?.getTime() ?? Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()),
    chunkFactor: options.chunkFactor ?? 1,
    blockSize: options.blockSize ?? 500,
  });
  await client.query(`INSERT INTO ${S}.run (params) VALUES ($1)`, [JSON.stringify(planKey(plan))]);
  return plan;
}

async function runPhase(ctx: SeedContext, phase: Phase): Promise<PhaseStats> {
  const main = ctx.clients[0]!;
  const started = performance.now();
  const count = await phase.chunks(ctx);
  const { rows: done } = await main.query<{ chunk: number; rows: string }>(
    `SELECT chunk, rows FROM ${S}.progress WHERE phase = $1`,
    [phase.name],
  );
  const doneChunks = new Set(done.map((row) => row.chunk));
  const pending = Array.from({ length: count }, (_, chunk) => chunk).filter(
    (chunk) => !doneChunks.has(chunk),
  );
  if (pending.length === 0) return { name: phase.name, unit: phase.unit, rows: 0, seconds: 0, skipped: true };

  const doneRows = done.reduce((sum, row) => sum + Number(row.rows), 0);
  const bar = new ProgressBar(ctx.progress, phase.name, phase.unit, await phase.estimate(ctx), doneRows);
  await phase.begin?.(ctx, pending);
  let next = 0;
  let startedChunks = 0;
  let made = 0;
  let failure: unknown = null;
  const transactional = phase.transactional !== false;
  const worker = async (client: Client) => {
    while (failure === null) {
      const chunk = pending[next++];
      if (chunk === undefined) return;
      // The chunks of this run in the order they start: with an interrupt after n, the (n+1)-th and later fail.
      const order = startedChunks++;
      const chunkStarted = performance.now();
      try {
        if (transactional) await client.query('BEGIN');
        const result = await phase.run(ctx, client, chunk);
        const interrupt = ctx.interrupt;
        if (interrupt && interrupt.phase === phase.name && order >= interrupt.afterChunks)
          throw new SeedInterrupted(phase.name, chunk);
        await client.query(
          `INSERT INTO ${S}.progress (phase, chunk, rows, seconds, meta) VALUES ($1, $2, $3, $4, $5)`,
          [phase.name, chunk, result.rows, (performance.now() - chunkStarted) / 1000, result.meta ?? null],
        );
        if (transactional) await client.query('COMMIT');
        made += result.rows;
        bar.add(result.rows);
      } catch (error) {
        if (transactional) await client.query('ROLLBACK').catch(() => undefined);
        failure ??= error;
      }
    }
  };
  const workers = ctx.clients.slice(0, Math.max(1, Math.min(phase.concurrency ?? 1, ctx.clients.length)));
  await Promise.all(workers.map(worker));
  if (failure !== null) {
    bar.finish();
    throw failure;
  }
  bar.finish();
  return {
    name: phase.name,
    unit: phase.unit,
    rows: made,
    seconds: (performance.now() - started) / 1000,
    skipped: false,
  };
}

export async function runSeedNational(options: SeedNationalOptions): Promise<SeedNationalResult> {
  const log = options.log ?? ((line: string) => process.stderr.write(`[seed:national] ${line}\n`));
  const concurrency = Math.max(1, options.concurrency ?? 2);
  const clients: Client[] = [];
  const started = performance.now();
  try {
    for (let n = 0; n < concurrency; n++) clients.push(await connect(options.databaseUrl));
    const main = clients[0]!;
    const { rows: lock } = await main.query<{ locked: boolean }>(
      `SELECT pg_try_advisory_lock($1) AS locked`,
      [RUN_LOCK],
    );
    if (!lock[0]!.locked) throw new Error('Another seed:national run is working on this database');
    const plan = await resolvePlan(main, options);
    await main.query(functionsSql(plan));
    log(
      `scale ${plan.scale} (seed ${plan.seed}, data until ${new Date(plan.untilMs).toISOString().slice(0, 10)}): ` +
        `${plan.schools.toLocaleString('en-US')} schools, ${plan.totalMembers.toLocaleString('en-US')} members, ` +
        `${plan.innovations.toLocaleString('en-US')} innovations, ${plan.transfers.toLocaleString('en-US')} ledger transfers`,
    );
    const ctx: SeedContext = {
      plan,
      clients,
      progress: options.progress === undefined ? process.stderr : options.progress,
      log,
      interrupt: options.interrupt ?? null,
    };
    const stats: PhaseStats[] = [];
    for (const phase of phases(options.vacuum ?? false)) stats.push(await runPhase(ctx, phase));
    await main.query(`UPDATE ${S}.run SET completed_at = coalesce(completed_at, now())`);
    const { rows: size } = await main.query<{ bytes: string }>(
      `SELECT pg_database_size(current_database())::text AS bytes`,
    );
    return {
      plan,
      phases: stats,
      seconds: (performance.now() - started) / 1000,
      databaseBytes: Number(size[0]!.bytes),
    };
  } finally {
    for (const client of clients) await client.end().catch(() => undefined);
  }
}

/** The table printed at the end: time and rate of every phase this run worked on. */
export function summary(result: SeedNationalResult): string {
  const rate = (phase: PhaseStats) => {
    if (phase.seconds <= 0) return '–';
    const perSecond = phase.rows / phase.seconds;
    return perSecond < 10 ? perSecond.toFixed(2) : Math.round(perSecond).toLocaleString('en-US');
  };
  const lines = ['phase           rows this run      time      rows/s'];
  for (const phase of result.phases) {
    const rows = phase.skipped ? '(done before)' : phase.rows.toLocaleString('en-US');
    lines.push(
      `${phase.name.padEnd(14)} ${rows.padStart(15)}${duration(phase.seconds).padStart(10)}${rate(phase).padStart(12)}`,
    );
  }
  lines.push(
    `total${duration(result.seconds).padStart(35)}   database ${(result.databaseBytes / 2 ** 30).toFixed(2)} GiB`,
  );
  return lines.join('\n');
}
