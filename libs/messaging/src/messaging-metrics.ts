import { Injectable, OnModuleInit } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { DataSource } from 'typeorm';
import { metricsRegistry } from '@lc/core';
import { QueueRegistry } from './queue-registry';

const JOB_STATES = ['waiting', 'active', 'delayed', 'failed'] as const;

/** Queue depths per subscriber and state, and the outbox backlog and its age, read when scraped. */
@Injectable()
export class MessagingMetrics implements OnModuleInit {
  constructor(
    private readonly queues: QueueRegistry,
    private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    if (metricsRegistry.getSingleMetric('queue_jobs')) return;
    const queues = this.queues;
    const dataSource = this.dataSource;
    new Gauge({
      name: 'queue_jobs',
      help: 'Jobs in each subscriber queue by state',
      labelNames: ['queue', 'state'] as const,
      registers: [metricsRegistry],
      async collect() {
        this.reset();
        await Promise.all(
          queues.subscribers().map(async (subscriber) => {
            const counts = await queues
              .queueFor(subscriber)
              .getJobCounts(...JOB_STATES)
              .catch(() => null);
            if (!counts) return;
            for (const state of JOB_STATES) this.set({ queue: subscriber, state }, counts[state] ?? 0);
          }),
        );
      },
    });
    const backlog = new Gauge({
      name: 'outbox_unrelayed_events',
      help: 'Committed outbox events not yet relayed to the queues',
      registers: [metricsRegistry],
    });
    new Gauge({
      name: 'outbox_lag_seconds',
      help: 'Age of the oldest committed outbox event not yet relayed (0 when none)',
      registers: [metricsRegistry],
      async collect() {
        const rows: { count: string; lag: number | null }[] = await dataSource
          .query(
            `SELECT count(*) AS count, extract(epoch FROM now() - min(occurred_at))::float8 AS lag
             FROM outbox_event WHERE relayed_at IS NULL`,
          )
          .catch(() => [{ count: '0', lag: null }]);
        backlog.set(Number(rows[0]?.count ?? 0));
        this.set(rows[0]?.lag ?? 0);
      },
    });
  }
}
