import { INestApplicationContext } from '@nestjs/common';
import { Client } from 'pg';
import { io, Socket } from 'socket.io-client';
import request from 'supertest';
import { COCKPIT_READ_APPLICATION } from '@lc/cockpit';
import { Given, GivenMember } from '../support/given';
import { createTestDatabase } from '../support/test-database';
import {
  createTestEnvironment,
  eventually,
  startTestApp,
  TestApp,
  TestEnvironment,
} from '../support/test-app';
import { startTestWorker } from '../support/test-worker';
import { CockpitReadDatabase } from './cockpit-internals';
import { cockpitCaughtUp, publish, rebuilder, rollupRows, summaryOf } from './cockpit-world';

/**
 * The cockpit while the platform lives: a publication shows in the school's, the area's and the nation's summary
 * within 5 seconds (polled, never timed), admins' tiles hear `cockpit.changed` for their scope, concurrent activity
 * and a rebuild in the middle are counted exactly once, and DATABASE_READ_URL sends the reads elsewhere.
 */
describe('Cockpit: live numbers, concurrency and the read replica', () => {
  let environment: TestEnvironment;
  let api: TestApp;
  let worker: INestApplicationContext;
  let given: Given;
  let areaA: string;
  let schoolId: string;
  let teacher: GivenMember;
  let obec: GivenMember;
  let areaAdmin: GivenMember;
  let otherAreaAdmin: GivenMember;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    environment = await createTestEnvironment({ COMMENT_LIMIT_PER_MINUTE: '100' });
    api = await startTestApp(environment);
    worker = await startTestWorker(environment);
    given = new Given(api);
    const school = await given.school('P81');
    const other = await given.school('S01');
    areaA = school.areaId;
    schoolId = school.id;
    teacher = await given.member({ schoolId });
    obec = await given.member({ roles: [{ role: 'obec_admin' }] });
    areaAdmin = await given.member({ roles: [{ role: 'area_admin', scopeId: areaA }] });
    otherAreaAdmin = await given.member({ roles: [{ role: 'area_admin', scopeId: other.areaId }] });
    await cockpitCaughtUp(api);
  }, 60_000);

  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await worker?.close();
    await api?.close();
    await environment?.drop();
  });

  function listen(member: GivenMember): Promise<{ received: { scopes: string[] }[] }> {
    const socket = io(`${api.url}/realtime`, {
      path: '/socket.io',
      transports: ['websocket'],
      auth: { token: member.accessToken },
      forceNew: true,
    });
    sockets.push(socket);
    const received: { scopes: string[] }[] = [];
    socket.on('cockpit.changed', (payload: { scopes: string[] }) => received.push(payload));
    return new Promise((resolve, reject) => {
      socket.once('connect', () => resolve({ received }));
      socket.once('connect_error', reject);
    });
  }

  it('shows a publication in the school, area and national summaries within 5 seconds, and tells their tiles', async () => {
    const nationTiles = await listen(obec);
    const areaTiles = await listen(areaAdmin);
    const otherTiles = await listen(otherAreaAdmin);
    const scopes = [
      { who: obec, scope: 'national' },
      { who: areaAdmin, scope: `area:${areaA}` },
      { who: areaAdmin, scope: `school:${schoolId}` },
    ];
    const before = await Promise.all(
      scopes.map(async ({ who, scope }) => (await summaryOf(api, who, scope)).innovations_published!.value!),
    );

    await publish(api, teacher);

    for (const [index, { who, scope }] of scopes.entries()) {
      await eventually(
        async () =>
          (await summaryOf(api, who, scope)).innovations_published!.value === before[index]! + 1
            ? true
            : undefined,
        5_000,
      );
    }
    await eventually(async () => (nationTiles.received.length > 0 ? true : undefined), 5_000);
    await eventually(async () => (areaTiles.received.length > 0 ? true : undefined), 5_000);
    expect(nationTiles.received.every((m) => m.scopes.join() === 'national')).toBe(true);
    expect(areaTiles.received.every((m) => m.scopes.join() === `area:${areaA}`)).toBe(true);
    // Another area's admin hears nothing of it.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(otherTiles.received).toEqual([]);
  });

  it('counts concurrent activity exactly once, with a rebuild running in the middle of it', async () => {
    const members = await Promise.all(Array.from({ length: 10 }, () => given.member({ schoolId })));
    const innovation = await publish(api, teacher, { title: 'นวัตกรรมสำหรับความคิดเห็นพร้อมกัน' });
    await cockpitCaughtUp(api);
    const before = await summaryOf(api, obec, 'national');

    const comments = members.flatMap((member) =>
      [1, 2].map(() =>
        request(api.url)
          .post(`/api/v1/innovations/${innovation}/comments`)
          .set(member.auth)
          .send({ body: 'ความคิดเห็นพร้อมกัน' })
          .expect(201),
      ),
    );
    const [outcome] = await Promise.all([rebuilder(api).run(), ...comments]);
    expect(outcome.dailyRows).toBeGreaterThan(0);
    await cockpitCaughtUp(api);

    const after = await summaryOf(api, obec, 'national');
    expect(after.comments!.value).toBe(before.comments!.value! + 20);
    expect(after.members_active_30d!.value).toBe(before.members_active_30d!.value! + 10);
    const incremental = await rollupRows(api);
    await rebuilder(api).run();
    expect(await rollupRows(api)).toEqual(incremental);
  });

  it('reads the rollups from DATABASE_READ_URL when it is set', async () => {
    // A "replica" that is another database with no activity in it: what the cockpit shows proves where it read.
    const replica = await createTestDatabase();
    const reader = await startTestApp(environment, { overrides: { DATABASE_READ_URL: replica.url } });
    try {
      const primary = await summaryOf(api, obec, 'national');
      expect(primary.members_registered!.value).toBeGreaterThan(0);
      const fromReplica = await summaryOf(reader, obec, 'national');
      expect(fromReplica.members_registered!.value).toBe(0);

      // As the server sees it: the cockpit's pool is connected to the replica, and what it ran there was a rollup read.
      const admin = new Client({ connectionString: environment.databaseUrl });
      await admin.connect();
      const connections: { datname: string; query: string }[] = await admin
        .query(
          `SELECT datname, query FROM pg_stat_activity WHERE application_name = $1 AND datname = ANY($2)`,
          [COCKPIT_READ_APPLICATION, [replica.name, new URL(environment.databaseUrl).pathname.slice(1)]],
        )
        .then((result) => result.rows)
        .finally(() => admin.end());
      expect(connections.length).toBeGreaterThan(0);
      expect(connections.every((c) => c.datname === replica.name)).toBe(true);
      expect(connections.some((c) => /cockpit_(daily|monthly|state|school)/.test(c.query))).toBe(true);
      // Its sessions are read-only: nothing is ever written through it.
      await expect(
        reader.app.get(CockpitReadDatabase).query(`UPDATE cockpit_state SET updated_at = now()`),
      ).rejects.toThrow(/read-only/);
    } finally {
      await reader.close();
      await replica.drop();
    }
  });
});
