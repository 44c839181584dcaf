import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplicationContext } from '@nestjs/common';
import request from 'supertest';
import { startLocalRedis } from '../../scripts/local-services';
import { fullInnovation } from '../support/fixtures';
import { ApiProcess, startApiProcess } from '../support/api-process';
import { Given, GivenMember } from '../support/given';
import {
  createTestEnvironment,
  eventually,
  startTestApp,
  TestApp,
  TestEnvironment,
} from '../support/test-app';
import { startTestWorker } from '../support/test-worker';
import { Client, connect } from './realtime-client';

const ratingBody = { overall: 5, criteria: { clarity: 5, effect: 5, adoptability: 5, competencyFit: 5 } };

/**
 * Redis restarted under a live session, on a redis-server of this suite's own (the shared one is never touched):
 * connected clients are told to resync, and what happens afterwards reaches them again.
 */
describe('Realtime when Redis restarts', () => {
  let redisDir: string;
  let redis: { url: string; stop: () => Promise<void> };
  let environment: TestEnvironment;
  let setup: TestApp;
  let replica: ApiProcess;
  let worker: INestApplicationContext;
  let given: Given;
  let client: Client;

  const startRedis = () =>
    startLocalRedis({ dataDir: redisDir, preferredPort: 47_000 + Math.floor(Math.random() * 2000) });

  beforeAll(async () => {
    redisDir = await mkdtemp(join(tmpdir(), 'lc-test-redis-'));
    redis = await startRedis();
    environment = await createTestEnvironment({ REDIS_URL: redis.url });
    setup = await startTestApp(environment);
    given = new Given(setup);
    [replica, worker] = await Promise.all([
      startApiProcess(environment.overrides),
      startTestWorker(environment),
    ]);
  }, 90_000);

  afterAll(async () => {
    client?.close();
    await replica?.stop();
    await worker?.close();
    await setup?.close();
    await environment?.drop();
    await redis?.stop();
    await rm(redisDir, { recursive: true, force: true });
  });

  const publish = async (author: GivenMember, title: string) => {
    const draft = await request(replica.url)
      .post('/api/v1/innovations')
      .set(author.auth)
      .send(fullInnovation({ title }))
      .expect(201);
    await request(replica.url)
      .post(`/api/v1/innovations/${draft.body.id}/publish`)
      .set(author.auth)
      .expect(200);
    return draft.body.id as string;
  };

  it('asks connected clients to resync once Redis is back, then delivers again', async () => {
    const author = await given.member();
    client = await connect(replica.url, author.accessToken);
    const id = await publish(author, 'กิจกรรมเรียนรู้นอกห้องเรียน');
    await eventually(async () => (client.of('wallet.updated').length > 0 ? true : undefined));

    await redis.stop();
    redis = await startRedis(); // same directory, same port
    await eventually(async () => (client.of('resync').length > 0 ? true : undefined), 20_000);
    expect(client.of('resync')[0]!.payload).toEqual({ reason: 'redis-reconnected' });

    const rater = await given.member();
    await request(replica.url)
      .put(`/api/v1/innovations/${id}/rating`)
      .set(rater.auth)
      .send(ratingBody)
      .expect(200);
    await eventually(
      async () =>
        client.received.some(
          (r) => r.type === 'notification' && (r.payload.item as { type: string }).type === 'rating.received',
        )
          ? true
          : undefined,
      20_000,
    );
  }, 60_000);
});
