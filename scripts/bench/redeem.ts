/**
 * `npm run bench:redeem`: redemptions through the real HTTP path (Fastify → guard → RedemptionsService →
 * RedemptionBatcher → `marketplace_redeem` in PostgreSQL), with the API started in this process on an ephemeral
 * port and loaded over keep-alive HTTP at a fixed concurrency from a second thread. Each scenario after its own
 * warm-up:
 *  - baseline: GET /api/v1/me/wallet (authentication and one query): what a light request costs here,
 *  - hot:      every request redeems the same perk (stock large enough not to sell out),
 *  - spread:   requests go round-robin over 100 perks of 10 partners,
 *  - sold out: a perk with stock 100 gets BENCH_REDEMPTIONS requests → exactly 100 × 201, the rest 409.
 * Each prints requests/s and p50/p95/p99 latency; at the end the invariants are checked (the ledger sums to
 * zero, no hold is left open, and for every perk stock_total − stock_left = its non-cancelled redemptions).
 * Targets on 2 cores: ≥ 500 redemptions/s hot, ≥ 1,500/s spread.
 *
 * The load generator, the API and (usually) PostgreSQL share the same cores: the figures are for the whole
 * system on this machine, not for the API alone.
 *
 * Servers: DATABASE_URL / REDIS_URL when set, otherwise an embedded PostgreSQL (`.data/pg-bench-redeem`) and a
 * local Redis (`.data/redis-bench-redeem`). The database `lc_bench_redeem` is dropped and made afresh with the
 * real migrations; statistics are refreshed (ANALYZE) after each warm-up, as autovacuum would keep them.
 * Knobs: BENCH_REDEMPTIONS (5,000 per scenario), BENCH_WARMUP (2,000: the first thousands of requests of a fresh
 * process run slower while V8 optimises the request path), BENCH_CONCURRENCY (64), BENCH_MEMBERS (5,000),
 * BENCH_POOL (the API's DATABASE_POOL_SIZE, 40); the API's own REDEMPTION_* settings apply.
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { isMainThread, parentPort, Worker } from 'node:worker_threads';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { AppModule } from '../../apps/api/src/app.module';
import { createFastifyAdapter, setupApp } from '../../apps/api/src/setup-app';
import { uuidv7 } from '../../libs/core/src/ids';
import { TokenService } from '../../libs/identity/src/auth/token.service';
import { LedgerService } from '../../libs/ledger/src/ledger.service';
import { ISSUANCE, memberWallet } from '../../libs/ledger/src/ledger.types';
import { redact } from '../local-services';
import { benchServers } from './bench-servers';

const REDEMPTIONS = positiveInt('BENCH_REDEMPTIONS', 5_000);
const WARMUP = positiveInt('BENCH_WARMUP', 2_000, true);
const CONCURRENCY = positiveInt('BENCH_CONCURRENCY', 64);
const MEMBERS = positiveInt('BENCH_MEMBERS', 5_000);
const POOL_SIZE = positiveInt('BENCH_POOL', 40);
const SPREAD_PERKS = 100;
const SPREAD_PARTNERS = 10;
const SOLD_OUT_STOCK = 100;
const COST = 10;
const FUNDS = 1_000_000;
const TARGET_HOT = 500;
const TARGET_SPREAD = 1_500;
/** Not a perk: the baseline scenario reads the wallet (GET /api/v1/me/wallet), the harness's own ceiling. */
const BASELINE = 'baseline';

function positiveInt(name: string, fallback: number, zeroAllowed = false): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw.replace(/_/g, ''));
  if (!Number.isInteger(value) || value < (zeroAllowed ? 0 : 1))
    throw new Error(`${name} must be a ${zeroAllowed ? 'non-negative' : 'positive'} integer, got ${raw}`);
  return value;
}

const log = (line: string) => process.stdout.write(`${line}\n`);
const fmt = (n: number) => Math.round(n).toLocaleString('en');
const ms = (n: number) => (n < 10 ? n.toFixed(1) : String(Math.round(n)));
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

