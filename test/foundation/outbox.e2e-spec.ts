import { Injectable } from '@nestjs/common';
import { Test, TestingModule } from '@nestjs/testing';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import { ConfigModule } from '@lc/core';
import { DatabaseModule } from '@lc/database';
import {
  defineEvent,
  defineSubscription,
  EventConsumer,
  EventEnvelope,
  EventProcessingModule,
  HandlerRegistrationError,
  MessagingModule,
  OnEvent,
  OutboxRelay,
  OutboxService,
  RelayFaults,
  subscriberQueueName,
} from '@lc/messaging';
import { ConfigOverrides, createTestEnvironment, eventually, TestEnvironment } from '../support/test-app';

type Mode = 'ok' | 'flaky' | 'fail' | 'slow' | 'after' | 'after-fails';
const TEST_EVENT = defineEvent<{ mode: Mode }>('test.happened');
const SUBSCRIPTIONS = [defineSubscription('alpha', [TEST_EVENT]), defineSubscription('beta', [TEST_EVENT])];

const attempts = new Map<string, number>();
/** What each handler's after-commit work saw of its own effect from another connection. */
const seenAfterCommit = new Map<string, number>();

/** Two subscribers whose effect is a row per (subscriber, event): the row count is what a user would see. */
@Injectable()
class RecordingHandlers {
  constructor(private readonly dataSource: DataSource) {}

  @OnEvent('alpha', TEST_EVENT)
  async alpha(event: EventEnvelope, manager: EntityManager) {
    return this.record('alpha', event, manager);
  }

  @OnEvent('beta', TEST_EVENT)
  async beta(event: EventEnvelope, manager: EntityManager) {
    return this.record('beta', event, manager);
  }

  private async record(subscriber: string, event: EventEnvelope, manager: EntityManager) {
    const mode = (event.payload as { mode: Mode }).mode;
    const key = `${subscriber}:${event.id}`;
    attempts.set(key, (attempts.get(key) ?? 0) + 1);
    // The effect is written first, so a failure after it proves the rollback takes it back too.
    await manager.query(`INSERT INTO test_effect (subscriber, event_id) VALUES ($1, $2)`, [
      subscriber,
      event.id,
    ]);
    if (mode === 'fail') throw new Error('handler always fails');
    if (mode === 'flaky' && attempts.get(key)! < 3) throw new Error('handler fails twice');
    if (mode === 'slow') await new Promise((resolve) => setTimeout(resolve, 400));
    if (mode !== 'after' && mode !== 'after-fails') return undefined;
    return async () => {
      const [{ count }] = await this.dataSource.query(
        `SELECT count(*)::int AS count FROM test_effect WHERE subscriber = $1 AND event_id = $2`,
        [subscriber, event.id],
      );
      seenAfterCommit.set(key, count);
      if (mode === 'after-fails') throw new Error('pushing to clients failed');
    };
  }
}

@Injectable()
class DuplicateAlphaHandler {
  @OnEvent('alpha', TEST_EVENT)
  async again(): Promise<void> {}
}

function workerModule(
  overrides: ConfigOverrides,
  faults: RelayFaults,
  providers: unknown[],
): Promise<TestingModule> {
  return Test.createTestingModule({
    imports: [
      ConfigModule.forRoot(overrides),
      DatabaseModule.forRoot('lc-test-worker'),
      MessagingModule.forRoot({ events: [TEST_EVENT], subscriptions: SUBSCRIPTIONS }),
      EventProcessingModule.forRoot(faults),
    ],
    providers: providers as never[],
  }).compile();
}

