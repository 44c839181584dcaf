import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { ConfigValidationError, loadConfig, Logger } from '@lc/core';
import { WorkerModule } from './worker.module';

/** The worker is an application context: BullMQ consumers, the outbox relay and schedules; no HTTP API. */
async function bootstrap(): Promise<void> {
  try {
    loadConfig();
  } catch (error) {
    if (error instanceof ConfigValidationError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.flushLogs();
  // SIGTERM/SIGINT: Nest calls the shutdown hooks, which close the queue workers after their in-flight jobs.
  app.enableShutdownHooks();
  await app.init();
}

void bootstrap();
