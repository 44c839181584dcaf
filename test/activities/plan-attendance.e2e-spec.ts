import { INestApplicationContext } from '@nestjs/common';
import request from 'supertest';
import { activityPlanBody, activityReportBody } from '../cockpit/activity-plans-fixtures';
import { CompletionService } from '@lc/activities';
import { bangkokDay } from '@lc/cockpit';
import { cockpitCaughtUp, rebuilder, rollupRows, summaryOf } from '../cockpit/cockpit-world';
import { Given, GivenMember } from '../support/given';
import {
  createTestEnvironment,
  eventually,
  startTestApp,
  TestApp,
  TestEnvironment,
} from '../support/test-app';
import { startTestWorker } from '../support/test-worker';
import { attendedEvent, codeOf, createEvent, eventBody, HOUR, MINUTE, travel } from './activities-world';

/**
 * An event may belong to an area activity plan (seed 000, 004): who attends it counts in the plan's actual
 * participants by role in the cockpit, each member once, and the area's report may add people the platform did not
 * record but never count fewer.
 */
describe('Activities: attendance of an event counts in its area activity plan', () => {
  let environment: TestEnvironment;
  let api: TestApp;
  let worker: INestApplicationContext;
  let given: Given;

  beforeAll(async () => {
    environment = await createTestEnvironment({ LOG_LEVEL: 'error' });
    api = await startTestApp(environment);
    worker = await startTestWorker(environment);
    given = new Given(api);
  }, 60_000);

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await environment?.drop();
  });

  it("adds the plan's attendees by role to its actuals and the area's summary", async () => {
    const school = await given.school('P81', 'โรงเรียนบ้านแผน');
    const areaAdmin = await given.member({ roles: [{ role: 'area_admin', scopeId: school.areaId }] });
    const obec = await given.member({ roles: [{ role: 'obec_admin' }] });
    const http = () => request(api.url);
    const plan = await http()
      .post(`/api/v1/areas/${school.areaId}/activity-plans`)
      .set(areaAdmin.auth)
      .send(activityPlanBody({ startsOn: '2026-10-01', endsOn: '2027-09-30' }))
      .expect(201);
    const event = await createEvent(
      api,
      areaAdmin,
      // A forum, not a training: the next test counts indicator 18 nationally, and it would count these teachers too
      // when its clock travel ends this event.
      eventBody(api, [{ startsInMs: -5 * MINUTE, minutes: 90 }], {
        kind: 'forum',
        organiser: { type: 'area', id: school.areaId },
        activityPlanId: plan.body.id,
      }),
    );
    // Another area's admin cannot put an event under this plan.
    const elsewhere = await given.school('S01', 'โรงเรียนอื่น');
    const otherAdmin = await given.member({ roles: [{ role: 'area_admin', scopeId: elsewhere.areaId }] });
    const refused = await http()
      .post('/api/v1/events')
      .set(otherAdmin.auth)
      .send(
        eventBody(api, [{ startsInMs: MINUTE, minutes: 60 }], {
          organiser: { type: 'area', id: elsewhere.areaId },
          activityPlanId: plan.body.id,
        }),
      )
      .expect(400);
    expect(refused.body.code).toBe('EVENT_PLAN_NOT_ALLOWED');

    const people: GivenMember[] = [
      await given.member({ schoolId: school.id }),
      await given.member({ schoolId: school.id, memberKind: 'personnel' }),
      await given.member({ schoolId: school.id, memberKind: 'school_director' }),
      await given.member({ memberKind: 'supervisor' }),
      await given.member({ memberKind: 'executive' }),
      await given.member({ memberKind: 'parent' }),
    ];
    const code = await codeOf(api, areaAdmin, event.id, event.sessions[0]!.id);
    for (const person of people) {
      await http().post(`/api/v1/events/${event.id}/registrations`).set(person.auth).expect(201);
      await http()
        .post(`/api/v1/events/${event.id}/sessions/${event.sessions[0]!.id}/check-ins`)
        .set(person.auth)
        .send({ code })
        .expect(201);
    }
    // The same teacher attending again (a second check-in) is still one participant.
    await http()
      .post(`/api/v1/events/${event.id}/sessions/${event.sessions[0]!.id}/check-ins`)
      .set(people[0]!.auth)
      .send({ code })
      .expect(201);

    const expected = { educationExecutives: 1, supervisors: 1, schoolDirectors: 1, teachers: 2, total: 5 };
    const attended = await eventually(async () => {
      const view = await http().get(`/api/v1/activity-plans/${plan.body.id}`).set(areaAdmin.auth).expect(200);
      return view.body.attended.total === 5 ? view.body.attended : undefined;
    });
    expect(attended).toEqual(expected);
    const summary = async () =>
      (
        await http()
          .get(`/api/v1/activity-plans/summary?fiscalYear=2570&scope=area:${school.areaId}`)
          .set(areaAdmin.auth)
          .expect(200)
      ).body.areas[0];
    expect(await summary()).toMatchObject({ actual: expected, actualParticipants: 5, below500: true });

    // A report with more teachers than the platform saw adds them; fewer supervisors than it saw do not count less.
    await http()
      .post(`/api/v1/activity-plans/${plan.body.id}/report`)
      .set(areaAdmin.auth)
      .send(
        activityReportBody({
          participants: { educationExecutives: 0, supervisors: 0, schoolDirectors: 3, teachers: 40 },
        }),
      )
      .expect(200);
    expect((await summary()).actual).toEqual({
      educationExecutives: 1,
      supervisors: 1,
      schoolDirectors: 3,
      teachers: 40,
      total: 45,
    });
    const national = await http()
      .get('/api/v1/activity-plans/summary?fiscalYear=2570&scope=national')
      .set(obec.auth)
      .expect(200);
    expect(national.body.totals.actualParticipants).toBe(45);

    // The rebuild recomputes the attendees from the attendance: the same numbers.
    await rebuilder(api).run();
    expect(
      (await http().get(`/api/v1/activity-plans/${plan.body.id}`).set(areaAdmin.auth)).body.attended,
    ).toEqual(expected);
  });
  it('counts a completed Active Learning training in indicator 18, and a forum does not', async () => {
    const school = await given.school('P81', 'โรงเรียนบ้านอบรม');
    const obec = await given.member({ roles: [{ role: 'obec_admin' }] });
    const [trained, forumOnly, parent] = [
      await given.member({ schoolId: school.id }),
      await given.member({ schoolId: school.id }),
      await given.member({ memberKind: 'parent' }),
    ];
    const attend = (kind: string, members: GivenMember[]) => attendedEvent(api, obec, kind, members);
    // The cockpit's periods end on the real today: ask up to the day the test's clock reaches.
    const to = `&to=${bangkokDay(new Date(Date.now() + 26 * HOUR))}`;
    const capable = async (scope: string) =>
      (await summaryOf(api, obec, scope, to)).al_capable_teachers!.value;
    await cockpitCaughtUp(api);
    const before = (await capable('national')) as number;
    await attend('workshop', [trained!, parent!]);
    await attend('forum', [forumOnly!]);
    // A day and more later: the completion is recorded on another Bangkok day than the outbox's own time, as happens
    // when a completion is decided a moment before midnight; the cockpit and its rebuild count the recorded day.
    travel(26 * HOUR, api, worker);
    await api.app.get(CompletionService, { strict: false }).completeEnded();
    // The teacher who completed the workshop counts; the parent (not staff) and the forum's teacher do not.
    await eventually(async () => ((await capable(`school:${school.id}`)) === 1 ? true : undefined), 30_000);
    await cockpitCaughtUp(api);
    expect(await capable(`school:${school.id}`)).toBe(1);
    expect(await capable('national')).toBe(before + 1);
    const incremental = await rollupRows(api);
    await rebuilder(api).run();
    expect(await rollupRows(api)).toEqual(incremental);
  });
});
