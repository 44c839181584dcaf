import { createServer } from 'node:net';
import { DynamicModule, Inject, INestApplicationContext, Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { Schedule, SCHEDULE_QUEUE, ScheduleTick } from '@lc/messaging';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { ConfigOverrides, createTestEnvironment, eventually, TestEnvironment } from '../support/test-app';
import { startTestWorker } from '../support/test-worker';

/** The schedules the platform declares today (each domain beside its code). */
const REAL_SCHEDULES = [
  'activities.certificates',
  'activities.complete-ended-events',
  'cockpit.rebuild',
  'cockpit.recent',
  'cockpit.school-directory',
  'community.mail',
  'identity.mail',
  'ledger.chain-hash',
  'ledger.hold-expiry',
  'ledger.reconciliation',
  'marketplace.redemption-expiry',
  'recognition.leaderboards-rebuild',
];
const WORKER_NAME = Symbol('WORKER_NAME');

/** Test schedules: one records each run it makes (the tick and which worker ran it), one always fails. */
@Injectable()
class TickProbe {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(WORKER_NAME) private readonly worker: string,
  ) {}

  @Schedule({ name: 'test.tick', every: 100 })
  async record(tick: ScheduleTick): Promise<void> {
    await this.dataSource.query(`INSERT INTO schedule_run (tick_id, worker) VALUES ($1, $2)`, [
      tick.id,
      this.worker,
    ]);
  }

  @Schedule({ name: 'test.failing', every: 100 })
  async fail(): Promise<void> {
    throw new Error('this schedule always fails');
  }
}

@Module({})
class ProbeModule {
  static forWorker(name: string): DynamicModule {
    return { module: ProbeModule, providers: [{ provide: WORKER_NAME, useValue: name }, TickProbe] };
  }
}

@Injectable()
class SecondTick {
  @Schedule({ name: 'test.tick', every: 1000 })
  async again(): Promise<void> {}
}

@Module({ providers: [SecondTick] })
class SecondTickModule {}

