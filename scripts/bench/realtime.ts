/**
 * `npm run bench:realtime`: commit-to-client latency through the real path. The API (socket.io on /realtime,
 * the Redis-streams adapter) runs in this process; N clients connect from a separate thread with real access
 * tokens; events are committed to PostgreSQL at a fixed rate (a notification row each, in its own transaction)
 * and published after the commit with RealtimePublisher — the worker's way — to one member's room (80 %), an
 * area's room (15 %) or everyone (5 %). Each client records when each message arrives; the figures are the
 * latency from COMMIT to arrival (p50, p95, p99, max) and the messages lost (expected deliveries − received).
 * Target on 2 cores: p99 < 150 ms at 2,000 sockets and 200 events/s, none lost.
 *
 * Knobs: BENCH_SOCKETS (2,000), BENCH_RATE (events/s, 200), BENCH_SECONDS (20), BENCH_AREAS (10).
 * Servers: DATABASE_URL / REDIS_URL when set, otherwise an embedded PostgreSQL and a local Redis under `.data/`.
 */
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Pool } from 'pg';
import { io, Socket } from 'socket.io-client';
import { AppModule } from '../../apps/api/src/app.module';
import { createFastifyAdapter, setupApp } from '../../apps/api/src/setup-app';
import { uuidv7 } from '../../libs/core/src/ids';
import { AppConfig } from '../../libs/core/src/config/app-config';
import { APP_CONFIG } from '../../libs/core/src/config/config.module';
import { TokenService } from '../../libs/identity/src/auth/token.service';
import { RedisRealtimePublisher } from '../../libs/realtime/src/redis-realtime-publisher';
import { Rooms } from '../../libs/realtime/src/realtime-messages';
import { redact } from '../local-services';
import { benchServers } from './bench-servers';

const SOCKETS = positiveInt('BENCH_SOCKETS', 2_000);
const RATE = positiveInt('BENCH_RATE', 200);
const SECONDS = positiveInt('BENCH_SECONDS', 20);
const AREAS = positiveInt('BENCH_AREAS', 10);
const TARGET_P99_MS = 150;

function positiveInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw.replace(/_/g, ''));
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`${name} must be a positive integer, got ${raw}`);
  return value;
}

const log = (line: string) => process.stdout.write(`${line}\n`);

interface ClientJob {
  url: string;
  tokens: string[];
}

type FromClients =
  | { kind: 'ready'; connected: number; failed: number; ms: number }
  | { kind: 'result'; latencies: number[]; received: [number, number][] };

/** The clients' thread: connects every socket, then records (seq → count, latency) until asked for results. */
function clientThread({ url, tokens }: ClientJob): void {
  const sockets: Socket[] = [];
  const latencies: number[] = [];
  const received = new Map<number, number>();
  const record = (payload: { item?: { seq?: number; committedAt?: number } }) => {
    const { seq, committedAt } = payload.item ?? {};
    if (typeof seq !== 'number' || typeof committedAt !== 'number') return;
    latencies.push(Date.now() - committedAt);
    received.set(seq, (received.get(seq) ?? 0) + 1);
  };
  const started = performance.now();
  let connected = 0;
  let failed = 0;
  let next = 0;
  const connectOne = (token: string) =>
    new Promise<void>((resolve) => {
      const socket = io(`${url}/realtime`, {
        transports: ['websocket'],
        auth: { token },
        forceNew: true,
        reconnection: false,
      });
      socket.on('notification', record);
      socket.on('feed.item', record);
      socket.once('connect', () => {
        connected++;
        resolve();
      });
      socket.once('connect_error', () => {
        failed++;
        resolve();
      });
      sockets.push(socket);
    });
  void Promise.all(
    Array.from({ length: 50 }, async () => {
      while (next < tokens.length) await connectOne(tokens[next++]!);
    }),
  ).then(() =>
    parentPort!.postMessage({
      kind: 'ready',
      connected,
      failed,
      ms: performance.now() - started,
    } satisfies FromClients),
  );
  parentPort!.on('message', (message: string) => {
    if (message !== 'results') return;
    for (const socket of sockets) socket.close();
    parentPort!.postMessage({ kind: 'result', latencies, received: [...received] } satisfies FromClients);
  });
}