interface Member {
  id: string;
  sessionId: string;
  token: string;
}

interface Answer {
  status: number;
  code?: string;
  ms: number;
}

/** One POST over the keep-alive agent; the body is read only when it is not a 201 (for its error code). */
function redeemOnce(agent: Agent, port: number, perkId: string, token: string): Promise<Answer> {
  const body = '{}';
  const started = performance.now();
  const baseline = perkId === BASELINE;
  return new Promise((resolve, reject) => {
    const req = request(
      {
        agent,
        host: '127.0.0.1',
        port,
        method: baseline ? 'GET' : 'POST',
        path: baseline ? '/api/v1/me/wallet' : `/api/v1/perks/${perkId}/redemptions`,
        headers: baseline
          ? { authorization: `Bearer ${token}` }
          : {
              authorization: `Bearer ${token}`,
              'idempotency-key': randomUUID(),
              'content-type': 'application/json',
              'content-length': Buffer.byteLength(body),
            },
      },
      (res) => {
        const status = baseline && res.statusCode === 200 ? 201 : (res.statusCode ?? 0);
        const chunks: Buffer[] = [];
        if (status !== 201) res.on('data', (chunk: Buffer) => chunks.push(chunk));
        else res.resume();
        res.on('error', reject);
        res.on('end', () => {
          const elapsed = performance.now() - started;
          let code: string | undefined;
          if (status !== 201) {
            try {
              code = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { code?: string }).code;
            } catch {
              code = undefined;
            }
          }
          resolve({ status, code, ms: elapsed });
        });
      },
    );
    req.on('error', reject);
    if (baseline) req.end();
    else req.end(body);
  });
}

/** Busy and total CPU time of the whole machine (Linux /proc/stat), to show what else ran on the cores. */
function machineCpu(): { busy: number; total: number } | null {
  try {
    const fields = readFileSync('/proc/stat', 'utf8')
      .split('\n')[0]!
      .trim()
      .split(/\s+/)
      .slice(1, 9)
      .map(Number);
    const total = fields.reduce((sum, value) => sum + value, 0);
    return { busy: total - fields[3]! - fields[4]!, total };
  } catch {
    return null;
  }
}

interface RunResult {
  count: number;
  elapsedMs: number;
  latencies: number[];
  outcomes: Map<string, number>;
  created: number;
  cpuPercent: number;
  /** How busy the API's event loop (this process's main thread) was. */
  apiLoopPercent: number;
  machinePercent: number | null;
}

interface LoadJob {
  port: number;
  concurrency: number;
  jobs: [perkId: string, token: string][];
}

interface LoadResult {
  elapsedMs: number;
  latencies: number[];
  outcomes: [string, number][];
  created: number;
}

/** The load generator's side (a worker thread, so it does not share the API's event loop). */
async function generateLoad({ port, concurrency, jobs }: LoadJob): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const latencies: number[] = [];
  const outcomes = new Map<string, number>();
  let created = 0;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(concurrency, jobs.length) }, async () => {
      while (next < jobs.length) {
        const [perkId, token] = jobs[next++]!;
        const answer = await redeemOnce(agent, port, perkId, token);
        latencies.push(answer.ms);
        if (answer.status === 201) created++;
        const key = answer.status === 201 ? '201' : `${answer.status} ${answer.code ?? '?'}`;
        outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
      }
    }),
  );
  const elapsedMs = performance.now() - started;
  agent.destroy();
  return { elapsedMs, latencies, outcomes: [...outcomes], created };
}

if (!isMainThread) {
  parentPort!.on('message', (job: LoadJob) => {
    void generateLoad(job).then((result) => parentPort!.postMessage(result));
  });
}

