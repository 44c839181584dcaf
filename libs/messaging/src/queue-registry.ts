import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { Queue } from 'bullmq';
import type IORedis from 'ioredis';
import { APP_CONFIG, AppConfig } from '@lc/core';
import { EventCatalogue } from './event-catalogue.service';
import { subscriberQueueName } from './queue-names';
import { createRedis } from './redis-connection';

/** Producer-side BullMQ queues, one per subscriber, sharing one Redis connection. */
@Injectable()
export class QueueRegistry implements OnModuleDestroy {
  private readonly queues = new Map<string, Queue>();
  private connection: IORedis | null = null;
  private closed = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly catalogue: EventCatalogue,
  ) {}

  subscribers(): string[] {
    return this.catalogue.subscribers();
  }

  subscribersOf(eventType: string): string[] {
    return this.catalogue.subscribersOf(eventType);
  }

  isBatched(subscriber: string): boolean {
    return this.catalogue.isBatched(subscriber);
  }

  queueFor(subscriber: string): Queue {
    let queue = this.queues.get(subscriber);
    if (!queue) {
      // After shutdown began no connection is opened again: one made then would never be closed and would keep the
      // process alive (the relay could still be finishing a batch).
      if (this.closed) throw new Error('The queue registry is closed: the process is shutting down');
      this.connection ??= createRedis(this.config.REDIS_URL, 'producer', 'lc-queues');
      queue = new Queue(subscriberQueueName(subscriber), {
        connection: this.connection,
        prefix: this.config.QUEUE_PREFIX,
        defaultJobOptions: {
          attempts: this.config.JOB_ATTEMPTS,
          backoff: { type: 'exponential', delay: this.config.JOB_BACKOFF_MS },
          removeOnComplete: { age: 24 * 3600, count: 100_000 },
          // Failed jobs stay for inspection (two weeks), then go.
          removeOnFail: { age: 14 * 24 * 3600 },
        },
      });
      this.queues.set(subscriber, queue);
    }
    return queue;
  }

  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.queues.values()].map((queue) => queue.close().catch(() => undefined)));
    this.queues.clear();
    if (this.connection) {
      this.connection.disconnect();
      this.connection = null;
    }
  }
}
