import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleDestroy } from '@nestjs/common';
import { Job, Queue, Worker } from 'bullmq';
import { APP_CONFIG, AppConfig } from '@lc/core';
import { scheduleMetrics } from './schedule-metrics';
import { RegisteredSchedule, ScheduleRegistry } from './schedule-registry';

/** The one queue every schedule's ticks go through (under QUEUE_PREFIX, like the subscribers' queues). */
export const SCHEDULE_QUEUE = 'schedules';

/** A tick is not retried (the next tick is the retry); a few finished ticks stay for inspection. */
const TICK_OPTIONS = {
  attempts: 1,
  removeOnComplete: { count: 100 },
  removeOnFail: { age: 7 * 24 * 3600, count: 1000 },
};

interface TickData {
  atStart?: boolean;
}

/**
 * Runs the declared schedules once per tick across all worker replicas: one BullMQ job scheduler per schedule
 * (upserted at start, so replicas starting together share it; a scheduler no longer declared is removed) on one
 * queue, and one BullMQ worker per process taking the ticks. Started by the worker process only.
 */
@Injectable()
export class Scheduler implements OnModuleDestroy, OnApplicationShutdown {
  private readonly logger = new Logger(Scheduler.name);
  private queue: Queue<TickData> | null = null;
  private worker: Worker<TickData> | null = null;
  /** Schedules running in this process: a tick that arrives meanwhile is skipped, as the runners did. */
  private readonly running = new Set<string>();
  private readonly failureLoggedAt = new Map<string, number>();

  constructor(
    private readonly registry: ScheduleRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async start(): Promise<void> {
    if (this.worker) return;
    const schedules = this.registry.schedules();
    const connection = {
      url: this.config.REDIS_URL,
      maxRetriesPerRequest: null,
      connectionName: 'lc-worker-schedules',
    };
    this.queue = new Queue<TickData>(SCHEDULE_QUEUE, {
      connection,
      prefix: this.config.QUEUE_PREFIX,
      defaultJobOptions: TICK_OPTIONS,
    });
    const declared = new Set(schedules.map((schedule) => schedule.name));
    for (const schedule of schedules) {
      await this.queue.upsertJobScheduler(
        schedule.name,
        { every: schedule.everyMs },
        { name: schedule.name, data: {}, opts: TICK_OPTIONS },
      );
      scheduleMetrics().runs.inc({ schedule: schedule.name }, 0);
      scheduleMetrics().failures.inc({ schedule: schedule.name }, 0);
    }
    for (const existing of await this.queue.getJobSchedulers()) {
      if (declared.has(existing.key)) continue;
      await this.queue.removeJobScheduler(existing.key);
      this.logger.log(
        { schedule: existing.key },
        'schedule no longer declared: its job scheduler is removed',
      );
    }

    const worker = new Worker<TickData>(SCHEDULE_QUEUE, (job) => this.tick(job), {
      connection,
      prefix: this.config.QUEUE_PREFIX,
      concurrency: Math.max(1, schedules.length),
      lockDuration: this.config.QUEUE_LOCK_DURATION_MS,
      stalledInterval: this.config.QUEUE_STALLED_INTERVAL_MS,
      autorun: true,
    });
    worker.on('error', (error) => this.logger.error({ err: error }, 'schedule worker error'));
    await worker.waitUntilReady();
    this.worker = worker;

    for (const schedule of schedules) {
      if (!schedule.runAtStart) continue;
      await this.queue.add(
        schedule.name,
        { atStart: true },
        { jobId: `start@${schedule.name}@${randomUUID()}`, delay: schedule.runAtStart.afterMs },
      );
    }
    this.logger.log(
      { schedules: schedules.map(({ name, everyMs, everyFrom }) => ({ name, everyMs, everyFrom })) },
      'schedules started',
    );
  }

  /** Waits for the runs in progress, then closes. */
  async stop(): Promise<void> {
    const worker = this.worker;
    const queue = this.queue;
    this.worker = null;
    this.queue = null;
    await worker?.close();
    await queue?.close();
  }

  /** Stops at the first shutdown hook, before the connections a run uses are closed. */
  async onModuleDestroy(): Promise<void> {
    await this.stop();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  private async tick(job: Job<TickData>): Promise<'done' | 'skipped' | 'unknown'> {
    const schedule = this.registry.get(job.name);
    if (!schedule) {
      this.logger.warn(
        { schedule: job.name, jobId: job.id },
        'a tick of a schedule not declared here; ignored',
      );
      return 'unknown';
    }
    if (this.running.has(schedule.name)) {
      this.logger.debug(
        { schedule: schedule.name, jobId: job.id },
        'previous run still going here; tick skipped',
      );
      return 'skipped';
    }
    const metrics = scheduleMetrics();
    const labels = { schedule: schedule.name };
    const started = performance.now();
    this.running.add(schedule.name);
    metrics.lastRun.set(labels, Date.now() / 1000);
    try {
      await schedule.run({ schedule: schedule.name, id: job.id!, atStart: job.data?.atStart === true });
      metrics.lastSuccess.set(labels, Date.now() / 1000);
      return 'done';
    } catch (error) {
      metrics.failures.inc(labels);
      this.logFailure(schedule, error);
      throw error;
    } finally {
      this.running.delete(schedule.name);
      metrics.runs.inc(labels);
      metrics.duration.observe(labels, (performance.now() - started) / 1000);
    }
  }

  private logFailure(schedule: RegisteredSchedule, error: unknown): void {
    const now = Date.now();
    const last = this.failureLoggedAt.get(schedule.name);
    if (last !== undefined && now - last < schedule.failureLogEveryMs) return;
    this.failureLoggedAt.set(schedule.name, now);
    this.logger.error(
      { err: error, schedule: schedule.name, where: schedule.where },
      schedule.failureMessage,
    );
  }
}
