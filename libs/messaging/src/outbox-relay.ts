import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleDestroy } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Client } from 'pg';
import { APP_CONFIG, AppConfig } from '@lc/core';
import type { EventEnvelope } from './event-definition';
import { QueueRegistry } from './queue-registry';
import { BATCH_JOB_NAME, relayBatchJobId, relayJobId } from './queue-names';

interface OutboxRow {
  id: string;
  seq: string;
  type: string;
  version: number;
  payload: unknown;
  occurred_at: Date;
}

/** Fault injection for tests: called after the jobs are in Redis and before the rows are marked relayed. */
export const RELAY_FAULTS = Symbol('RELAY_FAULTS');
export interface RelayFaults {
  afterEnqueue?: (eventIds: string[]) => Promise<void>;
}

/**
 * Moves committed outbox rows to the subscribers' queues, in seq order, and marks them relayed.
 * If it dies between enqueue and mark, the rows are relayed again: the job id deduplicates while the
 * job is still in Redis, and subscribers are idempotent by a database key for the rest.
 */
@Injectable()
export class OutboxRelay implements OnModuleDestroy, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private running = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private listener: Client | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly queues: QueueRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(RELAY_FAULTS) private readonly faults: RelayFaults,
  ) {}

  /** Relays one batch; returns how many events it moved. */
  async relayBatch(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const rows: OutboxRow[] = await manager.query(
        `SELECT id, seq, type, version, payload, occurred_at FROM outbox_event
         WHERE relayed_at IS NULL ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [this.config.OUTBOX_BATCH_SIZE],
      );
      if (rows.length === 0) return 0;
      type RelayJob = {
        name: string;
        data: EventEnvelope | { events: EventEnvelope[] };
        opts: { jobId: string };
      };
      const bySubscriber = new Map<string, RelayJob[]>();
      const batches = new Map<string, EventEnvelope[]>();
      for (const row of rows) {
        const envelope: EventEnvelope = {
          id: row.id,
          type: row.type,
          version: row.version,
          occurredAt: row.occurred_at.toISOString(),
          payload: row.payload,
        };
        for (const subscriber of this.queues.subscribersOf(row.type)) {
          if (this.queues.isBatched(subscriber)) {
            batches.set(subscriber, [...(batches.get(subscriber) ?? []), envelope]);
            continue;
          }
          const jobs = bySubscriber.get(subscriber) ?? [];
          jobs.push({ name: row.type, data: envelope, opts: { jobId: relayJobId(row.id, subscriber) } });
          bySubscriber.set(subscriber, jobs);
        }
      }
      for (const [subscriber, events] of batches) {
        bySubscriber.set(subscriber, [
          {
            name: BATCH_JOB_NAME,
            data: { events },
            opts: { jobId: relayBatchJobId(events[0]!.id, events.length, subscriber) },
          },
        ]);
      }
      await Promise.all(
        [...bySubscriber.entries()].map(([subscriber, jobs]) =>
          this.queues.queueFor(subscriber).addBulk(jobs),
        ),
      );
      const ids = rows.map((row) => row.id);
      await this.faults.afterEnqueue?.(ids);
      await manager.query(`UPDATE outbox_event SET relayed_at = now() WHERE id = ANY($1::uuid[])`, [ids]);
      return rows.length;
    });
  }

  /** Drains until the outbox is empty. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const moved = await this.relayBatch();
      total += moved;
      if (moved < this.config.OUTBOX_BATCH_SIZE) return total;
    }
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    await this.listen();
    this.loop = this.run();
  }

  private async listen(): Promise<void> {
    try {
      const options = this.dataSource.options as { url?: string };
      const client = new Client({ connectionString: options.url, application_name: 'lc-outbox-listener' });
      client.on('error', (error) => {
        this.logger.warn({ err: error }, 'outbox listener lost; polling until it is back');
        this.listener = null;
      });
      client.on('notification', () => this.wake?.());
      await client.connect();
      await client.query('LISTEN outbox_event');
      this.listener = client;
    } catch (error) {
      this.logger.warn({ err: error }, 'outbox listener unavailable; polling');
      this.listener = null;
    }
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      try {
        const moved = await this.drain();
        if (moved > 0) this.logger.debug({ moved }, 'relayed outbox events');
        failures = 0;
        if (!this.listener && this.running) await this.listen();
        await this.sleep(this.config.OUTBOX_POLL_MS);
      } catch (error) {
        failures++;
        this.logger.error({ err: error, failures }, 'outbox relay failed; retrying');
        await this.sleep(Math.min(100 * 2 ** failures, 5000));
      }
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop?.catch(() => undefined);
    this.loop = null;
    await this.listener?.end().catch(() => undefined);
    this.listener = null;
  }

  /** Stops at the first shutdown hook, before the queues it enqueues to are closed. */
  async onModuleDestroy(): Promise<void> {
    await this.stop();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop();
  }
}
