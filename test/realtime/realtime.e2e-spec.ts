import { INestApplicationContext } from '@nestjs/common';
import IORedis from 'ioredis';
import request from 'supertest';
import { fullInnovation } from '../support/fixtures';
import { ApiProcess, startApiProcess } from '../support/api-process';
import { Given, GivenMember, GivenSchool } from '../support/given';
import {
  createTestEnvironment,
  eventually,
  startTestApp,
  TestApp,
  TestEnvironment,
} from '../support/test-app';
import { startTestWorker } from '../support/test-worker';
import { Client, connect, refusal } from './realtime-client';

const ratingBody = { overall: 5, criteria: { clarity: 5, effect: 5, adoptability: 5, competencyFit: 5 } };

/** Two api replicas (separate processes) and one worker, sharing PostgreSQL and Redis. */
describe('Realtime across api replicas', () => {
  let environment: TestEnvironment;
  let setup: TestApp;
  let replicas: ApiProcess[] = [];
  let worker: INestApplicationContext;
  let given: Given;
  let schoolX: GivenSchool;
  let schoolY: GivenSchool;
  const clients: Client[] = [];

  beforeAll(async () => {
    environment = await createTestEnvironment();
    setup = await startTestApp(environment);
    given = new Given(setup);
    [replicas, worker] = await Promise.all([
      Promise.all([startApiProcess(environment.overrides), startApiProcess(environment.overrides)]),
      startTestWorker(environment),
    ]);
    schoolX = await given.school('P81', 'โรงเรียนเขต X');
    schoolY = await given.school('P10', 'โรงเรียนเขต Y');
  }, 90_000);

  afterAll(async () => {
    for (const client of clients) client.close();
    await Promise.all(replicas.map((replica) => replica.stop()));
    await worker?.close();
    await setup?.close();
    await environment?.drop();
  });

  const [one, two] = [0, 1].map((i) => () => replicas[i]!.url);
  const open = async (url: string, member: GivenMember) => {
    const client = await connect(url, member.accessToken);
    clients.push(client);
    return client;
  };
  const publish = async (author: GivenMember, title: string) => {
    const draft = await request(two())
      .post('/api/v1/innovations')
      .set(author.auth)
      .send(fullInnovation({ title }))
      .expect(201);
    await request(two()).post(`/api/v1/innovations/${draft.body.id}/publish`).set(author.auth).expect(200);
    return draft.body.id as string;
  };
  const wallet = async (member: GivenMember) =>
    (await request(two()).get('/api/v1/me/wallet').set(member.auth).expect(200)).body as {
      balance: number;
      spendable: number;
    };

  it('refuses a client without a valid token, with a stable code in Thai and English', async () => {
    expect(await refusal(one(), undefined)).toMatchObject({
      code: 'UNAUTHENTICATED',
      th: expect.any(String),
    });
    expect(await refusal(one(), 'not-a-token')).toMatchObject({
      code: 'AUTH_TOKEN_INVALID',
      en: expect.any(String),
    });
    const member = await given.member();
    await request(one())
      .post('/api/v1/auth/logout')
      .set(member.auth)
      .send({ refreshToken: member.refreshToken });
    expect(await refusal(two(), member.accessToken)).toMatchObject({ code: 'AUTH_SESSION_ENDED' });
  });

  it('delivers notification and wallet.updated to a client on api #1 when its work is rated through api #2', async () => {
    const author = await given.member({ schoolId: schoolX.id });
    const id = await publish(author, 'โครงงานวิทยาศาสตร์จากขยะพลาสติก');
    // Points for publishing arrive first; wait until they are in, so the wallet push below is the rating's.
    await eventually(async () => ((await wallet(author)).balance > 0 ? true : undefined));
    const client = await open(one(), author);
    for (const rater of await Promise.all([given.member(), given.member()])) {
      const before = client.received.length;
      const balanceBefore = (await wallet(author)).balance;
      await request(two())
        .put(`/api/v1/innovations/${id}/rating`)
        .set(rater.auth)
        .send(ratingBody)
        .expect(200);
      const notification = await eventually(async () =>
        client.received
          .slice(before)
          .find(
            (r) =>
              r.type === 'notification' && (r.payload.item as { type: string }).type === 'rating.received',
          ),
      );
      const walletUpdate = await eventually(async () =>
        client.received
          .slice(before)
          .find((r) => r.type === 'wallet.updated' && (r.payload.balance as number) > balanceBefore),
      );
      expect(notification.payload.unread).toEqual(expect.any(Number));
      expect(walletUpdate.payload).toEqual(
        await wallet(author).then((w) => ({ balance: w.balance, spendable: w.spendable })),
      );
    }
    // One notification per rating reached the client (the speed is bench:realtime's to print, never asserted here).
    const ratingNotifications = client.received.filter(
      (r) => r.type === 'notification' && (r.payload.item as { type: string }).type === 'rating.received',
    );
    expect(ratingNotifications).toHaveLength(2);
  });

  it("never gives member A member B's private messages, on either replica", async () => {
    const a = await given.member();
    const b = await given.member();
    const clientA1 = await open(one(), a);
    const clientA2 = await open(two(), a);
    const clientB = await open(two(), b);
    const id = await publish(b, 'สื่อการสอนของครูบี');
    const rater = await given.member();
    await request(one()).put(`/api/v1/innovations/${id}/rating`).set(rater.auth).send(ratingBody).expect(200);
    await eventually(async () =>
      clientB.of('notification').length > 0 && clientB.of('wallet.updated').length > 0 ? true : undefined,
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (const client of [clientA1, clientA2]) {
      expect(client.of('notification')).toHaveLength(0);
      expect(client.of('wallet.updated')).toHaveLength(0);
      expect(
        client.received.filter((r) => r.type === 'feed.item' && (r.payload.scope as string) === 'mine'),
      ).toHaveLength(0);
    }
  });

  it("delivers an area announcement only to that area's members, whichever replica they are on", async () => {
    const inX1 = await given.member({ schoolId: schoolX.id });
    const inX2 = await given.member({ schoolId: schoolX.id });
    const inY = await given.member({ schoolId: schoolY.id });
    const obec = await given.member({ roles: [{ role: 'obec_admin' }] });
    const [x1, x2, y] = [await open(one(), inX1), await open(two(), inX2), await open(one(), inY)];
    await request(two())
      .post('/api/v1/admin/announcements')
      .set(obec.auth)
      .send({ title: 'ประชุมครูเขต X', body: 'วันศุกร์นี้', scope: 'area', areaId: schoolX.areaId })
      .expect(201);
    const announced = (client: Client) =>
      client
        .of('feed.item')
        .find((r) => (r.payload.item as { kind: string; title: { th: string } }).title.th === 'ประชุมครูเขต X');
    await eventually(async () => (announced(x1) && announced(x2) ? true : undefined));
    expect(announced(x1)!.payload.scope).toBe('area');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(announced(y)).toBeUndefined();
  });

  it('replays what a client missed while disconnected, and asks for a resync when it cannot', async () => {
    const member = await given.member();
    const client = await open(one(), member);
    const id = await publish(member, 'บทเรียนออนไลน์เรื่องพลังงาน');
    await eventually(async () => (client.of('wallet.updated').length > 0 ? true : undefined));
    const inbox = async () =>
      (await request(two()).get('/api/v1/notifications').set(member.auth).expect(200)).body as {
        items: { type: string }[];
      };
    // The transport drops (a network blip) and stays down while the member's work is rated.
    client.socket.io.reconnection(false);
    client.socket.io.engine.close();
    await eventually(async () => (client.socket.connected ? undefined : true));
    const rater = await given.member();
    await request(two()).put(`/api/v1/innovations/${id}/rating`).set(rater.auth).send(ratingBody).expect(200);
    await eventually(async () =>
      (await inbox()).items.some((n) => n.type === 'rating.received') ? true : undefined,
    );
    const missed = () =>
      client.received.some(
        (r) => r.type === 'notification' && (r.payload.item as { type: string }).type === 'rating.received',
      );
    expect(missed()).toBe(false);
    // Back, through the other replica, with the session it had (what socket.io-client sends on reconnecting):
    // what was missed is replayed, no resync needed.
    const { _pid: pid, _lastOffset: offset } = client.socket as unknown as {
      _pid: string;
      _lastOffset: string;
    };
    const back = await connect(two(), member.accessToken, { pid, offset });
    clients.push(back);
    const replayed = () =>
      back.received.some(
        (r) => r.type === 'notification' && (r.payload.item as { type: string }).type === 'rating.received',
      );
    await eventually(async () => (replayed() ? true : undefined));
    // Restored by the server (a failed restore would have sent resync).
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(back.of('resync')).toHaveLength(0);
    expect(missed()).toBe(false);

    // When the session cannot be restored (here: its record is gone), the client is told to refetch.
    const redis = new IORedis(environment.redisUrl);
    const sessionKeys = () => redis.keys(`${environment.queuePrefix}:realtime:session:*`);
    back.socket.io.reconnection(false);
    back.socket.io.engine.close();
    await eventually(async () => ((await sessionKeys()).length > 0 ? true : undefined));
    await redis.del(...(await sessionKeys()));
    redis.disconnect();
    back.socket.connect();
    await eventually(async () => (back.of('resync').length > 0 ? true : undefined));
    expect(back.of('resync')[0]!.payload).toEqual({ reason: 'recovery-failed' });
    expect(back.socket.connected).toBe(true);
  });
});
