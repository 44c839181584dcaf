/**
 * `npm run bench:certificates`: issue 18's two rates on 2 cores.
 *
 * 1. Certificates: one forum that ended, 10,000 completers (BENCH_COMPLETERS); the real worker (WorkerModule: the
 *    outbox relay, the notifications it sends, the schedules) runs; the organisers ask for the certificates and the
 *    worker's CertificateIssuer issues them (PDFs printed with the one long-lived Chromium, CERTIFICATE_BATCH per
 *    transaction, renderMany's multi-page documents split into files, each stored). Prints certificates per second.
 *    Target ≥ 20/s, so the 100,000 certificates of a national forum day go out within two hours.
 * 2. Check-ins: 5,000 members checking in within one minute against a single API process (benchCheckIns).
 *    Target: all accepted, p99 < 200 ms.
 *
 * PostgreSQL and Redis: DATABASE_URL / REDIS_URL when set, otherwise embedded ones (see bench-servers); the
 * benchmark's own database `lc_bench_certificates` is made afresh. Figures only, nothing is asserted.
 */
import 'reflect-metadata';
import { cpus } from 'node:os';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Agent, request as httpRequest } from 'node:http';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Pool } from 'pg';
import { AppModule } from '../../apps/api/src/app.module';
import { createFastifyAdapter, setupApp } from '../../apps/api/src/setup-app';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { CertificateIssuer } from '../../libs/activities/src/certificates/certificate-issuer';
import { uuidv7 } from '../../libs/core/src/ids';
import { TokenService } from '../../libs/identity/src/auth/token.service';
import { benchServers, BenchServers } from './bench-servers';

const COMPLETERS = positiveInt('BENCH_COMPLETERS', 10_000);
const TARGET_PER_SECOND = 20;

function positiveInt(name: string, fallback: number): number {
  const value = process.env[name];
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value.replace(/_/g, ''));
  if (!Number.isInteger(parsed) || parsed < 1)
    throw new Error(`${name} must be a positive integer, got ${value}`);
  return parsed;
}

