import { INestApplicationContext } from '@nestjs/common';
import request from 'supertest';
import { Given } from '../support/given';
import { createTestEnvironment, startTestApp, TestApp, TestEnvironment } from '../support/test-app';
import { startTestWorker } from '../support/test-worker';
import { cockpitCaughtUp, publish, rebuilder, rollupRows, summaryOf } from './cockpit-world';

/**
 * The daily rebuild and the subscriber count the same events: whatever the rebuild saw in its snapshot before the
 * subscriber handled it is marked, and the subscriber skips it. Here members register and comment while rebuilds run
 * back to back (the subscriber waits for each in turn): every registration and comment is counted exactly once.
 */
describe('Cockpit: rebuilds running while members register and comment', () => {
  let environment: TestEnvironment;
  let api: TestApp;
  let worker: INestApplicationContext;

  beforeAll(async () => {
    environment = await createTestEnvironment({ LOG_LEVEL: 'error', REGISTRATION_LIMIT_PER_IP: '10000' });
    api = await startTestApp(environment);
    worker = await startTestWorker(environment);
  }, 60_000);

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await environment?.drop();
  });

  it('counts each registration and comment once, and the last rebuild finds nothing to correct', async () => {
    const given = new Given(api);
    const school = await given.school('P81', 'โรงเรียนบ้านแข่ง');
    const obec = await given.member({ roles: [{ role: 'obec_admin' }] });
    const author = await given.member({ schoolId: school.id });
    const innovation = await publish(api, author);

    let rebuilding = true;
    const rebuilds = (async () => {
      let runs = 0;
      while (rebuilding) {
        await rebuilder(api).run();
        runs += 1;
      }
      return runs;
    })();
    for (let round = 0; round < 20; round += 1) {
      const [a] = await Promise.all([
        given.member({ schoolId: school.id }),
        given.member({ schoolId: school.id, memberKind: 'personnel' }),
      ]);
      await request(api.url)
        .post(`/api/v1/innovations/${innovation}/comments`)
        .set(a!.auth)
        .send({ body: `ความเห็นรอบที่ ${round + 1}` })
        .expect(201);
    }
    rebuilding = false;
    expect(await rebuilds).toBeGreaterThan(1);
    await cockpitCaughtUp(api);

    const [{ members, comments }] = await api.dataSource.query(
      `SELECT (SELECT count(*)::int FROM member) AS members, (SELECT count(*)::int FROM innovation_comment) AS comments`,
    );
    expect([members, comments]).toEqual([42, 20]);
    const national = await summaryOf(api, obec, 'national');
    expect([national.members_registered!.value, national.comments!.value]).toEqual([members, comments]);
    const school_ = await summaryOf(api, obec, `school:${school.id}`);
    expect(school_.members_registered!.value).toBe(41);

    const incremental = await rollupRows(api);
    const outcome = await rebuilder(api).run();
    expect(outcome.corrected.daily).toEqual({ deleted: 0, updated: 0, inserted: 0 });
    expect(await rollupRows(api)).toEqual(incremental);
  }, 180_000);
});
