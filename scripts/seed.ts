/**
 * `npm run seed:demo` (also `npm run seed`): the demo community (scripts/demo), never in production.
 *
 * The seed speaks HTTP to a real API while a real worker takes up its events, so this runs both in this process,
 * quietly, on the database and Redis of a running quickstart (found in .data/quickstart.json), or of
 * DATABASE_URL / REDIS_URL, or of the local servers started the way quickstart starts them.
 */
import 'reflect-metadata';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppModule } from '../apps/api/src/app.module';
import { createFastifyAdapter, setupApp } from '../apps/api/src/setup-app';
import { WorkerModule } from '../apps/worker/src/worker.module';
import { runMigrations } from '../libs/database/src/migrate';
import { DemoSeedResult, seedDemoCommunity } from './demo/seed-demo';
import {
  createDatabase,
  developmentSecret,
  ensureServices,
  exitOnLocalServerError,
  ROOT,
  Services,
} from './local-services';

export const DEVELOPMENT_DATABASE = 'learning_community';

/** What a running quickstart writes, so that `npm run seed:demo` in another terminal uses its servers. */
export interface QuickstartState {
  pid: number;
  databaseUrl: string;
  redisUrl: string;
}

export const QUICKSTART_STATE = join(ROOT, '.data', 'quickstart.json');

function runningQuickstart(): QuickstartState | null {
  if (!existsSync(QUICKSTART_STATE)) return null;
  try {
    const state = JSON.parse(readFileSync(QUICKSTART_STATE, 'utf8')) as QuickstartState;
    process.kill(state.pid, 0);
    return state;
  } catch {
    return null;
  }
}

/** Boots the API (on a loopback port of its own) and the worker in this process, seeds, then closes both. */
export async function seedWithOwnApp(
  databaseUrl: string,
  redisUrl: string,
  log: (line: string) => void,
): Promise<DemoSeedResult> {
  if (process.env.NODE_ENV === 'production') throw new Error('demo data is never seeded in production');
  const overrides = {
    NODE_ENV: 'development',
    LOG_LEVEL: 'error',
    LOG_FORMAT: 'pretty',
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    JWT_SECRET: process.env.JWT_SECRET ?? developmentSecret(),
    WORKER_METRICS_PORT: '0',
    OUTBOX_POLL_MS: '50',
    // This API listens on loopback for the seed alone, which posts for 42 members in a burst (up to 10 comments and
    // 25 ratings by one member in a few seconds): the per-member limits are for people, not for the seed.
    COMMENT_LIMIT_PER_MINUTE: '1000',
    RATING_LIMIT_PER_MINUTE: '1000',
  } as const;
  let api: NestFastifyApplication | undefined;
  let worker: INestApplicationContext | undefined;
  try {
    api = await NestFactory.create<NestFastifyApplication>(
      AppModule.forRoot(overrides),
      createFastifyAdapter(),
      {
        bufferLogs: true,
      },
    );
    await setupApp(api);
    await api.listen(0, '127.0.0.1');
    const { port } = api.getHttpServer().address() as { port: number };
    worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(overrides), {
      bufferLogs: true,
    });
    await worker.init();
    log('seeding the demo community through the API (the worker awards the points)…');
    return await seedDemoCommunity({ baseUrl: `http://127.0.0.1:${port}`, databaseUrl, log });
  } finally {
    await worker?.close();
    await api?.close();
  }
}

async function main(): Promise<void> {
  const log = (line: string) => process.stdout.write(`[seed] ${line}\n`);
  if (process.env.NODE_ENV === 'production') {
    process.stderr.write('[seed] demo data is never seeded in production (NODE_ENV=production)\n');
    process.exit(1);
  }
  const quickstart = runningQuickstart();
  let services: Services | null = null;
  let databaseUrl: string;
  let redisUrl: string;
  if (quickstart) {
    log('using the servers of the quickstart that is running');
    ({ databaseUrl, redisUrl } = quickstart);
  } else {
    services = await exitOnLocalServerError(() => ensureServices({ purpose: 'dev', log }), '[seed] ');
    databaseUrl =
      process.env.DATABASE_URL ?? (await createDatabase(services.databaseUrl, DEVELOPMENT_DATABASE));
    redisUrl = services.redisUrl;
    await runMigrations({
      DATABASE_URL: databaseUrl,
      DATABASE_POOL_SIZE: 2,
      DATABASE_CONNECT_TIMEOUT_MS: 5000,
      DATABASE_STATEMENT_TIMEOUT_MS: 0,
    });
  }
  try {
    const result = await seedWithOwnApp(databaseUrl, redisUrl, log);
    log(`demo accounts (password: ${result.password}): ${result.accounts.map((a) => a.email).join(', ')}`);
  } finally {
    await services?.stop();
  }
  process.exit(0);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`[seed] ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