const log = (line: string) => process.stdout.write(`${line}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const FIRST_NAMES = ['สมชาย', 'วิไลวรรณ', 'ประเสริฐ', 'กาญจนา', 'ธนพล', 'ศิริพร', 'อนุชา', 'พรทิพย์'];
const LAST_NAMES = ['ใจดี', 'ศรีสุข', 'มั่นคง', 'น้ำใจงาม', 'รักเรียน', 'แสงทอง', 'บุญมา', 'ทองดี'];

/** 10,000 members who completed one OBEC forum that ended yesterday (its certificates due in a week). */
async function seedCertificates(pool: Pool): Promise<string> {
  const members = Array.from({ length: COMPLETERS }, () => uuidv7());
  for (let start = 0; start < members.length; start += 5_000) {
    const chunk = members.slice(start, start + 5_000);
    await pool.query(
      `INSERT INTO member (id, email, display_name, member_kind, terms_version, privacy_version, consented_at, email_verified_at)
       SELECT id, 'bench-' || id || '@example.test', ($2::text[])[(n % 8)::int + 1] || ' ' || ($3::text[])[(n / 8 % 8)::int + 1] || ' ' || n,
              'teacher', 't', 'p', now(), now()
       FROM unnest($1::uuid[]) WITH ORDINALITY AS x(id, n)`,
      [chunk, FIRST_NAMES, LAST_NAMES],
    );
  }
  const eventId = uuidv7();
  const endsAt = new Date(Date.now() - 86_400_000);
  await pool.query(
    `INSERT INTO activity_event (id, kind, title, organiser_type, registration_opens_at, registration_closes_at,
       starts_at, ends_at, completion_rule, certificate_issue_after_days, signatory_name, signatory_title,
       completions_computed_at, created_by)
     VALUES ($1, 'forum', 'เสวนาวิชาการระดับชาติ ชุมชนนวัตกรรมการเรียนรู้ แชร์ ใช้ ช้อป', 'obec', $2, $3, $4, $5,
             'all_sessions', 7, 'นายทดสอบ ลงนาม', 'เลขาธิการคณะกรรมการการศึกษาขั้นพื้นฐาน', $5, $6)`,
    [
      eventId,
      new Date(endsAt.getTime() - 30 * 86_400_000),
      new Date(endsAt.getTime() - 2 * 86_400_000),
      new Date(endsAt.getTime() - 8 * 3_600_000),
      endsAt,
      members[0],
    ],
  );
  await pool.query(
    `INSERT INTO activity_registration (event_id, member_id, status) SELECT $1, id, 'registered' FROM unnest($2::uuid[]) AS id`,
    [eventId, members],
  );
  await pool.query(
    `INSERT INTO activity_completion (event_id, member_id, attended_sessions, attended_share)
     SELECT $1, id, 1, 1 FROM unnest($2::uuid[]) AS id`,
    [eventId, members],
  );
  return eventId;
}

async function benchCertificates(servers: BenchServers): Promise<void> {
  const pool = new Pool({ connectionString: servers.databaseUrl, max: 2 });
  const storageDir = await mkdtemp(join(tmpdir(), 'lc-bench-certificates-'));
  try {
    const eventId = await seedCertificates(pool);
    log(`seeded: one forum, ${COMPLETERS.toLocaleString('en')} completers`);
    const worker = await NestFactory.createApplicationContext(
      WorkerModule.forRoot({
        DATABASE_URL: servers.databaseUrl,
        REDIS_URL: servers.redisUrl,
        QUEUE_PREFIX: `bench${Date.now()}`,
        LOG_LEVEL: 'silent',
        WORKER_METRICS_PORT: '0',
        JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0000',
        NODE_ENV: 'test',
        STORAGE_DRIVER: 'local',
        STORAGE_DIR: storageDir,
        MAIL_TRANSPORT: 'log',
      }),
      { logger: false },
    );
    await worker.init();
    // The schedules' first runs (nothing due yet) go by before the clock starts.
    await sleep(3_000);
    const issuer = worker.get(CertificateIssuer, { strict: false });
    const issued = async () =>
      Number(
        (await pool.query(`SELECT count(*) FROM activity_certificate WHERE event_id = $1`, [eventId])).rows[0]
          .count,
      );
    // The organisers ask (as POST /events/:id/certificates/issue does); the worker issues.
    await pool.query(`UPDATE activity_event SET certificates_requested_at = now() WHERE id = $1`, [eventId]);
    const started = performance.now();
    let reported = 0;
    const progress = setInterval(() => {
      void issued().then((n) => {
        if (n - reported >= 1_000) {
          reported = n;
          const seconds = (performance.now() - started) / 1000;
          log(`  ${n.toLocaleString('en')} issued after ${seconds.toFixed(0)} s`);
        }
      });
    }, 5_000);
    await issuer.issueDue();
    // The schedule may have taken batches meanwhile: the figure is the rows, once all are there.
    while ((await issued()) < COMPLETERS) await sleep(200);
    clearInterval(progress);
    const seconds = (performance.now() - started) / 1000;
    const count = await issued();
    const perSecond = count / seconds;
    const events = Number(
      (
        await pool.query(
          `SELECT count(*) FROM outbox_event WHERE type = 'activity.certificate_issued' AND payload->>'eventId' = $1`,
          [eventId],
        )
      ).rows[0].count,
    );
    log(
      `certificates: ${count.toLocaleString('en')} issued in ${seconds.toFixed(1)} s = ${perSecond.toFixed(1)} certificates/s ` +
        `(target ≥ ${TARGET_PER_SECOND}/s: ${perSecond >= TARGET_PER_SECOND ? 'met' : 'NOT met'}); ` +
        `${events.toLocaleString('en')} certificate_issued events; 100,000 would take ${(100_000 / perSecond / 60).toFixed(0)} min`,
    );
    await worker.close();
  } finally {
    await pool.end();
    await rm(storageDir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Check-ins: 5,000 members checking in within one minute against a single API process (in this process, on an
// ephemeral port, over keep-alive HTTP). One OBEC workshop with a session under way; 5,000 registered members with
// sessions; each sends the code the organiser's screen shows (refreshed every 10 s, as the screen does) at its own
// moment, evenly spread over 60 s (an open loop: a slow answer does not slow the arrivals). Prints accepted and
// refused, and p50/p95/p99 latency. Target: all accepted, p99 < 200 ms.
// ---------------------------------------------------------------------------------------------------------------
const CHECK_INS = positiveInt('BENCH_CHECK_INS', 5_000);
const CHECK_IN_SECONDS = positiveInt('BENCH_CHECK_IN_SECONDS', 60);

/**
 * One request; a connection the server closed while idle (keep-alive) is retried once on a fresh one, as browsers do.
 * Other failures answer status 0 (counted, never thrown).
 */
async function send(
  agent: Agent,
  port: number,
  method: string,
  path: string,
  token: string,
  body?: unknown,
): Promise<{ status: number; body: string }> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await sendOnce(agent, port, method, path, token, body);
    } catch (error) {
      if (attempt === 1 && (error as { code?: string }).code === 'ECONNRESET') continue;
      return { status: 0, body: String(error) };
    }
  }
}

function sendOnce(
  agent: Agent,
  port: number,
  method: string,
  path: string,
  token: string,
  body?: unknown,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        agent,
        headers: {
          authorization: `Bearer ${token}`,
          ...(payload
            ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }
            : {}),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    if (payload) req.write(payload);
    req.end();
  });
}

async function benchCheckIns(servers: BenchServers): Promise<void> {
  const pool = new Pool({ connectionString: servers.databaseUrl, max: 2 });
  const storageDir = await mkdtemp(join(tmpdir(), 'lc-bench-check-ins-'));
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      SWAGGER_ENABLED: 'false',
      DATABASE_URL: servers.databaseUrl,
      REDIS_URL: servers.redisUrl,
      QUEUE_PREFIX: `benchcheckin${Date.now()}`,
      JWT_SECRET: 'bench-check-in-secret-bench-check-in-secret-0',
      ACCESS_TOKEN_TTL_SECONDS: '900',
      STORAGE_DIR: storageDir,
    }),
    createFastifyAdapter(),
    { logger: false },
  );
  const agent = new Agent({ keepAlive: true, maxSockets: 128 });
  try {
    await setupApp(app);
    await app.listen(0, '127.0.0.1');
    const port = (app.getHttpServer().address() as { port: number }).port;
    const tokens = app.get(TokenService, { strict: false });

    const ids = Array.from({ length: CHECK_INS + 1 }, () => uuidv7());
    const sessions = ids.map(() => uuidv7());
    await pool.query(
      `INSERT INTO member (id, email, display_name, member_kind, terms_version, privacy_version, consented_at, email_verified_at)
       SELECT id, 'bench-check-in-' || id || '@example.test', 'ครูเช็กอิน ' || n, 'teacher', 't', 'p', now(), now()
       FROM unnest($1::uuid[]) WITH ORDINALITY AS x(id, n)`,
      [ids],
    );
    await pool.query(
      `INSERT INTO auth_session (id, member_id, expires_at) SELECT s, m, now() + interval '1 day' FROM unnest($1::uuid[], $2::uuid[]) AS x(s, m)`,
      [sessions, ids],
    );
    const organiserId = ids[0]!;
    await pool.query(
      `INSERT INTO role_grant (id, member_id, role, scope_type, scope_id, reason) VALUES ($1, $2, 'obec_admin', 'national', NULL, 'bench set-up')`,
      [uuidv7(), organiserId],
    );
    const token = ids.map((id, i) => tokens.signAccessToken(id, sessions[i]!));
    const now = Date.now();
    const created = await send(agent, port, 'POST', '/api/v1/events', token[0]!, {
      kind: 'forum',
      title: 'เสวนาวิชาการระดับชาติ (ทดสอบการเช็กอิน)',
      organiser: { type: 'obec' },
      sessions: [
        {
          title: 'ช่วงเช้า',
          startsAt: new Date(now - 5 * 60_000).toISOString(),
          endsAt: new Date(now + 3 * 3_600_000).toISOString(),
          mode: 'online',
          joinUrl: 'https://meet.example.test/national-forum',
        },
      ],
      registrationOpensAt: new Date(now - 86_400_000).toISOString(),
      registrationClosesAt: new Date(now + 3 * 3_600_000).toISOString(),
      completion: { rule: 'all_sessions', evaluationRequired: false },
      certificate: { signatoryName: 'ผู้ลงนาม', signatoryTitle: 'ตำแหน่ง' },
    });
    if (created.status !== 201) throw new Error(`creating the event: ${created.status} ${created.body}`);
    const event = JSON.parse(created.body) as { id: string; sessions: { id: string }[] };
    const sessionId = event.sessions[0]!.id;
    await pool.query(
      `INSERT INTO activity_registration (event_id, member_id, status) SELECT $1, id, 'registered' FROM unnest($2::uuid[]) AS id`,
      [event.id, ids.slice(1)],
    );
    const codePath = `/api/v1/events/${event.id}/sessions/${sessionId}/check-in-code`;
    const fetchCode = async () =>
      (JSON.parse((await send(agent, port, 'GET', codePath, token[0]!)).body) as { code: string }).code;
    let code = await fetchCode();
    // Warm-up: 200 check-ins of the organiser's own (not counted) would need registrations; a few code reads do.
    for (let i = 0; i < 50; i += 1) await fetchCode();
    log(
      `check-ins: one session, ${CHECK_INS.toLocaleString('en')} registered members, over ${CHECK_IN_SECONDS} s`,
    );

    const screen = setInterval(() => void fetchCode().then((next) => (code = next)), 10_000);
    const latencies: number[] = [];
    const statuses = new Map<number, number>();
    const started = performance.now();
    const spacing = (CHECK_IN_SECONDS * 1000) / CHECK_INS;
    await Promise.all(
      ids.slice(1).map(async (_, index) => {
        await sleep(Math.max(0, started + index * spacing - performance.now()));
        const sentAt = performance.now();
        const answer = await send(
          agent,
          port,
          'POST',
          `/api/v1/events/${event.id}/sessions/${sessionId}/check-ins`,
          token[index + 1]!,
          {
            code,
          },
        );
        latencies.push(performance.now() - sentAt);
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
      }),
    );
    clearInterval(screen);
    const elapsed = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
    const accepted = statuses.get(201) ?? 0;
    const attended = Number(
      (await pool.query(`SELECT count(*) FROM activity_attendance WHERE session_id = $1`, [sessionId]))
        .rows[0].count,
    );
    log(
      `check-ins: ${accepted.toLocaleString('en')} of ${CHECK_INS.toLocaleString('en')} accepted in ${elapsed.toFixed(1)} s ` +
        `(${(CHECK_INS / elapsed).toFixed(0)}/s offered); answers ${[...statuses].map(([s, n]) => `${s} × ${n}`).join(', ')}; ` +
        `${attended.toLocaleString('en')} attendances recorded; latency p50 ${at(0.5).toFixed(1)} ms, p95 ${at(0.95).toFixed(1)} ms, ` +
        `p99 ${at(0.99).toFixed(1)} ms, max ${latencies[latencies.length - 1]!.toFixed(1)} ms ` +
        `(target: all accepted, p99 < 200 ms: ${accepted === CHECK_INS && at(0.99) < 200 ? 'met' : 'NOT met'})`,
    );
  } finally {
    agent.destroy();
    await app.close();
    await pool.end();
    await rm(storageDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  log(`bench:certificates on ${cpus().length} cores`);
  const servers = await benchServers('bench-certificates', { postgres: 55741, redis: 56490 });
  try {
    const only = process.env.BENCH_ONLY;
    if (only !== 'check-ins') await benchCertificates(servers);
    if (only !== 'certificates') await benchCheckIns(servers);
  } finally {
    await servers.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