/** `total` requests at a fixed concurrency from the load thread; request i goes to perkFor(i) as memberFor(i). */
async function run(
  loader: Worker,
  port: number,
  total: number,
  perkFor: (i: number) => string,
  memberFor: (i: number) => Member,
): Promise<RunResult> {
  const jobs = Array.from({ length: total }, (_, i) => [perkFor(i), memberFor(i).token] as [string, string]);
  const cpuBefore = process.cpuUsage();
  const machineBefore = machineCpu();
  const loopBefore = performance.eventLoopUtilization();
  const answer = new Promise<LoadResult>((resolve, reject) => {
    loader.once('message', resolve);
    loader.once('error', reject);
  });
  loader.postMessage({ port, concurrency: CONCURRENCY, jobs } satisfies LoadJob);
  const result = await answer;
  loader.removeAllListeners('error');
  const cpu = process.cpuUsage(cpuBefore);
  const machineAfter = machineCpu();
  const loop = performance.eventLoopUtilization(loopBefore);
  result.latencies.sort((a, b) => a - b);
  return {
    count: total,
    elapsedMs: result.elapsedMs,
    latencies: result.latencies,
    outcomes: new Map(result.outcomes),
    created: result.created,
    cpuPercent: ((cpu.user + cpu.system) / 1000 / result.elapsedMs) * 100,
    apiLoopPercent: loop.utilization * 100,
    machinePercent:
      machineBefore && machineAfter && machineAfter.total > machineBefore.total
        ? ((machineAfter.busy - machineBefore.busy) / (machineAfter.total - machineBefore.total)) * 100
        : null,
  };
}

const percentile = (sorted: number[], q: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]! : NaN;

function report(label: string, result: RunResult, target?: number): void {
  const perSecond = (result.count / result.elapsedMs) * 1000;
  const l = result.latencies;
  const others = [...result.outcomes].filter(([key]) => key !== '201');
  const nonCreated = others.reduce((sum, [, n]) => sum + n, 0);
  log(
    `${label.padEnd(9)} ${fmt(perSecond).padStart(6)} req/s${target ? ` (target ≥ ${fmt(target)}/s: ${perSecond >= target ? 'met' : 'MISSED'})` : ''}, ` +
      `p50 ${ms(percentile(l, 0.5))} ms, p95 ${ms(percentile(l, 0.95))} ms, p99 ${ms(percentile(l, 0.99))} ms, ` +
      `max ${ms(l[l.length - 1] ?? NaN)} ms; ${fmt(result.count)} requests in ${(result.elapsedMs / 1000).toFixed(1)} s, ` +
      `${fmt(result.created)} × 201, non-201: ${nonCreated}${others.length ? ` (${others.map(([k, n]) => `${k} × ${n}`).join(', ')})` : ''}; ` +
      `CPU: this process (API + load thread) ${Math.round(result.cpuPercent)}% of one core, API event loop busy ${Math.round(result.apiLoopPercent)}%` +
      (result.machinePercent === null
        ? ''
        : `, whole machine ${Math.round(result.machinePercent)}% of all cores`) +
      `; load average ${load()}`,
  );
}

