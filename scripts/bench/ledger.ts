/**
 * `npm run bench:ledger`: in one run, on one PostgreSQL,
 *  - the raw single-row INSERT rate (16 connections, autocommit) as the yardstick,
 *  - transfers per second through LedgerService (each call one transaction, as awards and redemptions use it),
 *  - awards per second end to end (outbox event → relay → BullMQ → batched award → wallet) with the real worker,
 *  - the time from one event's commit to the member's credit, when the system is idle,
 *  - full-chain verification rate, when the hash chain is available.
 * Targets on 2 cores: ≥ 2,000 awards/s; ledger ≥ 50% of the raw insert rate; verification ≥ 100,000 transfers/s.
 */
import 'reflect-metadata';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { Client, Pool } from 'pg';
import { DataSource } from 'typeorm';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { uuidv7 } from '../../libs/core/src/ids';
import { dataSourceOptions } from '../../libs/database/src/data-source-options';
import { runMigrations } from '../../libs/database/src/migrate';
import { LedgerService } from '../../libs/ledger/src/ledger.service';
import { ISSUANCE, memberWallet, TransferSpec } from '../../libs/ledger/src/ledger.types';
import {
  createDatabase,
  localServerHome,
  ROOT,
  startEmbeddedPostgres,
  startLocalRedis,
} from '../local-services';

const RAW_ROWS = Number(process.env.BENCH_RAW_ROWS ?? 20_000);
const TRANSFERS = Number(process.env.BENCH_TRANSFERS ?? 20_000);
const AWARDS = Number(process.env.BENCH_AWARDS ?? 20_000);
const CONCURRENCY = 16;
const MEMBERS = 2_000;

const log = (line: string) => process.stdout.write(`${line}\n`);
const rate = (count: number, ms: number) => Math.round((count / ms) * 1000);

async function parallel(
  total: number,
  workers: number,
  task: (index: number) => Promise<void>,
): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (next < total) await task(next++);
    }),
  );
  return performance.now() - started;
}

