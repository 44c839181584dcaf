/**
 * `npm run quickstart`: local services when needed, migrations, demo data, then api and worker in one
 * terminal. Ctrl-C stops everything. A second run reuses the data under .data/.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runMigrations } from '../libs/database/src/migrate';
import {
  createDatabase,
  developmentSecret,
  ensureServices,
  exitOnLocalServerError,
  freePort,
  isPortFree,
  redact,
  ROOT,
} from './local-services';
import { DEMO_MEMBERS } from './demo/members';
import { DEVELOPMENT_DATABASE, QUICKSTART_STATE, seedWithOwnApp } from './seed';

const DEMO_MEMBER_COUNT = DEMO_MEMBERS.length;

function prefixLines(name: string, stream: NodeJS.ReadableStream, out: NodeJS.WritableStream): void {
  let buffer = '';
  stream.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    const lines = buffer.split('\n');
    buffer = lines.pop() ?? '';
    for (const line of lines) out.write(`[${name}] ${line}\n`);
  });
}

async function waitForReady(url: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      if (response.status === 200) return true;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  return false;
}

async function main(): Promise<void> {
  const log = (line: string) => process.stdout.write(`[quickstart] ${line}\n`);
  if (process.env.NODE_ENV === 'production')
    throw new Error('quickstart is for development; it refuses NODE_ENV=production');
  const port = Number(process.env.PORT ?? 3000);
  if (!(await isPortFree(port))) throw new Error(`Port ${port} is in use: stop what runs there or set PORT`);

  const services = await exitOnLocalServerError(
    () => ensureServices({ purpose: 'dev', log: (line) => log(line) }),
    '[quickstart] ',
  );
  const databaseUrl =
    process.env.DATABASE_URL ?? (await createDatabase(services.databaseUrl, DEVELOPMENT_DATABASE));
  const applied = await runMigrations(
    {
      DATABASE_URL: databaseUrl,
      DATABASE_POOL_SIZE: 2,
      DATABASE_CONNECT_TIMEOUT_MS: 5000,
      DATABASE_STATEMENT_TIMEOUT_MS: 0,
    },
    (line) => log(line),
  );
  log(applied.length ? `applied ${applied.length} migration(s)` : 'database schema is up to date');
  const demo = await seedWithOwnApp(databaseUrl, services.redisUrl, log);

  const env = {
    ...process.env,
    JWT_SECRET: process.env.JWT_SECRET ?? developmentSecret(),
    NODE_ENV: process.env.NODE_ENV ?? 'development',
    DATABASE_URL: databaseUrl,
    REDIS_URL: services.redisUrl,
    PORT: String(port),
    WORKER_METRICS_PORT: process.env.WORKER_METRICS_PORT ?? String(await freePort(9464)),
  };
  writeFileSync(
    QUICKSTART_STATE,
    JSON.stringify({ pid: process.pid, databaseUrl, redisUrl: services.redisUrl }),
    { mode: 0o600 },
  );
  const children: ChildProcess[] = [];
  for (const [name, entry] of [
    ['api', 'dist/apps/api/src/main.js'],
    ['worker', 'dist/apps/worker/src/main.js'],
  ] as const) {
    const child = spawn(process.execPath, [join(ROOT, entry)], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    prefixLines(name, child.stdout!, process.stdout);
    prefixLines(name, child.stderr!, process.stderr);
    child.on('exit', (code, signal) => {
      if (!stopping) {
        log(`${name} exited (${signal ?? code}); stopping everything`);
        void shutdown(1);
      }
    });
    children.push(child);
  }

  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    log('stopping api, worker and local services…');
    await Promise.all(
      children.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.kill('SIGTERM');
          }),
      ),
    );
    await services.stop();
    rmSync(QUICKSTART_STATE, { force: true });
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  const base = `http://localhost:${port}`;
  if (!(await waitForReady(`${base}/api/v1/health/ready`, 60_000))) {
    log('the API did not become ready within 60 s; see the lines above');
    return shutdown(1);
  }
  const lines = [
    '',
    'Learning Community is running (ชุมชนนวัตกรรมการเรียนรู้ พร้อมใช้งาน)',
    `  Web app:     ${base}/   (open it in a browser; เปิดในเบราว์เซอร์)`,
    `  API:         ${base}/api/v1`,
    `  API docs:    ${base}/api/docs`,
    `  Health:      ${base}/api/v1/health/ready`,
    `  Metrics:     ${base}/metrics (worker: http://localhost:${env.WORKER_METRICS_PORT}/metrics)`,
    `  PostgreSQL:  ${redact(databaseUrl)}`,
    `  Redis:       ${services.redisUrl}`,
    '',
    `  Demo accounts (บัญชีทดลอง), password: ${demo.password}`,
    ...demo.accounts.map((a) => `    ${a.email.padEnd(26)} ${a.role}`),
    `  (and ${DEMO_MEMBER_COUNT - demo.accounts.length} more members of the demo community, *@demo.local)`,
    '',
    'Press Ctrl-C to stop (กด Ctrl-C เพื่อหยุด).',
    '',
  ];
  process.stdout.write(lines.join('\n'));
}

main().catch((error: unknown) => {
  process.stderr.write(`[quickstart] ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
