import { INestApplicationContext } from '@nestjs/common';
import QRCode from 'qrcode';
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
import { codeOf, createEvent, DAY, eventBody, HOUR, MINUTE, travel } from './activities-world';

/**
 * Events (issue 18): organisers create them; members register (a waitlist when full), check in with the rotating
 * code on the organiser's screen, and complete them by the event's rule; attending and completing earn points once.
 */
describe('Activities: events, registration, check-in and completion', () => {
  let environment: TestEnvironment;
  let api: TestApp;
  let worker: INestApplicationContext;
  let given: Given;
  let obec: GivenMember;

  const http = () => request(api.url);
  const completeEnded = () => api.app.get(CompletionService, { strict: false }).completeEnded();
  const pointsOf = async (member: GivenMember, rule: string) =>
    (
      await api.dataSource.query<{ n: number; total: number }[]>(
        `SELECT count(*)::int AS n, coalesce(sum(t.amount), 0)::int AS total
         FROM ledger_transfer t JOIN ledger_account a ON a.id = t.credit_account_id
         WHERE a.owner_id = $1 AND t.kind = 'award' AND t.reason_code = $2`,
        [member.id, rule],
      )
    )[0]!;

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

  it('lets an organiser create an event for whom they act, and refuses other organisers and bad input', async () => {
    const school = await given.school('P81', 'โรงเรียนบ้านนา');
    const other = await given.school('S01', 'โรงเรียนมัธยมเมือง');
    const areaAdmin = await given.member({ roles: [{ role: 'area_admin', scopeId: school.areaId }] });
    const teacher = await given.member({ schoolId: school.id });

    const created = await createEvent(
      api,
      areaAdmin,
      eventBody(api, [{ startsInMs: DAY, minutes: 90 }], {
        kind: 'learning_talk',
        organiser: { type: 'school', id: school.id },
        capacity: 40,
      }),
    );
    const view = (await http().get(`/api/v1/events/${created.id}`).set(teacher.auth).expect(200)).body;
    expect(view).toMatchObject({
      kind: 'learning_talk',
      kindLabel: { th: 'Learning Talk', en: 'Learning Talk' },
      organiser: { type: 'school', id: school.id, th: expect.stringContaining('โรงเรียนบ้านนา') },
      areaId: school.areaId,
      capacity: 40,
      seatsLeft: 40,
      registrationOpen: true,
      phase: 'upcoming',
      me: { registration: null, organiser: false },
    });
    expect(view.sessions).toEqual([
      expect.objectContaining({ position: 1, minutes: 90, mode: 'online', joinUrl: null, checkpoints: 1 }),
    ]);
    // The area's list shows it; another area's does not.
    const listed = await http()
      .get(`/api/v1/events?areaId=${school.areaId}&kind=learning_talk`)
      .set(teacher.auth);
    expect(listed.body.items.map((e: { id: string }) => e.id)).toEqual([created.id]);
    const elsewhere = await http().get(`/api/v1/events?areaId=${other.areaId}`).set(teacher.auth).expect(200);
    expect(elsewhere.body.items).toEqual([]);

    const refused = await http()
      .post('/api/v1/events')
      .set(areaAdmin.auth)
      .send(
        eventBody(api, [{ startsInMs: DAY, minutes: 60 }], { organiser: { type: 'school', id: other.id } }),
      )
      .expect(403);
    expect(refused.body.code).toBe('EVENT_ORGANISER_FORBIDDEN');
    expect(refused.headers['content-type']).toContain('application/problem+json');
    await http()
      .post('/api/v1/events')
      .set(teacher.auth)
      .send(eventBody(api, [{ startsInMs: DAY, minutes: 60 }]))
      .expect(403);

    const backwards = eventBody(api, [{ startsInMs: DAY, minutes: 60 }]);
    const sessions = backwards.sessions as { startsAt: string; endsAt: string }[];
    [sessions[0]!.startsAt, sessions[0]!.endsAt] = [sessions[0]!.endsAt, sessions[0]!.startsAt];
    const bad = await http().post('/api/v1/events').set(obec.auth).send(backwards).expect(400);
    expect(bad.body.code).toBe('EVENT_INVALID');
    const noLink = eventBody(api, [{ startsInMs: DAY, minutes: 60 }]);
    delete (noLink.sessions as Record<string, unknown>[])[0]!.joinUrl;
    expect((await http().post('/api/v1/events').set(obec.auth).send(noLink).expect(400)).body.code).toBe(
      'EVENT_INVALID',
    );
    const unknownKind = await http()
      .post('/api/v1/events')
      .set(obec.auth)
      .send(eventBody(api, [{ startsInMs: DAY, minutes: 60 }], { kind: 'party' }))
      .expect(400);
    expect(unknownKind.body.code).toBe('VALIDATION_FAILED');
  });

  it('seats 50 of 200 members registering at once and queues the other 150 in arrival order', async () => {
    const event = await createEvent(
      api,
      obec,
      eventBody(api, [{ startsInMs: DAY, minutes: 120 }], { capacity: 50 }),
    );
    const members = await given.members(200);
    const outcomes = await Promise.all(
      members.map((member) =>
        http().post(`/api/v1/events/${event.id}/registrations`).set(member.auth).expect(201),
      ),
    );
    const registered = outcomes.filter((r) => r.body.status === 'registered');
    const waitlisted = outcomes.filter((r) => r.body.status === 'waitlisted');
    expect([registered.length, waitlisted.length]).toEqual([50, 150]);
    expect(waitlisted.map((r) => r.body.position).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 150 }, (_, i) => i + 1),
    );
    // Arrival order: every seat went to a registration decided before every waitlisted one, whose places follow it.
    const rows: { member_id: string; status: string; seq: string }[] = await api.dataSource.query(
      `SELECT member_id, status, seq FROM activity_registration WHERE event_id = $1 ORDER BY seq`,
      [event.id],
    );
    expect(rows.map((row) => row.status)).toEqual([
      ...Array<string>(50).fill('registered'),
      ...Array<string>(150).fill('waitlisted'),
    ]);
    const positionOf = new Map(
      outcomes.map((r, i) => [members[i]!.id, r.body.position as number | undefined]),
    );
    expect(rows.slice(50).map((row) => positionOf.get(row.member_id))).toEqual(
      Array.from({ length: 150 }, (_, i) => i + 1),
    );
    const view = (await http().get(`/api/v1/events/${event.id}`).set(obec.auth).expect(200)).body;
    expect(view).toMatchObject({ registeredCount: 50, waitlistedCount: 150, seatsLeft: 0 });

    // Sent again, a registration is as it stands.
    const again = await http()
      .post(`/api/v1/events/${event.id}/registrations`)
      .set(members[0]!.auth)
      .expect(200);
    expect(again.body.status).toBe(outcomes[0]!.body.status);

    // A registered member gives up their seat: the first waitlisted member gets it and is told.
    const leaving = members.find((m) => m.id === rows[0]!.member_id)!;
    const first = members.find((m) => m.id === rows[50]!.member_id)!;
    const second = members.find((m) => m.id === rows[51]!.member_id)!;
    await http().delete(`/api/v1/events/${event.id}/registrations/me`).set(leaving.auth).expect(204);
    const promoted = (await http().get(`/api/v1/events/${event.id}`).set(first.auth).expect(200)).body;
    expect(promoted.me.registration).toEqual({ status: 'registered', position: null });
    expect(promoted.sessions[0].joinUrl).toBe('https://meet.example.test/al-workshop');
    const next = (await http().get(`/api/v1/events/${event.id}`).set(second.auth).expect(200)).body;
    expect(next.me.registration).toEqual({ status: 'waitlisted', position: 1 });
    expect(next).toMatchObject({ registeredCount: 50, waitlistedCount: 149 });
    const told = await eventually(async () => {
      const inbox = await http().get('/api/v1/notifications').set(first.auth).expect(200);
      return inbox.body.items.find((n: { type: string }) => n.type === 'event.seat_confirmed');
    });
    expect(told.title).toEqual({ th: 'คุณได้ที่นั่งแล้ว', en: 'You have a seat' });
    await http().delete(`/api/v1/events/${event.id}/registrations/me`).set(leaving.auth).expect(409);

    // The database refuses an overbooking whatever the code does.
    await expect(
      api.dataSource.query(
        `UPDATE activity_registration SET status = 'registered' WHERE event_id = $1 AND member_id = $2`,
        [event.id, second.id],
      ),
    ).rejects.toThrow(/activity_event_seats/);
  });

  it('refuses registration when full without a waitlist, outside the window and for a cancelled event', async () => {
    const event = await createEvent(
      api,
      obec,
      eventBody(api, [{ startsInMs: DAY, minutes: 60 }], { capacity: 1, waitlist: false }),
    );
    const [a, b] = await given.members(2);
    await http().post(`/api/v1/events/${event.id}/registrations`).set(a!.auth).expect(201);
    const full = await http().post(`/api/v1/events/${event.id}/registrations`).set(b!.auth).expect(409);
    expect(full.body.code).toBe('EVENT_FULL');

    const later = await createEvent(
      api,
      obec,
      eventBody(api, [{ startsInMs: 3 * DAY, minutes: 60 }], {
        registrationOpensAt: new Date(Date.now() + 2 * DAY).toISOString().replace('Z', '+00:00'),
      }),
    );
    const closed = await http().post(`/api/v1/events/${later.id}/registrations`).set(b!.auth).expect(409);
    expect(closed.body.code).toBe('EVENT_REGISTRATION_CLOSED');

    // The organisers cancel the first event: its registered member is told why; nobody can register any more.
    await http()
      .post(`/api/v1/events/${event.id}/cancel`)
      .set(obec.auth)
      .send({ reason: 'วิทยากรติดภารกิจ' })
      .expect(200);
    const cancelled = await http().post(`/api/v1/events/${event.id}/registrations`).set(b!.auth).expect(409);
    expect(cancelled.body.code).toBe('EVENT_CANCELLED');
    const told = await eventually(async () => {
      const inbox = await http().get('/api/v1/notifications').set(a!.auth).expect(200);
      return inbox.body.items.find((n: { type: string }) => n.type === 'event.cancelled');
    });
    expect(told.body.th).toContain('วิทยากรติดภารกิจ');
    expect(told.link).toEqual({ type: 'event', id: event.id });
  });

  it('accepts the code on screen during the session, once per code, and refuses old, other and early codes', async () => {
    const event = await createEvent(
      api,
      obec,
      eventBody(api, [
        { startsInMs: -10 * MINUTE, minutes: 60, checkpoints: 2 },
        { startsInMs: DAY, minutes: 60 },
      ]),
    );
    const [s1, s2] = event.sessions;
    const [member, late, stranger] = await given.members(3);
    for (const m of [member!, late!])
      await http().post(`/api/v1/events/${event.id}/registrations`).set(m.auth).expect(201);
    const checkIn = (who: GivenMember, sessionId: string, code: string) =>
      http().post(`/api/v1/events/${event.id}/sessions/${sessionId}/check-ins`).set(who.auth).send({ code });

    // The organiser's screen: the code, its QR (the check-in link) and when it changes.
    const screen = await http()
      .get(`/api/v1/events/${event.id}/sessions/${s1!.id}/check-in-code`)
      .set(obec.auth)
      .expect(200);
    expect(screen.body.code).toMatch(/^[A-Z2-9]{6}$/);
    expect(screen.body.url).toContain(
      `/events/${event.id}/check-in?session=${s1!.id}&code=${screen.body.code}`,
    );
    // The QR is an SVG image of exactly that link.
    expect(screen.body.qr).toMatch(/^data:image\/svg\+xml;base64,/);
    const svg = Buffer.from(screen.body.qr.split(',')[1], 'base64').toString();
    expect(svg).toMatch(/^<svg [^>]*viewBox="0 0 \d+ \d+"/);
    expect(svg).toBe(
      await QRCode.toString(screen.body.url, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 }),
    );
    expect(Date.parse(screen.body.expiresAt) - Date.now()).toBeLessThanOrEqual(60_000 + 5_000);
    await http()
      .get(`/api/v1/events/${event.id}/sessions/${s1!.id}/check-in-code`)
      .set(member!.auth)
      .expect(403);

    const start = screen.body.code as string;
    const end = await codeOf(api, obec, event.id, s1!.id, 2);
    const first = await checkIn(member!, s1!.id, start.toLowerCase()).expect(201);
    expect(first.body).toMatchObject({
      checkpoint: 1,
      checkpointsEntered: 1,
      checkpoints: 2,
      attended: false,
    });
    // Sent again (a double tap, a second scan): counted once.
    await checkIn(member!, s1!.id, start).expect(201);
    const second = await checkIn(member!, s1!.id, end).expect(201);
    expect(second.body).toMatchObject({ checkpoint: 2, checkpointsEntered: 2, attended: true });
    await checkIn(member!, s1!.id, end).expect(201);
    const [counts] = await api.dataSource.query(
      `SELECT (SELECT count(*) FROM activity_check_in WHERE member_id = $1)::int AS check_ins,
              (SELECT count(*) FROM activity_attendance WHERE member_id = $1)::int AS attended`,
      [member!.id],
    );
    expect(counts).toEqual({ check_ins: 2, attended: 1 });

    // Another session's code is refused; so is a code two minutes old (it has rotated twice).
    const otherSession = await codeOf(api, obec, event.id, s2!.id);
    expect((await checkIn(late!, s1!.id, otherSession).expect(422)).body.code).toBe('CHECK_IN_CODE_INVALID');
    travel(2 * MINUTE, api, worker);
    expect((await checkIn(late!, s1!.id, start).expect(422)).body.code).toBe('CHECK_IN_CODE_INVALID');
    await checkIn(late!, s1!.id, await codeOf(api, obec, event.id, s1!.id)).expect(201);
    // Tomorrow's session does not take codes today; a member who did not register cannot check in.
    expect((await checkIn(late!, s2!.id, otherSession).expect(422)).body.code).toBe(
      'CHECK_IN_OUTSIDE_WINDOW',
    );
    const unregistered = await checkIn(stranger!, s1!.id, await codeOf(api, obec, event.id, s1!.id)).expect(
      409,
    );
    expect(unregistered.body.code).toBe('EVENT_NOT_REGISTERED');

    // Attending earns the ledger's points once, however often the code was sent.
    await eventually(async () =>
      (await pointsOf(member!, 'event.session_attended')).n === 1 ? true : undefined,
    );
    const members = await http().get(`/api/v1/events/${event.id}/completions`).set(obec.auth).expect(200);
    expect(members.body.items).toHaveLength(2);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await pointsOf(member!, 'event.session_attended')).toEqual({ n: 1, total: 5 });
  });

  it('completes at exactly 80 % of the minutes and not a minute less, and says what is missing', async () => {
    const event = await createEvent(
      api,
      obec,
      eventBody(
        api,
        [
          { startsInMs: HOUR, minutes: 50 },
          { startsInMs: 2 * HOUR, minutes: 50 },
        ],
        {
          completion: { rule: 'min_share', evaluationRequired: false },
        },
      ),
    );
    expect((await http().get(`/api/v1/events/${event.id}`).set(obec.auth)).body.completion).toEqual({
      rule: 'min_share',
      minShare: 0.8,
      evaluationRequired: false,
    });
    const [at80, at79, full] = await Promise.all([given.member(), given.member(), given.member()]);
    for (const m of [at80!, at79!, full!])
      await http().post(`/api/v1/events/${event.id}/registrations`).set(m.auth).expect(201);
    travel(4 * HOUR, api, worker);
    const csv = (rows: [GivenMember | string, number][]) =>
      [
        'email,minutes,name',
        ...rows.map(([m, min]) => `${typeof m === 'string' ? m : m.email},${min},x`),
      ].join('\n');
    const imported = await http()
      .post(`/api/v1/events/${event.id}/attendance/import?sessionId=${event.sessions[0]!.id}`)
      .set(obec.auth)
      .set('content-type', 'text/csv')
      .send(
        csv([
          [at80!, 50],
          [at79!, 50],
          [full!, 50],
          ['nobody@example.test', 50],
        ]),
      )
      .expect(200);
    expect(imported.body).toMatchObject({
      recorded: 3,
      updated: 0,
      skipped: [{ line: 5, email: 'nobody@example.test', reason: 'unknown_member' }],
    });
    await http()
      .post(`/api/v1/events/${event.id}/attendance/import?sessionId=${event.sessions[1]!.id}`)
      .set(obec.auth)
      .set('content-type', 'text/csv')
      .send(
        csv([
          [at80!, 30],
          [at79!, 10],
          [full!, 75],
        ]),
      )
      .expect(200);
    // The meeting tool's fuller report, sent again: more minutes raise a member's, fewer never lower them.
    const again = await http()
      .post(`/api/v1/events/${event.id}/attendance/import?sessionId=${event.sessions[1]!.id}`)
      .set(obec.auth)
      .set('content-type', 'text/csv')
      .send(
        csv([
          [at79!, 29],
          [at80!, 20],
          [full!, 75],
        ]),
      )
      .expect(200);
    expect(again.body).toMatchObject({ recorded: 0, updated: 1, skipped: [] });
    const notCsv = await http()
      .post(`/api/v1/events/${event.id}/attendance/import?sessionId=${event.sessions[1]!.id}`)
      .set(obec.auth)
      .set('content-type', 'text/csv')
      .send('name;when\nx;y')
      .expect(400);
    expect(notCsv.body.code).toBe('ATTENDANCE_IMPORT_INVALID');

    expect(await completeEnded()).toBe(2);
    const progress = async (m: GivenMember) =>
      (await http().get('/api/v1/me/events').set(m.auth).expect(200)).body.items.find(
        (item: { event: { id: string } }) => item.event.id === event.id,
      ).progress;
    expect(await progress(at80!)).toMatchObject({
      completed: true,
      final: true,
      attendedMinutes: 80,
      totalMinutes: 100,
      share: 0.8,
      missing: [],
    });
    expect(await progress(at79!)).toMatchObject({
      completed: false,
      final: true,
      attendedMinutes: 79,
      missing: [{ code: 'share', requiredMinutes: 80, attendedMinutes: 79 }],
    });
    expect(await progress(full!)).toMatchObject({ completed: true, attendedMinutes: 100, share: 1 });
    // Deciding again changes nothing; completing earns its points once.
    expect(await completeEnded()).toBe(0);
    await eventually(async () => ((await pointsOf(at80!, 'event.completed')).n === 1 ? true : undefined));
    expect(await pointsOf(at79!, 'event.completed')).toEqual({ n: 0, total: 0 });
    expect(await pointsOf(at80!, 'event.session_attended')).toEqual({ n: 2, total: 10 });
  });

  it('needs every session and the evaluation under the all-sessions rule, and decides late changes', async () => {
    const event = await createEvent(
      api,
      obec,
      eventBody(
        api,
        [
          { startsInMs: -30 * MINUTE, minutes: 60 },
          { startsInMs: 2 * HOUR, minutes: 60 },
        ],
        {
          kind: 'forum',
          completion: { rule: 'all_sessions', evaluationRequired: true },
        },
      ),
    );
    const [both, noForm, oneSession] = await Promise.all([given.member(), given.member(), given.member()]);
    for (const m of [both!, noForm!, oneSession!])
      await http().post(`/api/v1/events/${event.id}/registrations`).set(m.auth).expect(201);
    const evaluate = (m: GivenMember) =>
      http()
        .post(`/api/v1/events/${event.id}/evaluations`)
        .set(m.auth)
        .send({ rating: 5, comments: 'ได้แนวคิดไปใช้จริง' });
    const checkInAll = async (m: GivenMember, sessionId: string) =>
      http()
        .post(`/api/v1/events/${event.id}/sessions/${sessionId}/check-ins`)
        .set(m.auth)
        .send({ code: await codeOf(api, obec, event.id, sessionId) })
        .expect(201);
    for (const m of [both!, noForm!, oneSession!]) await checkInAll(m, event.sessions[0]!.id);
    travel(2 * HOUR + 5 * MINUTE, api, worker);
    for (const m of [both!, noForm!]) await checkInAll(m, event.sessions[1]!.id);
    await evaluate(both!).expect(201);
    expect((await evaluate(both!).expect(409)).body.code).toBe('EVALUATION_EXISTS');
    await evaluate(oneSession!).expect(201);
    travel(HOUR, api, worker);

    expect(await completeEnded()).toBe(1);
    const { body } = await http().get(`/api/v1/events/${event.id}/completions`).set(obec.auth).expect(200);
    const byId = new Map(
      body.items.map((row: { member: { id: string }; progress: unknown }) => [row.member.id, row.progress]),
    );
    expect(byId.get(both!.id)).toMatchObject({ completed: true, attendedSessions: 2, evaluated: true });
    expect(byId.get(noForm!.id)).toMatchObject({ completed: false, missing: [{ code: 'evaluation' }] });
    expect(byId.get(oneSession!.id)).toMatchObject({
      completed: false,
      missing: [{ code: 'sessions', sessionIds: [event.sessions[1]!.id] }],
    });

    // The form sent after the end, and an organiser's correction with a reason, complete the other two.
    expect((await evaluate(noForm!).expect(201)).body).toMatchObject({ completed: true, final: true });
    const corrected = await http()
      .put(`/api/v1/events/${event.id}/sessions/${event.sessions[1]!.id}/attendance/${oneSession!.id}`)
      .set(obec.auth)
      .send({ attended: true, reason: 'เข้าร่วมผ่านห้องประชุมสำรอง ตรวจสอบจากบันทึกแล้ว' })
      .expect(200);
    expect(corrected.body).toEqual({ attended: true, minutes: 60 });
    const [audit] = await api.dataSource.query(
      `SELECT reason FROM audit_log WHERE action = 'activity.attendance_corrected' AND target_id = $1`,
      [event.sessions[1]!.id],
    );
    expect(audit.reason).toContain('ห้องประชุมสำรอง');
    const [{ n }] = await api.dataSource.query(
      `SELECT count(*)::int AS n FROM activity_completion WHERE event_id = $1`,
      [event.id],
    );
    expect(n).toBe(3);
  });

  it("lists a member's own events, latest first, each with its own progress and none while waitlisted", async () => {
    const [member, other] = await given.members(2);
    // Events starting 10 and 20 minutes ago (one and two sessions) and a full one tomorrow.
    const single = await createEvent(api, obec, eventBody(api, [{ startsInMs: -10 * MINUTE, minutes: 60 }]));
    const double = await createEvent(
      api,
      obec,
      eventBody(api, [
        { startsInMs: -20 * MINUTE, minutes: 60 },
        { startsInMs: 3 * HOUR, minutes: 60 },
      ]),
    );
    const full = await createEvent(
      api,
      obec,
      eventBody(api, [{ startsInMs: DAY, minutes: 60 }], { capacity: 1 }),
    );
    await http().post(`/api/v1/events/${full.id}/registrations`).set(other!.auth).expect(201);
    for (const event of [single, double, full])
      await http().post(`/api/v1/events/${event.id}/registrations`).set(member!.auth).expect(201);
    for (const event of [single, double])
      await http()
        .post(`/api/v1/events/${event.id}/sessions/${event.sessions[0]!.id}/check-ins`)
        .set(member!.auth)
        .send({ code: await codeOf(api, obec, event.id, event.sessions[0]!.id) })
        .expect(201);

    const { body } = await http().get('/api/v1/me/events').set(member!.auth).expect(200);
    expect(body.items.map((item: { event: { id: string } }) => item.event.id)).toEqual([
      full.id,
      single.id,
      double.id,
    ]);
    const [waiting, one, two] = body.items;
    expect(waiting.event.me.registration).toEqual({ status: 'waitlisted', position: 1 });
    expect(waiting.progress).toBeNull();
    expect(one.progress).toMatchObject({ attendedSessions: 1, completed: true, final: false });
    expect(two.progress).toMatchObject({
      attendedSessions: 1,
      completed: false,
      sessions: [
        { id: double.sessions[0]!.id, attended: true },
        { id: double.sessions[1]!.id, attended: false },
      ],
      missing: [{ code: 'sessions', sessionIds: [double.sessions[1]!.id] }],
    });
    // One event alone, as its page asks for it: the same progress; none without a seat; 404 for no such event.
    const alone = async (m: GivenMember, id: string) =>
      (await http().get(`/api/v1/me/events/${id}`).set(m.auth).expect(200)).body;
    expect(await alone(member!, double.id)).toEqual(two);
    expect(await alone(member!, full.id)).toEqual(waiting);
    expect((await alone(other!, double.id)).progress).toBeNull();
    const missing = await http()
      .get('/api/v1/me/events/00000000-0000-4000-8000-000000000000')
      .set(member!.auth)
      .expect(404);
    expect(missing.body.code).toBe('EVENT_NOT_FOUND');
  });
});