async function main(): Promise<void> {
  const servers = await benchServers('bench-redeem', { postgres: 55832, redis: 56579 });
  const { serverUrl, databaseUrl, redisUrl } = servers;
  // The owner's connection, for set-up and the final checks; the API acts as lc_app like in production.
  const owner = new Pool({ connectionString: databaseUrl, max: 4 });

  const storageDir = mkdtempSync(join(tmpdir(), 'lc-bench-redeem-'));
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      SWAGGER_ENABLED: 'false',
      DATABASE_URL: databaseUrl,
      DATABASE_POOL_SIZE: String(POOL_SIZE),
      REDIS_URL: redisUrl,
      QUEUE_PREFIX: `benchredeem${Date.now()}`,
      JWT_SECRET: 'bench-redeem-secret-bench-redeem-secret-0000',
      ACCESS_TOKEN_TTL_SECONDS: '900',
      STORAGE_DIR: storageDir,
    }),
    createFastifyAdapter(),
    { logger: false },
  );
  await setupApp(app);
  await app.listen(0, '127.0.0.1');
  const port = (app.getHttpServer().address() as { port: number }).port;
  const dataSource = app.get(DataSource);
  const tokens = app.get(TokenService, { strict: false });
  const ledger = app.get(LedgerService, { strict: false });

  const [{ server_version: version }] = (await owner.query('SHOW server_version')).rows;
  log(
    `PostgreSQL ${version} at ${redact(serverUrl)}; ${availableParallelism()} cores; API in this process, ` +
      `DATABASE_POOL_SIZE ${POOL_SIZE}; load: ${CONCURRENCY} concurrent keep-alive HTTP requests from this same process`,
  );
  log(
    `note: the load generator, the API and PostgreSQL share the same ${availableParallelism()} cores (figures are for the whole system); load average ${load()}`,
  );

  // Set-up, directly in SQL: partners, a staff member and an OBEC admin (for created_by / approved_by), members
  // with sessions, and live perks.
  const setupStarted = performance.now();
  const staffId = uuidv7();
  const obecId = uuidv7();
  const people = [staffId, obecId];
  await owner.query(
    `INSERT INTO member (id, email, display_name, member_kind, terms_version, privacy_version, consented_at)
     SELECT id, 'bench-staff-' || id || '@example.test', 'เจ้าหน้าที่', 'teacher', 't', 'p', now() FROM unnest($1::uuid[]) AS id`,
    [people],
  );
  const partners = Array.from({ length: SPREAD_PARTNERS }, () => uuidv7());
  await owner.query(
    `INSERT INTO partner (id, code, name_th, name_en) SELECT id, 'bench-partner-' || n, 'ภาคีทดสอบ ' || n, 'Bench partner ' || n
     FROM unnest($1::uuid[]) WITH ORDINALITY AS x(id, n)`,
    [partners],
  );
  await owner.query(
    `INSERT INTO role_grant (id, member_id, role, scope_type, scope_id, reason) VALUES
       ($1, $2, 'partner_staff', 'partner', $3, 'bench set-up'), ($4, $5, 'obec_admin', 'national', NULL, 'bench set-up')`,
    [uuidv7(), staffId, partners[0], uuidv7(), obecId],
  );
  const perk = async (partnerId: string, title: string, stock: number | null): Promise<string> => {
    const id = uuidv7();
    await owner.query(
      `INSERT INTO perk (id, partner_id, title_th, title_en, description_th, category, cost, stock_total, stock_left,
         fulfilment, status, approved_by, approved_at, created_by)
       VALUES ($1, $2, $3, $4, 'สิทธิประโยชน์สำหรับการทดสอบ', 'voucher', $5, $6, $6, 'generated_code', 'live', $7, now(), $8)`,
      [id, partnerId, title, `Bench: ${title}`, COST, stock, obecId, staffId],
    );
    return id;
  };
  const hotPerk = await perk(partners[0]!, 'คูปองยอดนิยม', 1_000_000);
  const spreadPerks: string[] = [];
  for (let i = 0; i < SPREAD_PERKS; i++)
    spreadPerks.push(await perk(partners[i % SPREAD_PARTNERS]!, `คูปองที่ ${i + 1}`, 100_000));
  const soldOutPerk = await perk(partners[0]!, 'เวิร์กช็อปที่นั่งจำกัด', SOLD_OUT_STOCK);

  const members: Member[] = Array.from({ length: MEMBERS }, () => ({
    id: uuidv7(),
    sessionId: uuidv7(),
    token: '',
  }));
  for (let from = 0; from < MEMBERS; from += 1000) {
    const slice = members.slice(from, from + 1000);
    await owner.query(
      `INSERT INTO member (id, email, display_name, member_kind, terms_version, privacy_version, consented_at)
       SELECT id, 'bench-' || id || '@example.test', 'ครูทดสอบ', 'teacher', 't', 'p', now() FROM unnest($1::uuid[]) AS id`,
      [slice.map((m) => m.id)],
    );
    await owner.query(
      `INSERT INTO auth_session (id, member_id, expires_at) SELECT s, m, now() + interval '1 day' FROM unnest($1::uuid[], $2::uuid[]) AS x(s, m)`,
      [slice.map((m) => m.sessionId), slice.map((m) => m.id)],
    );
  }
  // Funding goes through the ledger (awards from issuance), 500 transfers per transaction.
  for (let from = 0; from < MEMBERS; from += 500) {
    const slice = members.slice(from, from + 500);
    await dataSource.transaction((manager) =>
      ledger.transfer(
        manager,
        slice.map((m) => ({
          idempotencyKey: `bench-fund:${m.id}`,
          debit: ISSUANCE,
          credit: memberWallet(m.id),
          amount: FUNDS,
          kind: 'award' as const,
          reason: { code: 'bench', th: 'ทดสอบ', en: 'bench' },
        })),
      ),
    );
  }
  await owner.query('ANALYZE');
  log(
    `set-up: ${SPREAD_PARTNERS} partners, ${SPREAD_PERKS + 2} live perks (generated codes, cost ${COST}), ` +
      `${fmt(MEMBERS)} members with sessions, each funded ${fmt(FUNDS)} points, in ${((performance.now() - setupStarted) / 1000).toFixed(1)} s`,
  );
  log(
    `each scenario: ${fmt(WARMUP)} warm-up requests, then ${fmt(REDEMPTIONS)} measured; ` +
      `POST /api/v1/perks/:id/redemptions, a fresh Idempotency-Key each, members taken in turn`,
  );

  // Access tokens live at most 15 minutes: signed again before each scenario.
  const signTokens = () => {
    for (const m of members) m.token = tokens.signAccessToken(m.id, m.sessionId);
  };
  const loader = new Worker(__filename);
  let cursor = 0; // members in turn across every scenario, so no member is asked twice at once
  const nextMember = () => members[cursor++ % MEMBERS]!;
  const memberBatch = (count: number) => {
    const batch = Array.from({ length: count }, nextMember);
    return (i: number) => batch[i]!;
  };
  // Statistics as autovacuum keeps them on a long-lived database. Planned with the statistics of the empty
  // tables of the set-up, the post's hold lookup walks every hold ever made (ledger_transfer_open_holds).
  const analyze = () => owner.query('ANALYZE');
  let created = 0;
  let failed = false;
  const scenario = async (label: string, perkFor: (i: number) => string, target?: number) => {
    signTokens();
    // The baseline's answers are wallet reads, not redemptions.
    const redeems = perkFor(0) !== BASELINE;
    if (WARMUP > 0) {
      const warm = await run(loader, port, WARMUP, perkFor, memberBatch(WARMUP));
      if (redeems) created += warm.created;
      if (warm.created !== WARMUP) {
        failed = true;
        log(`${label} warm-up: ${WARMUP - warm.created} non-201 answers: ${[...warm.outcomes].join('; ')}`);
      }
    }
    await analyze();
    const result = await run(loader, port, REDEMPTIONS, perkFor, memberBatch(REDEMPTIONS));
    if (redeems) created += result.created;
    if (result.created !== REDEMPTIONS) failed = true;
    report(label, result, target);
  };

  const only = process.env.BENCH_ONLY; // profiling aid: run just one scenario (baseline, hot, spread)
  if ((!only || only === 'baseline') && process.env.BENCH_BASELINE !== 'false') {
    await scenario('baseline', () => BASELINE);
    log(
      'baseline: GET /api/v1/me/wallet (authentication + one query), what one light request costs in this harness on this machine',
    );
  }
  if (!only || only === 'hot') await scenario('hot', () => hotPerk, TARGET_HOT);
  if (!only || only === 'spread')
    await scenario('spread', (i) => spreadPerks[i % SPREAD_PERKS]!, TARGET_SPREAD);

  if (only) {
    await loader.terminate();
    await app.close();
    await owner.end();
    await servers.stop();
    return;
  }
  signTokens();
  await analyze();
  const soldOut = await run(loader, port, REDEMPTIONS, () => soldOutPerk, memberBatch(REDEMPTIONS));
  created += soldOut.created;
  report('sold out', soldOut);
  const outOfStock = soldOut.outcomes.get('409 PERK_OUT_OF_STOCK') ?? 0;
  const soldOutOk =
    soldOut.created === Math.min(SOLD_OUT_STOCK, REDEMPTIONS) && soldOut.created + outOfStock === REDEMPTIONS;
  log(
    `sold out: ${soldOut.created} × 201 (expected ${Math.min(SOLD_OUT_STOCK, REDEMPTIONS)}), ${outOfStock} × 409 PERK_OUT_OF_STOCK ` +
      `(expected ${Math.max(0, REDEMPTIONS - SOLD_OUT_STOCK)}): ${soldOutOk ? 'ok' : 'WRONG'}`,
  );
  if (!soldOutOk) failed = true;
  await loader.terminate();

  // Invariants, read by the owner.
  const [{ total, pending }] = (
    await owner.query(
      `SELECT coalesce(sum(balance), 0)::bigint AS total, coalesce(sum(pending), 0)::bigint AS pending FROM ledger_account`,
    )
  ).rows;
  const mismatched = (
    await owner.query(
      `SELECT p.id, p.title_th AS title, p.stock_total - p.stock_left AS taken, count(r.id) FILTER (WHERE r.status <> 'cancelled')::int AS redeemed
       FROM perk p LEFT JOIN redemption r ON r.perk_id = p.id
       WHERE p.stock_total IS NOT NULL
       GROUP BY p.id HAVING p.stock_total - p.stock_left <> count(r.id) FILTER (WHERE r.status <> 'cancelled')`,
    )
  ).rows as { id: string; title: string; taken: number; redeemed: number }[];
  const [{ perks, fulfilled, vouchers, posts }] = (
    await owner.query(
      `SELECT (SELECT count(*) FROM perk WHERE stock_total IS NOT NULL)::int AS perks,
              (SELECT count(*) FROM redemption WHERE status = 'fulfilled')::int AS fulfilled,
              (SELECT count(*) FROM voucher_code WHERE status = 'issued')::int AS vouchers,
              (SELECT count(*) FROM ledger_transfer WHERE kind = 'post')::int AS posts`,
    )
  ).rows;
  const sumsToZero = Number(total) === 0 && Number(pending) === 0;
  log(`ledger sums to ${total}, ${pending} points held (both must be 0): ${sumsToZero ? 'ok' : 'WRONG'}`);
  log(
    `stock_total − stock_left = non-cancelled redemptions for ${perks - mismatched.length} of ${perks} perks: ` +
      `${mismatched.length === 0 ? 'ok' : `WRONG: ${mismatched.map((m) => `${m.title} taken ${m.taken}, redeemed ${m.redeemed}`).join('; ')}`}`,
  );
  const countsOk = fulfilled === created && vouchers === created && posts === created;
  log(
    `${fmt(created)} × 201 answered; ${fmt(fulfilled)} fulfilled redemptions, ${fmt(vouchers)} voucher codes, ` +
      `${fmt(posts)} posted holds: ${countsOk ? 'ok' : 'WRONG'}`,
  );
  if (!sumsToZero || mismatched.length > 0 || !countsOk) failed = true;

  await app.close();
  await owner.end();
  rmSync(storageDir, { recursive: true, force: true });
  await servers.stop();
  if (failed) {
    log('FAILED: unexpected answers or broken invariants (see above)');
    process.exitCode = 1;
  }
}

if (isMainThread)
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
