import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Job, Worker } from 'bullmq';
import { APP_CONFIG, AppConfig } from '@lc/core';
import type { EventEnvelope } from './event-definition';
import { EventHandlerRegistry } from './event-handler-registry';
import { BATCH_JOB_NAME, subscriberQueueName } from './queue-names';

/** Starts one BullMQ worker per subscriber queue; on shutdown lets in-flight jobs finish, then closes. */
@Injectable()
export class EventConsumer implements OnApplicationShutdown {
  private readonly logger = new Logger(EventConsumer.name);
  private readonly workers: Worker[] = [];

  constructor(
    private readonly registry: EventHandlerRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async start(): Promise<void> {
    for (const subscriber of this.registry.subscribers()) {
      const worker = new Worker<EventEnvelope | { events: EventEnvelope[] }>(
        subscriberQueueName(subscriber),
        async (job: Job<EventEnvelope | { events: EventEnvelope[] }>) =>
          job.name === BATCH_JOB_NAME
            ? this.registry.dispatchBatch(subscriber, (job.data as { events: EventEnvelope[] }).events)
            : this.registry.dispatch(subscriber, job.data as EventEnvelope),
        {
          connection: {
            url: this.config.REDIS_URL,
            maxRetriesPerRequest: null,
            connectionName: `lc-worker-${subscriber}`,
          },
          prefix: this.config.QUEUE_PREFIX,
          concurrency: this.registry.concurrencyOf(subscriber) ?? this.config.QUEUE_CONCURRENCY,
          lockDuration: this.config.QUEUE_LOCK_DURATION_MS,
          stalledInterval: this.config.QUEUE_STALLED_INTERVAL_MS,
          // A job interrupted by a crashed worker is never failed for it: it runs again (handlers are idempotent).
          maxStalledCount: Number.MAX_SAFE_INTEGER,
          autorun: true,
        },
      );
      worker.on('failed', (job, error) =>
        this.logger.warn(
          { err: error, jobId: job?.id, attemptsMade: job?.attemptsMade, subscriber },
          'event handler failed; it will be retried with backoff until attempts run out',
        ),
      );
      worker.on('error', (error) => this.logger.error({ err: error, subscriber }, 'queue worker error'));
      await worker.waitUntilReady();
      this.workers.push(worker);
    }
    this.logger.log({ subscribers: this.registry.subscribers() }, 'event consumers started');
  }

  async stop(): Promise<void> {
    // close() without force waits for the jobs in progress to finish.
    await Promise.all(this.workers.splice(0).map((worker) => worker.close()));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop();
  }
}