if (!isMainThread) clientThread(workerData as ClientJob);

const percentile = (sorted: number[], q: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]! : NaN;

async function main(): Promise<void> {
  const servers = await benchServers('bench-realtime', { postgres: 55833, redis: 56580 });
  const { serverUrl, databaseUrl, redisUrl } = servers;
  const owner = new Pool({ connectionString: databaseUrl, max: 8 });
  const storageDir = mkdtempSync(join(tmpdir(), 'lc-bench-realtime-'));
  const overrides = {
    NODE_ENV: 'test' as const,
    LOG_LEVEL: 'silent',
    SWAGGER_ENABLED: 'false',
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: `benchrealtime${Date.now()}`,
    JWT_SECRET: 'bench-realtime-secret-bench-realtime-secret-00',
    ACCESS_TOKEN_TTL_SECONDS: '900',
    STORAGE_DIR: storageDir,
  };
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(overrides),
    createFastifyAdapter(),
    {
      logger: false,
    },
  );
  await setupApp(app);
  await app.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  const config = app.get<AppConfig>(APP_CONFIG);
  const publisher = new RedisRealtimePublisher(config);
  const tokens = app.get(TokenService, { strict: false });

  // Members over AREAS areas (a school each), with sessions; one socket per member.
  const areaRows = (
    await owner.query(
      `SELECT a.id, (SELECT min(province_code) FROM area_province p WHERE p.area_id = a.id) AS province
       FROM area a WHERE EXISTS (SELECT 1 FROM area_province p WHERE p.area_id = a.id) ORDER BY a.code LIMIT $1`,
      [AREAS],
    )
  ).rows as { id: string; province: string }[];
  const schools = areaRows.map((area, i) => ({
    id: uuidv7(),
    areaId: area.id,
    province: area.province,
    code: `9${String(i).padStart(8, '0')}`,
  }));
  await owner.query(
    `INSERT INTO school (id, code, name_th, area_id, province_code)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[], $5::char(2)[])`,
    [
      schools.map((s) => s.id),
      schools.map((s) => s.code),
      schools.map((_, i) => `โรงเรียนทดสอบ ${i + 1}`),
      schools.map((s) => s.areaId),
      schools.map((s) => s.province),
    ],
  );
  const members = Array.from({ length: SOCKETS }, (_, i) => ({
    id: uuidv7(),
    sessionId: uuidv7(),
    school: schools[i % schools.length]!,
  }));
  for (let from = 0; from < SOCKETS; from += 1000) {
    const slice = members.slice(from, from + 1000);
    await owner.query(
      `INSERT INTO member (id, email, display_name, member_kind, school_id, terms_version, privacy_version, consented_at)
       SELECT id, 'bench-rt-' || id || '@example.test', 'ครูทดสอบ', 'teacher', school, 't', 'p', now()
       FROM unnest($1::uuid[], $2::uuid[]) AS x(id, school)`,
      [slice.map((m) => m.id), slice.map((m) => m.school.id)],
    );
    await owner.query(
      `INSERT INTO auth_session (id, member_id, expires_at) SELECT s, m, now() + interval '1 day' FROM unnest($1::uuid[], $2::uuid[]) AS x(s, m)`,
      [slice.map((m) => m.sessionId), slice.map((m) => m.id)],
    );
  }
  log(
    `PostgreSQL at ${redact(serverUrl)}, Redis at ${redisUrl}; ${availableParallelism()} cores; API in this process, ` +
      `${SOCKETS} clients (websocket) from a second thread; ${AREAS} areas`,
  );

  const clients = new Worker(__filename, {
    workerData: {
      url,
      tokens: members.map((m) => tokens.signAccessToken(m.id, m.sessionId)),
    } satisfies ClientJob,
  });
  const fromClients = () => new Promise<FromClients>((resolve) => clients.once('message', resolve));
  const ready = (await fromClients()) as Extract<FromClients, { kind: 'ready' }>;
  log(`connected ${ready.connected} sockets (${ready.failed} refused) in ${(ready.ms / 1000).toFixed(1)} s`);
  await new Promise((resolve) => setTimeout(resolve, 1000));

  // Events at a fixed rate: commit, then publish (as the worker does).
  const total = RATE * SECONDS;
  const expected = new Map<number, number>();
  const byArea = new Map<string, number>();
  for (const m of members) byArea.set(m.school.areaId, (byArea.get(m.school.areaId) ?? 0) + 1);
  const inFlight = new Set<Promise<void>>();
  const started = performance.now();
  let late = 0;
  for (let seq = 0; seq < total; seq++) {
    const due = started + (seq * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    else if (wait < -50) late++;
    const roll = seq % 20;
    const member = members[(seq * 7919) % members.length]!;
    const area = areaRows[seq % areaRows.length]!.id;
    const target =
      roll === 0
        ? { rooms: [Rooms.global], count: ready.connected, type: 'feed.item' as const }
        : roll <= 3
          ? { rooms: [Rooms.area(area)], count: byArea.get(area) ?? 0, type: 'feed.item' as const }
          : { rooms: [Rooms.member(member.id)], count: 1, type: 'notification' as const };
    expected.set(seq, target.count);
    const job = (async () => {
      await owner.query(
        `INSERT INTO notification (id, member_id, event_id, type, data) VALUES ($1, $2, $3, 'points.changed', $4)`,
        [uuidv7(), member.id, uuidv7(), JSON.stringify({ title: { th: 'ทดสอบ', en: 'bench' }, seq })],
      );
      const committedAt = Date.now();
      const item = { seq, committedAt };
      if (target.type === 'notification')
        await publisher.publish(target.rooms, 'notification', { item, unread: 1 });
      else await publisher.publish(target.rooms, 'feed.item', { scope: 'global', item });
    })();
    inFlight.add(job);
    void job.finally(() => inFlight.delete(job));
  }
  await Promise.all(inFlight);
  const elapsed = (performance.now() - started) / 1000;
  await new Promise((resolve) => setTimeout(resolve, 3000)); // let the last messages arrive
  clients.postMessage('results');
  const result = (await fromClients()) as Extract<FromClients, { kind: 'result' }>;
  await clients.terminate();

  const received = new Map(result.received);
  let expectedDeliveries = 0;
  let lost = 0;
  for (const [seq, count] of expected) {
    expectedDeliveries += count;
    lost += Math.max(0, count - (received.get(seq) ?? 0));
  }
  const sorted = result.latencies.sort((a, b) => a - b);
  const p99 = percentile(sorted, 0.99);
  log(
    `${total} events in ${elapsed.toFixed(1)} s (${(total / elapsed).toFixed(0)}/s, ${late} started late), ` +
      `${expectedDeliveries} deliveries expected, ${sorted.length} received, lost ${lost}`,
  );
  log(
    `commit → client latency: p50 ${percentile(sorted, 0.5)} ms, p95 ${percentile(sorted, 0.95)} ms, p99 ${p99} ms, ` +
      `max ${sorted[sorted.length - 1] ?? NaN} ms (target p99 < ${TARGET_P99_MS} ms with none lost: ` +
      `${p99 < TARGET_P99_MS && lost === 0 ? 'met' : 'MISSED'})`,
  );

  await publisher.onApplicationShutdown();
  await app.close();
  await owner.end();
  rmSync(storageDir, { recursive: true, force: true });
  await servers.stop();
  if (lost > 0) process.exitCode = 1;
}

if (isMainThread)
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
