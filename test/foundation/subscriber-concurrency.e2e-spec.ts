import { Injectable } from '@nestjs/common';
import { Test, TestingModule } from '@nestjs/testing';
import { DataSource, EntityManager } from 'typeorm';
import { ConfigModule } from '@lc/core';
import { DatabaseModule } from '@lc/database';
import {
  defineEvent,
  defineSubscription,
  EventConsumer,
  EventEnvelope,
  EventProcessingModule,
  MessagingModule,
  OnEvent,
  OutboxRelay,
  OutboxService,
} from '@lc/messaging';
import { createTestEnvironment, eventually, TestEnvironment } from '../support/test-app';

const WORK_EVENT = defineEvent<{ n: number }>('test.work');
// `serial` takes turns (as the cockpit's batches do under its lock); `wide` runs at QUEUE_CONCURRENCY.
const SUBSCRIPTIONS = [
  defineSubscription('serial', [WORK_EVENT], { concurrency: 1 }),
  defineSubscription('wide', [WORK_EVENT]),
];

const handled = { serial: 0, wide: 0 };
const inFlight = { serial: 0, wide: 0 };
const most = { serial: 0, wide: 0 };

/** Each handler holds its job open a moment, long enough for others to start beside it if they may. */
@Injectable()
class Handlers {
  @OnEvent('serial', WORK_EVENT)
  async serial(_event: EventEnvelope, manager: EntityManager) {
    await this.work('serial', manager);
  }

  @OnEvent('wide', WORK_EVENT)
  async wide(_event: EventEnvelope, manager: EntityManager) {
    await this.work('wide', manager);
  }

  private async work(name: 'serial' | 'wide', manager: EntityManager) {
    inFlight[name]++;
    most[name] = Math.max(most[name], inFlight[name]);
    await manager.query(`SELECT pg_sleep(0.05)`);
    inFlight[name]--;
    handled[name]++;
  }
}

describe('A subscription that limits how many of its jobs run at once', () => {
  let environment: TestEnvironment;
  let worker: TestingModule;

  beforeAll(async () => {
    environment = await createTestEnvironment({ QUEUE_CONCURRENCY: '4', DATABASE_POOL_SIZE: '10' });
    worker = await Test.createTestingModule({
      imports: [
        ConfigModule.forRoot(environment.overrides),
        DatabaseModule.forRoot('lc-test-worker'),
        MessagingModule.forRoot({ events: [WORK_EVENT], subscriptions: SUBSCRIPTIONS }),
        EventProcessingModule.forRoot({}),
      ],
      providers: [Handlers],
    }).compile();
    worker.enableShutdownHooks();
    await worker.init();
    await worker.get(EventConsumer).start();
  });

  afterAll(async () => {
    await worker?.close();
    await environment?.drop();
  });

  it('runs its jobs one at a time while another subscriber of the same events runs several', async () => {
    const dataSource = worker.get(DataSource);
    const outbox = worker.get(OutboxService);
    await dataSource.transaction((manager) =>
      outbox.appendMany(
        manager,
        Array.from({ length: 24 }, (_, n) => ({ event: WORK_EVENT, payload: { n } as never })),
      ),
    );
    expect(await worker.get(OutboxRelay).drain()).toBe(24);
    await eventually(async () => (handled.serial === 24 && handled.wide === 24 ? true : undefined), 30_000);
    expect(most.serial).toBe(1);
    // The same queue setup runs the other subscriber's jobs side by side: the limit is the subscription's own.
    expect(most.wide).toBeGreaterThan(1);
  });

  it('refuses a limit that is not a whole number of at least 1', () => {
    expect(() => defineSubscription('nought', [WORK_EVENT], { concurrency: 0 })).toThrow(/concurrency/);
    expect(() => defineSubscription('half', [WORK_EVENT], { concurrency: 1.5 })).toThrow(/concurrency/);
  });
});