describe('Transactional outbox and subscribers', () => {
  let environment: TestEnvironment;
  let worker: TestingModule;
  let dataSource: DataSource;
  let outbox: OutboxService;
  let relay: OutboxRelay;
  const faults: RelayFaults = {};

  const effects = async (eventIds: string[]): Promise<Record<string, number>> => {
    const rows: { subscriber: string; count: string }[] = await dataSource.query(
      `SELECT subscriber, count(*) AS count FROM test_effect WHERE event_id = ANY($1::uuid[]) GROUP BY subscriber`,
      [eventIds],
    );
    return Object.fromEntries(rows.map((row) => [row.subscriber, Number(row.count)]));
  };

  const publish = (count: number, mode: Mode = 'ok'): Promise<string[]> =>
    dataSource.transaction(async (manager) => {
      const events = Array.from({ length: count }, () => ({ event: TEST_EVENT, payload: { mode } as never }));
      return (await outbox.appendMany(manager, events)).map((event) => event.id);
    });

  const queue = (subscriber: string) =>
    new Queue(subscriberQueueName(subscriber), {
      connection: { url: environment.redisUrl },
      prefix: environment.queuePrefix,
    });

  beforeAll(async () => {
    environment = await createTestEnvironment({
      JOB_ATTEMPTS: '3',
      JOB_BACKOFF_MS: '20',
      QUEUE_CONCURRENCY: '4',
    });
    worker = await workerModule(environment.overrides, faults, [RecordingHandlers]);
    worker.enableShutdownHooks();
    await worker.init();
    dataSource = worker.get(DataSource);
    outbox = worker.get(OutboxService);
    relay = worker.get(OutboxRelay);
    // The application role may not create tables: the test's own table is made by the database owner.
    const owner = new Client({ connectionString: environment.databaseUrl });
    await owner.connect();
    await owner.query(`CREATE TABLE test_effect (subscriber text NOT NULL, event_id uuid NOT NULL)`);
    await owner.query(`GRANT SELECT, INSERT ON test_effect TO lc_app`);
    await owner.end();
    await worker.get(EventConsumer).start();
  });

  afterAll(async () => {
    await worker?.close();
    await environment?.drop();
  });

  it('never delivers an event whose transaction rolled back', async () => {
    await expect(
      dataSource.transaction(async (manager) => {
        await outbox.append(manager, TEST_EVENT, { mode: 'ok' } as never);
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await relay.drain()).toBe(0);
    const [{ count }] = await dataSource.query(`SELECT count(*)::int AS count FROM outbox_event`);
    expect(count).toBe(0);
    const alpha = queue('alpha');
    expect(await alpha.getJobCountByTypes('waiting', 'active', 'completed', 'failed', 'delayed')).toBe(0);
    await alpha.close();
  });

  it('refuses to append outside a transaction', async () => {
    await expect(outbox.append(dataSource.manager, TEST_EVENT, { mode: 'ok' } as never)).rejects.toThrow(
      /inside a transaction/,
    );
  });

  it('applies a committed event exactly once for each subscriber, even when a job is delivered again', async () => {
    const ids = await publish(25);
    expect(await relay.drain()).toBe(25);
    await eventually(async () => {
      const counts = await effects(ids);
      return counts.alpha === 25 && counts.beta === 25 ? counts : undefined;
    });
    const [{ unrelayed }] = await dataSource.query(
      `SELECT count(*)::int AS unrelayed FROM outbox_event WHERE relayed_at IS NULL AND id = ANY($1::uuid[])`,
      [ids],
    );
    expect(unrelayed).toBe(0);

    // BullMQ is at-least-once: deliver the same events again under other job ids.
    const alpha = queue('alpha');
    const envelope = await (await alpha.getJob(`${ids[0]}@alpha`))!.data;
    await alpha.add(TEST_EVENT.type, envelope, { jobId: `${ids[0]}@alpha-redelivered` });
    await eventually(async () =>
      (await alpha.getJobState(`${ids[0]}@alpha-redelivered`)) === 'completed' ? true : undefined,
    );
    await alpha.close();
    expect(await effects(ids)).toEqual({ alpha: 25, beta: 25 });
  });

  it('loses and doubles nothing when the relay dies between enqueue and mark', async () => {
    let crashes = 0;
    faults.afterEnqueue = async () => {
      crashes++;
      faults.afterEnqueue = undefined;
      throw new Error('relay killed after enqueue, before marking');
    };
    const ids = await publish(10);
    await expect(relay.drain()).rejects.toThrow('relay killed');
    expect(crashes).toBe(1);
    const [{ unrelayed }] = await dataSource.query(
      `SELECT count(*)::int AS unrelayed FROM outbox_event WHERE relayed_at IS NULL AND id = ANY($1::uuid[])`,
      [ids],
    );
    expect(unrelayed).toBe(10);

    // The jobs got out before the crash and were processed; remove them, so the job-id check cannot help.
    await eventually(async () => {
      const counts = await effects(ids);
      return counts.alpha === 10 && counts.beta === 10 ? true : undefined;
    });
    for (const name of ['alpha', 'beta']) {
      const q = queue(name);
      await q.clean(0, 10_000, 'completed');
      await q.close();
    }

    // The relay comes back and sends the same rows again; the subscribers' database keys absorb them.
    expect(await relay.drain()).toBe(10);
    await eventually(async () => {
      const q = queue('beta');
      const done = await q.getJobState(`${ids[9]}@beta`);
      await q.close();
      return done === 'completed' ? true : undefined;
    });
    expect(await effects(ids)).toEqual({ alpha: 10, beta: 10 });
    const [{ processed }] = await dataSource.query(
      `SELECT count(*)::int AS processed FROM processed_event WHERE event_id = ANY($1::uuid[])`,
      [ids],
    );
    expect(processed).toBe(20);
  });

  it('retries a failing handler with backoff until it succeeds, applying it once', async () => {
    const [id] = await publish(1, 'flaky');
    await relay.drain();
    await eventually(async () => {
      const counts = await effects([id!]);
      return counts.alpha === 1 && counts.beta === 1 ? true : undefined;
    });
    expect(attempts.get(`alpha:${id}`)).toBe(3);
  });

  it('runs after-commit work once the effect is committed; its failure neither retries nor undoes the event', async () => {
    const [ok] = await publish(1, 'after');
    const [failing] = await publish(1, 'after-fails');
    expect(await relay.drain()).toBe(2);
    await eventually(async () =>
      seenAfterCommit.has(`alpha:${ok}`) && seenAfterCommit.has(`beta:${failing}`) ? true : undefined,
    );
    expect(seenAfterCommit.get(`alpha:${ok}`)).toBe(1);
    expect(seenAfterCommit.get(`beta:${failing}`)).toBe(1);
    // Seen from another connection: the work ran after COMMIT, not inside the transaction.
    expect(await effects([ok!])).toEqual({ alpha: 1, beta: 1 });
    expect(await effects([failing!])).toEqual({ alpha: 1, beta: 1 });
    expect(attempts.get(`alpha:${failing}`)).toBe(1);
  });

  it('keeps a job that failed every attempt for inspection, with nothing applied', async () => {
    const [id] = await publish(1, 'fail');
    await relay.drain();
    const alpha = queue('alpha');
    const failed = await eventually(async () => {
      const job = await alpha.getJob(`${id}@alpha`);
      // Read again once failed: the first read may predate the last attempt (its state is asked separately).
      return job && (await job.isFailed()) ? alpha.getJob(`${id}@alpha`) : undefined;
    });
    expect(failed.attemptsMade).toBe(3);
    expect(failed.failedReason).toBe('handler always fails');
    await alpha.close();
    expect(await effects([id!])).toEqual({});
  });

  it('finishes in-flight jobs before the worker closes', async () => {
    const [id] = await publish(1, 'slow');
    await relay.drain();
    const alpha = queue('alpha');
    await eventually(
      async () => ((await alpha.getJobState(`${id}@alpha`)) === 'active' ? true : undefined),
      5000,
      10,
    );
    await alpha.close();
    await worker.get(EventConsumer).stop();
    expect(await effects([id!])).toMatchObject({ alpha: 1 });
  });
});

describe('Worker start-up checks', () => {
  let environment: TestEnvironment;

  beforeAll(async () => {
    environment = await createTestEnvironment();
  });

  afterAll(async () => {
    await environment?.drop();
  });

  it('refuses to start when a subscribed event has no handler', async () => {
    const module = await workerModule(environment.overrides, {}, []);
    await expect(module.init()).rejects.toThrow(HandlerRegistrationError);
    await expect(module.init()).rejects.toThrow(/alpha ← test\.happened: no handler/);
    await module.close().catch(() => undefined);
  });

  it('refuses to start when an event has two handlers in one subscriber', async () => {
    const module = await workerModule(environment.overrides, {}, [RecordingHandlers, DuplicateAlphaHandler]);
    await expect(module.init()).rejects.toThrow(/alpha ← test\.happened: more than one handler/);
    await module.close().catch(() => undefined);
  });
});
