import { INestApplicationContext } from '@nestjs/common';
import request from 'supertest';
import { CompletionService } from '@lc/activities';
import { Given, GivenMember } from '../support/given';
import {
  createTestEnvironment,
  eventually,
  startTestApp,
  TestApp,
  TestEnvironment,
} from '../support/test-app';
import { startTestWorker } from '../support/test-worker';
import { attendedEvent, HOUR, travel } from './activities-world';

/**
 * Events count in recognition (issue 17 "when events exist"): the events a member completed, and the forums among
 * them, are criteria levels and badges can ask for; completing a forum earns the "Forum completed" badge, once.
 */
describe('Activities in recognition: events completed move levels and earn badges', () => {
  let environment: TestEnvironment;
  let api: TestApp;
  let worker: INestApplicationContext;
  let given: Given;
  let obec: GivenMember;
  const http = () => request(api.url);

  beforeAll(async () => {
    environment = await createTestEnvironment({ LOG_LEVEL: 'error' });
    api = await startTestApp(environment);
    worker = await startTestWorker(environment);
    given = new Given(api);
    obec = await given.member({ roles: [{ role: 'obec_admin' }] });
  }, 60_000);

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await environment?.drop();
  });

  const attend = (kind: string, members: GivenMember[]) => attendedEvent(api, obec, kind, members);

  it('promotes on events completed and gives the forum badge to who completed a forum, once', async () => {
    // Practitioner asks for two events completed, one of them a forum.
    const criteria = (await http().get('/api/v1/admin/recognition/levels').set(obec.auth).expect(200)).body
      .criteria as { code: string; th: string; en: string }[];
    expect(criteria.find((c) => c.code === 'events_completed')).toMatchObject({
      th: 'กิจกรรมและการอบรมที่เข้าร่วมครบตามเกณฑ์',
      en: 'Events and trainings completed',
    });
    await http()
      .put('/api/v1/admin/recognition/levels')
      .set(obec.auth)
      .send({
        levels: [
          {
            code: 'practitioner',
            criteria: [
              { code: 'events_completed', required: 2 },
              { code: 'forums_completed', required: 1 },
            ],
          },
        ],
      })
      .expect(200);

    const [both, workshopsOnly] = await given.members(2);
    await attend('forum', [both!]);
    await attend('workshop', [both!, workshopsOnly!]);
    await attend('workshop', [workshopsOnly!]);
    travel(2 * HOUR, api, worker);
    await api.app.get(CompletionService, { strict: false }).completeEnded();

    const levelOf = async (who: GivenMember) =>
      (await http().get('/api/v1/me/level').set(who.auth).expect(200)).body as {
        level: { code: string };
        next: { criteria: { code: string; current: number; met: boolean }[] } | null;
      };
    // Two events, one a forum: a practitioner within seconds, with the forum's badge.
    await eventually(
      async () => ((await levelOf(both!)).level.code === 'practitioner' ? true : undefined),
      30_000,
    );
    const badges = async (who: GivenMember) =>
      (
        (await http().get(`/api/v1/members/${who.id}/badges`).expect(200)).body as {
          badge: { code: string };
        }[]
      )
        .map((award) => award.badge.code)
        .sort();
    expect(await badges(both!)).toEqual(['forum_completed']);

    // Two workshops and no forum: still a member, told what is missing; no forum badge.
    const other = await levelOf(workshopsOnly!);
    expect(other.level.code).toBe('member');
    expect(other.next!.criteria).toEqual([
      expect.objectContaining({ code: 'events_completed', current: 2, met: true }),
      expect.objectContaining({ code: 'forums_completed', current: 0, met: false }),
    ]);
    expect(await badges(workshopsOnly!)).toEqual([]);

    // A second forum adds evidence but no second badge.
    await attend('forum', [both!]);
    travel(2 * HOUR, api, worker);
    await api.app.get(CompletionService, { strict: false }).completeEnded();
    await eventually(async () => {
      const [row] = await api.dataSource.query(
        `SELECT count(*)::int AS n FROM outbox_event o
         WHERE o.type = 'activity.event_completed'
           AND NOT EXISTS (SELECT 1 FROM processed_event p WHERE p.subscriber = 'recognition' AND p.event_id = o.id)`,
      );
      return row.n === 0 ? true : undefined;
    }, 30_000);
    expect(await badges(both!)).toEqual(['forum_completed']);
  });
});