async function main(): Promise<void> {
  const stops: (() => Promise<void>)[] = [];
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const pg = await startEmbeddedPostgres({
      dataDir: join(localServerHome(), 'pg-bench-ledger'),
      preferredPort: 55732,
    });
    stops.push(pg.stop);
    serverUrl = pg.url;
  }
  let redisUrl = process.env.REDIS_URL;
  if (!redisUrl) {
    const redis = await startLocalRedis({
      dataDir: join(ROOT, '.data', 'redis-bench'),
      preferredPort: 56479,
    });
    stops.push(redis.stop);
    redisUrl = redis.url;
  }
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS lc_bench_ledger WITH (FORCE)`);
  await admin.end();
  const databaseUrl = await createDatabase(serverUrl, 'lc_bench_ledger');
  const database = {
    DATABASE_URL: databaseUrl,
    DATABASE_POOL_SIZE: 20,
    DATABASE_CONNECT_TIMEOUT_MS: 5000,
    DATABASE_STATEMENT_TIMEOUT_MS: 0,
  };
  await runMigrations(database);
  const pool = new Pool({ connectionString: databaseUrl, max: CONCURRENCY });
  const members = Array.from({ length: MEMBERS }, () => uuidv7());
  await pool.query(
    `INSERT INTO member (id, email, display_name, member_kind, terms_version, privacy_version, consented_at, email_verified_at)
     SELECT id, 'bench-' || id || '@example.test', 'ครู', 'teacher', 't', 'p', now(), now() FROM unnest($1::uuid[]) AS id`,
    [members],
  );

  log(
    `PostgreSQL ${(await pool.query('SHOW server_version')).rows[0].server_version}, ${CONCURRENCY} connections`,
  );

  // 1. The yardstick: single-row INSERTs, each its own transaction.
  await pool.query(
    `CREATE TABLE bench_raw (id uuid PRIMARY KEY, owner uuid NOT NULL, amount bigint NOT NULL, note text NOT NULL)`,
  );
  const rawMs = await parallel(RAW_ROWS, CONCURRENCY, async (i) => {
    await pool.query(`INSERT INTO bench_raw VALUES ($1, $2, $3, $4)`, [
      uuidv7(),
      members[i % MEMBERS],
      i,
      'เผยแพร่นวัตกรรม',
    ]);
  });
  const rawRate = rate(RAW_ROWS, rawMs);
  log(`raw single-row INSERT:           ${rawRate.toLocaleString('en')} rows/s`);

  // 2. Transfers through the ledger service, one transfer per transaction, spread over 2,000 wallets.
  const dataSource = new DataSource({
    ...dataSourceOptions({ ...database, DATABASE_APP_ROLE: 'lc_app' }, 'lc-bench'),
  });
  await dataSource.initialize();
  const ledger = new LedgerService(dataSource);
  const spec = (i: number, memberId: string): TransferSpec => ({
    idempotencyKey: `bench:${i}:${uuidv7()}`,
    debit: ISSUANCE,
    credit: memberWallet(memberId),
    amount: 5,
    kind: 'award',
    reason: { code: 'bench', th: 'ทดสอบ', en: 'bench' },
  });
  await ledger.wallet(members[0]!);
  const singleMs = await parallel(TRANSFERS, CONCURRENCY, async (i) => {
    await dataSource.transaction((manager) => ledger.transfer(manager, [spec(i, members[i % MEMBERS]!)]));
  });
  const singleRate = rate(TRANSFERS, singleMs);
  log(
    `ledger, 1 transfer per call:      ${singleRate.toLocaleString('en')} transfers/s (${Math.round((singleRate / rawRate) * 100)}% of raw)`,
  );
  // The award path: the subscriber hands the ledger a batch of transfers per transaction.
  const BATCH = 50;
  const batchMs = await parallel(TRANSFERS / BATCH, CONCURRENCY, async (b) => {
    const specs = Array.from({ length: BATCH }, (_, k) =>
      spec(b * BATCH + k, members[(b * BATCH + k) % MEMBERS]!),
    );
    await dataSource.transaction((manager) => ledger.transfer(manager, specs));
  });
  const batchRate = rate(TRANSFERS, batchMs);
  log(
    `ledger, ${BATCH} transfers per call:     ${batchRate.toLocaleString('en')} transfers/s (${Math.round((batchRate / rawRate) * 100)}% of raw)`,
  );

  // 3. End to end: events committed to the outbox, the real worker awarding them.
  await pool.query(
    `UPDATE ledger_rule SET cap_day = NULL, cap_week = NULL, cap_month = NULL WHERE code = 'innovation.published'`,
  );
  const worker = await NestFactory.createApplicationContext(
    WorkerModule.forRoot({
      DATABASE_URL: databaseUrl,
      REDIS_URL: redisUrl,
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
  const awarded = async () =>
    Number(
      (await pool.query(`SELECT count(*) FROM ledger_transfer WHERE reason_code = 'innovation.published'`))
        .rows[0].count,
    );
  const publish = async (count: number) => {
    const ids = Array.from({ length: count }, () => uuidv7());
    const payloads = ids.map((_, i) =>
      JSON.stringify({
        innovationId: uuidv7(),
        authorId: members[i % MEMBERS],
        schoolId: null,
        areaId: null,
        learningAreas: [],
        competencies: [],
        version: 1,
      }),
    );
    await pool.query(
      `INSERT INTO outbox_event (id, type, payload) SELECT id, 'innovation.published', p FROM unnest($1::uuid[], $2::jsonb[]) AS x(id, p)`,
      [ids, payloads],
    );
  };
  // Idle latency first: one event at a time, commit → credited.
  const latencies: number[] = [];
  for (let i = 0; i < 20; i++) {
    const before = await awarded();
    const started = performance.now();
    await publish(1);
    while ((await awarded()) === before) await new Promise((resolve) => setTimeout(resolve, 2));
    latencies.push(performance.now() - started);
  }
  latencies.sort((a, b) => a - b);
  log(
    `award latency, idle (commit → wallet): p50 ${Math.round(latencies[10]!)} ms, max ${Math.round(latencies[19]!)} ms (target < 2,000 ms)`,
  );
  const base = await awarded();
  const started = performance.now();
  for (let sent = 0; sent < AWARDS; sent += 1000) await publish(Math.min(1000, AWARDS - sent));
  while ((await awarded()) < base + AWARDS) await new Promise((resolve) => setTimeout(resolve, 20));
  const awardRate = rate(AWARDS, performance.now() - started);
  log(
    `awards end to end (event → wallet): ${awardRate.toLocaleString('en')} awards/s over ${AWARDS.toLocaleString('en')} events (target ≥ 2,000)`,
  );
  await worker.close();

  // 4. Verification of the whole chain, when the hash chain module is there.
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const chain = require('../../libs/ledger/src/chain') as {
      measureVerificationRate?: (ds: DataSource) => Promise<number>;
    };
    if (chain.measureVerificationRate) {
      const verified = await chain.measureVerificationRate(dataSource);
      log(
        `full-chain verification:         ${Math.round(verified).toLocaleString('en')} transfers/s (target ≥ 100,000)`,
      );
    }
  } catch (error) {
    log(`full-chain verification: not measured (${(error as Error).message})`);
  }

  const [{ total }] = (await pool.query(`SELECT sum(balance)::bigint AS total FROM ledger_account`)).rows;
  log(`ledger sums to ${total} (must be 0)`);
  await dataSource.destroy();
  await pool.end();
  for (const stop of stops.reverse()) await stop();
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