@Module({})
class ProbeWorkerModule {}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** `name{schedule="…"} value` from a Prometheus text page; undefined when the series is absent. */
function sample(page: string, name: string, schedule: string): number | undefined {
  const line = page.split('\n').find((l) => l.startsWith(`${name}{schedule="${schedule}"} `));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

/**
 * Periodic work is declared once (@Schedule) and runs once per tick across the worker replicas: two real workers
 * (the whole WorkerModule, each with its own BullMQ connections) share one job scheduler per schedule.
 */
describe('Schedules: declared once, run once per tick across worker replicas', () => {
  let environment: TestEnvironment;
  let owner: Client;
  let queue: Queue;
  let metricsPort: number;
  const workers: INestApplicationContext[] = [];

  const startProbeWorker = (name: string, overrides: ConfigOverrides = {}) =>
    NestFactory.createApplicationContext(
      {
        module: ProbeWorkerModule,
        imports: [
          WorkerModule.forRoot({ OUTBOX_POLL_MS: '50', ...environment.overrides, ...overrides }),
          ProbeModule.forWorker(name),
        ],
      },
      { logger: false },
    );
  const runs = async (): Promise<{ tick_id: string; worker: string }[]> =>
    (await owner.query(`SELECT tick_id, worker FROM schedule_run`)).rows;

  beforeAll(async () => {
    environment = await createTestEnvironment({
      // Short intervals, so that every real schedule runs during the suite.
      HOLD_EXPIRY_SWEEP_MS: '200',
      REDEMPTION_EXPIRY_SWEEP_MS: '200',
      MAIL_SWEEP_MS: '100',
      LEDGER_HASH_INTERVAL_MS: '50',
    });
    // The application role may not create tables: the test's own table is made by the database owner.
    owner = new Client({ connectionString: environment.databaseUrl });
    await owner.connect();
    await owner.query(`CREATE TABLE schedule_run (tick_id text NOT NULL, worker text NOT NULL)`);
    await owner.query(`GRANT SELECT, INSERT ON schedule_run TO lc_app`);
    queue = new Queue(SCHEDULE_QUEUE, {
      connection: { url: environment.redisUrl, maxRetriesPerRequest: null },
      prefix: environment.queuePrefix,
    });
    metricsPort = await freePort();
    workers.push(await startProbeWorker('a', { WORKER_METRICS_PORT: String(metricsPort) }));
    workers.push(await startProbeWorker('b'));
  }, 60_000);

  afterAll(async () => {
    await Promise.all(workers.map((worker) => worker.close()));
    await queue?.close();
    await owner?.end();
    await environment?.drop();
  });

  it("reports each schedule's runs, failures, last run and duration on the worker's /metrics", async () => {
    // Both workers run in this test process and so share its metrics registry: the page counts the runs of both.
    const page = await eventually(async () => {
      const text = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
      const ran = ['test.tick', ...REAL_SCHEDULES].every(
        (schedule) => (sample(text, 'schedule_runs_total', schedule) ?? 0) >= 1,
      );
      return ran && (sample(text, 'schedule_failures_total', 'test.failing') ?? 0) >= 1 ? text : undefined;
    }, 30_000);
    for (const schedule of ['test.tick', ...REAL_SCHEDULES]) {
      expect({ schedule, failures: sample(page, 'schedule_failures_total', schedule) }).toEqual({
        schedule,
        failures: 0,
      });
      expect(sample(page, 'schedule_last_run_timestamp_seconds', schedule)).toBeGreaterThan(0);
      expect(sample(page, 'schedule_run_duration_seconds_count', schedule)).toBeGreaterThanOrEqual(1);
    }
    expect(sample(page, 'schedule_last_success_timestamp_seconds', 'test.tick')).toBeGreaterThan(0);
    // A failing schedule is counted, and has never succeeded.
    expect(sample(page, 'schedule_failures_total', 'test.failing')).toBe(
      sample(page, 'schedule_runs_total', 'test.failing'),
    );
    expect(sample(page, 'schedule_last_success_timestamp_seconds', 'test.failing')).toBeUndefined();
  });

  it('runs each tick once, on one of the two workers, never on both', async () => {
    await eventually(async () => ((await runs()).length >= 20 ? true : undefined), 30_000);
    // Both workers stop (each waits for its run in progress): what is recorded is final.
    await Promise.all(workers.splice(0).map((worker) => worker.close()));
    const recorded = await runs();
    const ticks = new Set(recorded.map((run) => run.tick_id));
    expect(recorded.length).toBeGreaterThanOrEqual(20);
    expect(ticks.size).toBe(recorded.length);
    // One job scheduler for the two workers, and no run that it did not produce.
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers.map((scheduler) => scheduler.key).sort()).toEqual(
      [...REAL_SCHEDULES, 'test.failing', 'test.tick'].sort(),
    );
    const tick = schedulers.find((scheduler) => scheduler.key === 'test.tick')!;
    expect(tick.every).toBe(100);
    expect(recorded.length).toBeLessThanOrEqual(tick.iterationCount!);
  });

  it('removes the job scheduler of a schedule no longer declared when a worker starts', async () => {
    const worker = await startTestWorker(environment);
    try {
      const schedulers = await queue.getJobSchedulers();
      expect(schedulers.map((scheduler) => scheduler.key).sort()).toEqual(REAL_SCHEDULES);
    } finally {
      await worker.close();
    }
  });

  it('refuses to start a worker where a schedule name is declared twice', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [WorkerModule.forRoot(environment.overrides), ProbeModule.forWorker('c'), SecondTickModule],
    }).compile();
    moduleRef.useLogger(false);
    try {
      await expect(moduleRef.init()).rejects.toThrow(
        'test.tick: declared twice (TickProbe.record and SecondTick.again)',
      );
    } finally {
      await moduleRef.close();
    }
  });
});
