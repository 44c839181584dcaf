import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import type { TestEnvironment } from './test-app';

/** The real worker (relay, consumers, hasher) in this process, on the suite's database and queue prefix. */
export async function startTestWorker(
  environment: TestEnvironment,
  overrides: Record<string, string> = {},
): Promise<INestApplicationContext> {
  const worker = await NestFactory.createApplicationContext(
    WorkerModule.forRoot({ OUTBOX_POLL_MS: '50', ...environment.overrides, ...overrides }),
    { logger: false },
  );
  await worker.init();
  return worker;
}
