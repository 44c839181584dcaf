import { Counter, Gauge, Histogram } from 'prom-client';
import { metricsRegistry } from '@lc/core';

export interface ScheduleMetrics {
  runs: Counter<'schedule'>;
  failures: Counter<'schedule'>;
  lastRun: Gauge<'schedule'>;
  lastSuccess: Gauge<'schedule'>;
  duration: Histogram<'schedule'>;
}

let metrics: ScheduleMetrics | null = null;

/**
 * Per schedule, for the runs this process made (Prometheus scrapes each worker replica; take the max of the
 * timestamps and the sum of the counters across them). Created on first use: only the worker runs schedules.
 */
export function scheduleMetrics(): ScheduleMetrics {
  metrics ??= {
    runs: new Counter({
      name: 'schedule_runs_total',
      help: 'Runs of each schedule on this worker (failed ones included)',
      labelNames: ['schedule'] as const,
      registers: [metricsRegistry],
    }),
    failures: new Counter({
      name: 'schedule_failures_total',
      help: 'Runs of each schedule on this worker that failed',
      labelNames: ['schedule'] as const,
      registers: [metricsRegistry],
    }),
    lastRun: new Gauge({
      name: 'schedule_last_run_timestamp_seconds',
      help: 'When the last run of each schedule on this worker started (Unix time)',
      labelNames: ['schedule'] as const,
      registers: [metricsRegistry],
    }),
    lastSuccess: new Gauge({
      name: 'schedule_last_success_timestamp_seconds',
      help: 'When the last successful run of each schedule on this worker ended (Unix time)',
      labelNames: ['schedule'] as const,
      registers: [metricsRegistry],
    }),
    duration: new Histogram({
      name: 'schedule_run_duration_seconds',
      help: 'How long each run of a schedule took on this worker',
      labelNames: ['schedule'] as const,
      buckets: [0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300],
      registers: [metricsRegistry],
    }),
  };
  return metrics;
}
