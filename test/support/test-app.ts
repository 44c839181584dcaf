import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ModuleMetadata, Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { loadConfig, type AppConfig } from '@lc/core';
import { AppModule } from '../../apps/api/src/app.module';
import { createFastifyAdapter, LISTEN_BACKLOG, setupApp } from '../../apps/api/src/setup-app';
import { createTestDatabase, testRedisUrl, uniqueQueuePrefix } from './test-database';

export type ConfigOverrides = Partial<Record<keyof AppConfig, string>>;

export interface TestEnvironment {
  databaseUrl: string;
  redisUrl: string;
  queuePrefix: string;
  overrides: ConfigOverrides;
  drop: () => Promise<void>;
}

/** A fresh database and queue prefix; pass `overrides` on to every app or worker of the suite. */
export async function createTestEnvironment(extra: ConfigOverrides = {}): Promise<TestEnvironment> {
  const database = await createTestDatabase();
  const queuePrefix = uniqueQueuePrefix();
  // Uploaded files go to a directory of the suite's own, removed with it; never to the checkout's .data/uploads.
  const storageDir = extra.STORAGE_DIR ? null : await mkdtemp(join(tmpdir(), 'lc-test-storage-'));
  const overrides: ConfigOverrides = {
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_URL: database.url,
    REDIS_URL: testRedisUrl(),
    QUEUE_PREFIX: queuePrefix,
    WORKER_METRICS_PORT: '0',
    JWT_SECRET: 'test-secret-for-the-e2e-suites-only-0123456789',
    // The badge issuer's key seed, set so that a suite may also start an app with NODE_ENV=production (which requires it).
    CREDENTIAL_ISSUER_SECRET: 'dGVzdC1pc3N1ZXItc2VlZC1mb3ItZTJlLXN1aXRlcyE',
    ...(storageDir ? { STORAGE_DIR: storageDir } : {}),
    ...extra,
  };
  const drop = async () => {
    await database.drop();
    if (storageDir) await rm(storageDir, { recursive: true, force: true });
  };
  return { databaseUrl: database.url, redisUrl: testRedisUrl(), queuePrefix, overrides, drop };
}

export interface TestApp {
  app: NestFastifyApplication;
  /** The base URL of the listening server: tests speak real HTTP to it. */
  url: string;
  dataSource: DataSource;
  close: () => Promise<void>;
}

/** Boots the real API module (plus anything a suite adds) on an ephemeral port. */
export async function startTestApp(
  environment: TestEnvironment,
  extra: { imports?: ModuleMetadata['imports']; controllers?: Type[]; overrides?: ConfigOverrides } = {},
): Promise<TestApp> {
  const moduleRef = await Test.createTestingModule({
    imports: [AppModule.forRoot({ ...environment.overrides, ...extra.overrides }), ...(extra.imports ?? [])],
    controllers: extra.controllers ?? [],
  }).compile();
  const settings = loadConfig({ ...process.env, ...environment.overrides, ...extra.overrides });
  const app = moduleRef.createNestApplication<NestFastifyApplication>(createFastifyAdapter(settings), {
    bufferLogs: true,
  });
  await setupApp(app);
  await app.listen({ port: 0, host: '127.0.0.1', backlog: LISTEN_BACKLOG });
  const address = app.getHttpServer().address() as { port: number };
  return {
    app,
    url: `http://127.0.0.1:${address.port}`,
    dataSource: app.get(DataSource),
    close: () => app.close(),
  };
}

/** Polls until `check` returns a value (not undefined) or the time runs out. */
export async function eventually<T>(
  check: () => Promise<T | undefined>,
  timeoutMs = 10_000,
  intervalMs = 50,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline)
      throw new Error(`condition not met within ${timeoutMs} ms${lastError ? `: ${String(lastError)}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
