import { INestApplicationContext } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { LevelsService } from '@lc/recognition';
import { fullInnovation } from '../support/fixtures';
import { Given, GivenMember, GivenSchool } from '../support/given';
import {
  createTestEnvironment,
  eventually,
  startTestApp,
  TestApp,
  TestEnvironment,
} from '../support/test-app';
import { startTestWorker } from '../support/test-worker';

const rating = (overall: number) => ({
  overall,
  criteria: { clarity: overall, effect: overall, adoptability: 4, competencyFit: 4 },
});

interface MyLevel {
  level: { code: string; rank: number; th: string; en: string };
  next: {
    code: string;
    th: string;
    en: string;
    criteria: { code: string; th: string; en: string; required: number; current: number; met: boolean }[];
  } | null;
}

/**
 * Levels: a member is promoted on evidence, within seconds of the event that completes it, exactly once, with a feed
 * item, a notification and their level beside their name; OBEC sets the criteria, revokes with a reason, and
 * approves the areas' nominations for Influencer.
 */
describe('Recognition: levels from member to Influencer', () => {
  let environment: TestEnvironment;
  let api: TestApp;
  let worker: INestApplicationContext;
  let given: Given;
  let school: GivenSchool;
  let peerSchool: GivenSchool;
  let teacher: GivenMember;
  let peers: GivenMember[];
  let obec: GivenMember;
  let areaAdmin: GivenMember;
  let otherAreaAdmin: GivenMember;
  const peerInnovations: string[] = [];

  const http = () => request(api.url);
  const publish = async (who: GivenMember, title: string) => {
    const draft = await http()
      .post('/api/v1/innovations')
      .set(who.auth)
      .send(fullInnovation({ title }))
      .expect(201);
    await http().post(`/api/v1/innovations/${draft.body.id}/publish`).set(who.auth).expect(200);
    return draft.body.id as string;
  };
  const rate = (who: GivenMember, innovationId: string, overall = 5) =>
    http().put(`/api/v1/innovations/${innovationId}/rating`).set(who.auth).send(rating(overall)).expect(200);
  const myLevel = async (who: GivenMember) =>
    (await http().get('/api/v1/me/level').set(who.auth).expect(200)).body as MyLevel;
  const levelRows = async (memberId: string) =>
    (
      await api.dataSource.query<{ level_code: string; revoked_at: Date | null }[]>(
        `SELECT level_code, revoked_at FROM member_level WHERE member_id = $1 ORDER BY rank`,
        [memberId],
      )
    ).map((row) => `${row.level_code}${row.revoked_at ? ' (revoked)' : ''}`);

  beforeAll(async () => {
    environment = await createTestEnvironment({ LOG_LEVEL: 'error' });
    api = await startTestApp(environment);
    worker = await startTestWorker(environment);
    given = new Given(api);
    school = await given.school('P81', 'โรงเรียนบ้านครูต้นแบบ');
    peerSchool = await given.school('P81', 'โรงเรียนเพื่อนครู');
    teacher = await given.member({ schoolId: school.id });
    peers = await given.members(12, { schoolId: peerSchool.id });
    obec = await given.member({ roles: [{ role: 'obec_admin' }] });
    areaAdmin = await given.member({ roles: [{ role: 'area_admin', scopeId: school.areaId }] });
    otherAreaAdmin = await given.member({
      roles: [{ role: 'area_admin', scopeId: await given.areaId('S01') }],
    });
    for (const [index, peer] of peers.entries())
      peerInnovations.push(await publish(peer, `นวัตกรรมของเพื่อนครู ${index + 1}`));
  }, 120_000);

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await environment?.drop();
  });

  it('shows the progress to the next level, then promotes once within seconds of the last qualifying event', async () => {
    const start = await myLevel(teacher);
    expect(start.level).toEqual({ code: 'member', rank: 1, th: 'สมาชิก', en: 'Member' });
    expect(start.next?.code).toBe('practitioner');
    expect(start.next?.criteria.map((c) => [c.code, c.required, c.current, c.met])).toEqual(
      expect.arrayContaining([
        ['innovations_published', 1, 0, false],
        ['feedback_given', 3, 0, false],
        ['points_earned', 50, 0, false],
      ]),
    );

    const mine = await publish(teacher, 'การเรียนรู้เชิงรุกด้วยเกมคณิตศาสตร์');
    await rate(teacher, peerInnovations[0]!);
    await rate(teacher, peerInnovations[1]!);
    // Published (50 points once the ledger has it) and two ratings given: feedback is one short.
    const almost = await eventually(async () => {
      const level = await myLevel(teacher);
      const points = level.next?.criteria.find((c) => c.code === 'points_earned');
      return points?.met ? level : undefined;
    });
    expect(almost.level.code).toBe('member');
    const feedback = almost.next!.criteria.find((c) => c.code === 'feedback_given')!;
    expect([feedback.current, feedback.met]).toEqual([2, false]);
    expect(feedback.th).toBe('การให้คะแนนและความคิดเห็นต่อนวัตกรรมของผู้อื่น');

    // The third rating completes it: promoted within 5 s.
    await rate(teacher, peerInnovations[2]!);
    const promoted = await eventually(async () => {
      const level = await myLevel(teacher);
      return level.level.code === 'practitioner' ? level : undefined;
    }, 5_000);
    expect(promoted.level).toEqual({ code: 'practitioner', rank: 2, th: 'นักปฏิบัติ', en: 'Practitioner' });
    expect(promoted.next?.code).toBe('change_agent');

    // A feed item and a notification for it, once; more qualifying events change nothing.
    const feedItems = async () =>
      (
        (await http().get('/api/v1/feed').query({ scope: 'mine' }).set(teacher.auth).expect(200)).body
          .items as { kind: string; title: { th: string; en: string }; actor: unknown }[]
      ).filter((item) => item.kind === 'recognition.level_reached');
    const notifications = async () =>
      (
        (await http().get('/api/v1/notifications').set(teacher.auth).expect(200)).body.items as {
          type: string;
          title: { th: string; en: string };
        }[]
      ).filter((item) => item.type === 'level.reached');
    const item = await eventually(async () =>
      (await feedItems()).length === 1 ? await feedItems() : undefined,
    );
    expect(item[0]!.title).toEqual({
      th: 'ยินดีด้วย! คุณเป็นนักปฏิบัติแล้ว',
      en: 'Congratulations! You are now a Practitioner',
    });
    const note = await eventually(async () =>
      (await notifications()).length === 1 ? await notifications() : undefined,
    );
    expect(note[0]!.title.en).toBe('Congratulations! You are now a Practitioner');

    await rate(teacher, peerInnovations[3]!);
    await eventually(async () => {
      const level = await myLevel(teacher);
      return level.next?.criteria.find((c) => c.code === 'feedback_given')?.current === 4 ? true : undefined;
    });
    await eventually(async () =>
      (await api.dataSource.query(`SELECT 1 FROM outbox_event WHERE relayed_at IS NULL`)).length === 0
        ? true
        : undefined,
    );
    expect(await levelRows(teacher.id)).toEqual(['practitioner']);
    expect(await feedItems()).toHaveLength(1);
    expect(await notifications()).toHaveLength(1);
    // The level shows beside the member's name: on their innovation, their comments, the feed and their profile.
    expect((await http().get(`/api/v1/innovations/${mine}`).expect(200)).body.author).toEqual({
      id: teacher.id,
      displayName: expect.any(String),
      level: 'practitioner',
    });
    await http()
      .post(`/api/v1/innovations/${peerInnovations[0]}/comments`)
      .set(teacher.auth)
      .send({ body: 'ขอบคุณสำหรับแนวคิดดี ๆ ครับ' })
      .expect(201);
    const comments = (await http().get(`/api/v1/innovations/${peerInnovations[0]}/comments`).expect(200)).body
      .items as { author: { id: string; level: string } | null }[];
    expect(comments.find((c) => c.author?.id === teacher.id)?.author?.level).toBe('practitioner');
    expect((await feedItems())[0]).toMatchObject({ actor: { id: teacher.id, level: 'practitioner' } });
    expect(
      (await http().get(`/api/v1/members/${teacher.id}`).set(peers[0]!.auth).expect(200)).body.level,
    ).toBe('practitioner');
    expect((await http().get('/api/v1/me').set(teacher.auth).expect(200)).body.level).toBe('practitioner');
    // A member with no level yet is a member.
    expect(
      (await http().get(`/api/v1/innovations/${peerInnovations[0]}`).expect(200)).body.author.level,
    ).toBe('member');
  });

  it('promotes a member once when ten batches that qualify them are decided at the same time', async () => {
    const practitioner = (points: number) => ({
      levels: [
        {
          code: 'practitioner',
          criteria: [
            { code: 'innovations_published', required: 1 },
            { code: 'feedback_given', required: 3 },
            { code: 'points_earned', required: points },
          ],
        },
      ],
    });
    // Out of reach while the member's work comes in, so that the ten deciders below find them qualified at once.
    await http()
      .put('/api/v1/admin/recognition/levels')
      .set(obec.auth)
      .send(practitioner(1_000_000))
      .expect(200);
    const member = await given.member({ schoolId: school.id });
    await publish(member, 'นวัตกรรมที่สิบพร้อมกัน');
    for (const innovationId of peerInnovations.slice(0, 3)) await rate(member, innovationId);
    await given.points(member.id, 100);
    await http().put('/api/v1/admin/recognition/levels').set(obec.auth).send(practitioner(50)).expect(200);

    const levels = worker.get(LevelsService, { strict: false });
    const dataSource = worker.get(DataSource);
    const outcomes = await Promise.all(
      Array.from({ length: 10 }, () =>
        dataSource.transaction((manager) =>
          levels.evaluate(manager, [{ memberId: member.id, eventId: null }]),
        ),
      ),
    );
    // One decider recorded it (or the subscriber did, if one of the member's events came in between): never two.
    expect(outcomes.flat().length).toBeLessThanOrEqual(1);
    expect(await levelRows(member.id)).toEqual(['practitioner']);
    const [events] = await api.dataSource.query(
      `SELECT count(*)::int AS n FROM outbox_event
       WHERE type = 'recognition.level_reached' AND payload->>'memberId' = $1`,
      [member.id],
    );
    expect(events.n).toBe(1);
  });

  it('lets OBEC set the criteria (validated, audited) and shows members the new ones', async () => {
    const before = (await http().get('/api/v1/admin/recognition/levels').set(obec.auth).expect(200)).body;
    expect(before.levels.map((l: { code: string }) => l.code)).toEqual([
      'practitioner',
      'change_agent',
      'influencer',
    ]);
    expect(before.criteria.map((c: { code: string }) => c.code)).toContain('quality_innovations');

    for (const [body, code] of [
      [
        { levels: [{ code: 'grandmaster', criteria: [{ code: 'points_earned', required: 1 }] }] },
        'RECOGNITION_LEVEL_UNKNOWN',
      ],
      [
        { levels: [{ code: 'change_agent', criteria: [{ code: 'likes', required: 1 }] }] },
        'RECOGNITION_CRITERION_UNKNOWN',
      ],
      [
        {
          levels: [
            {
              code: 'change_agent',
              criteria: [
                { code: 'feedback_given', required: 2 },
                { code: 'feedback_given', required: 3 },
              ],
            },
          ],
        },
        'RECOGNITION_CRITERIA_INVALID',
      ],
      [
        { levels: [{ code: 'change_agent', criteria: [{ code: 'feedback_given', required: 0 }] }] },
        'VALIDATION_FAILED',
      ],
      [{ levels: [{ code: 'change_agent', criteria: [] }] }, 'VALIDATION_FAILED'],
    ] as const) {
      const refused = await http().put('/api/v1/admin/recognition/levels').set(obec.auth).send(body);
      expect([refused.status, refused.body.code]).toEqual([400, code]);
    }
    // Nothing changed by the refusals.
    expect((await http().get('/api/v1/admin/recognition/levels').set(obec.auth).expect(200)).body).toEqual(
      before,
    );

    // Change Agent and Influencer made reachable for the rest of this file: five ratings given.
    const updated = await http()
      .put('/api/v1/admin/recognition/levels')
      .set(obec.auth)
      .send({
        levels: [
          { code: 'change_agent', criteria: [{ code: 'feedback_given', required: 5 }] },
          {
            code: 'influencer',
            criteria: [
              { code: 'feedback_given', required: 5 },
              { code: 'nomination_approved', required: 1 },
            ],
          },
        ],
      })
      .expect(200);
    expect(updated.body.levels[1].criteria).toEqual([
      { code: 'feedback_given', th: expect.any(String), en: expect.any(String), required: 5 },
    ]);
    const [audit] = await api.dataSource.query(
      `SELECT actor_id FROM audit_log WHERE action = 'recognition.criteria_changed' ORDER BY occurred_at DESC LIMIT 1`,
    );
    expect(audit.actor_id).toBe(obec.id);
    const seen = await myLevel(teacher);
    expect(seen.next?.criteria.map((c) => [c.code, c.required])).toEqual([['feedback_given', 5]]);
  });

  it('takes a nomination for Influencer from the area, approved by OBEC, to a promotion', async () => {
    // Not a Change Agent yet: refused.
    const early = await http()
      .post('/api/v1/recognition/nominations')
      .set(areaAdmin.auth)
      .send({ memberId: teacher.id, statement: 'ครูผู้สร้างแรงบันดาลใจให้เพื่อนครูทั้งเขตพื้นที่' });
    expect([early.status, early.body.code]).toEqual([409, 'RECOGNITION_NOMINEE_NOT_READY']);

    await rate(teacher, peerInnovations[4]!);
    await eventually(
      async () => ((await myLevel(teacher)).level.code === 'change_agent' ? true : undefined),
      5_000,
    );
    const influencerNext = await myLevel(teacher);
    expect(influencerNext.next?.criteria.find((c) => c.code === 'nomination_approved')).toMatchObject({
      required: 1,
      current: 0,
      met: false,
    });

    const elsewhere = await http()
      .post('/api/v1/recognition/nominations')
      .set(otherAreaAdmin.auth)
      .send({ memberId: teacher.id, statement: 'ครูผู้สร้างแรงบันดาลใจให้เพื่อนครูทั้งเขตพื้นที่' });
    expect([elsewhere.status, elsewhere.body.code]).toEqual([403, 'RECOGNITION_NOMINATION_FORBIDDEN']);

    const nominated = await http()
      .post('/api/v1/recognition/nominations')
      .set(areaAdmin.auth)
      .send({ memberId: teacher.id, statement: 'ครูผู้สร้างแรงบันดาลใจให้เพื่อนครูทั้งเขตพื้นที่' })
      .expect(201);
    expect(nominated.body).toMatchObject({
      status: 'pending',
      member: { id: teacher.id },
      areaId: school.areaId,
    });
    const twice = await http()
      .post('/api/v1/recognition/nominations')
      .set(areaAdmin.auth)
      .send({ memberId: teacher.id, statement: 'เสนอชื่อซ้ำระหว่างรอการพิจารณาจาก สพฐ.' });
    expect([twice.status, twice.body.code]).toEqual([409, 'RECOGNITION_NOMINATION_OPEN']);
    const listed = await http()
      .get('/api/v1/recognition/nominations?status=pending')
      .set(areaAdmin.auth)
      .expect(200);
    expect(listed.body.items.map((n: { id: string }) => n.id)).toContain(nominated.body.id);
    expect(
      (await http().get('/api/v1/recognition/nominations').set(otherAreaAdmin.auth).expect(200)).body.items,
    ).toEqual([]);

    await http()
      .post(`/api/v1/admin/recognition/nominations/${nominated.body.id}/approve`)
      .set(obec.auth)
      .expect(200);
    const again = await http()
      .post(`/api/v1/admin/recognition/nominations/${nominated.body.id}/reject`)
      .set(obec.auth)
      .send({ reason: 'ตัดสินใจใหม่' });
    expect([again.status, again.body.code]).toEqual([409, 'RECOGNITION_NOMINATION_DECIDED']);
    const top = await eventually(async () => {
      const level = await myLevel(teacher);
      return level.level.code === 'influencer' ? level : undefined;
    }, 5_000);
    expect(top.level).toMatchObject({ rank: 4, th: 'ผู้ทรงอิทธิพลด้านการศึกษา', en: 'Education Influencer' });
    expect(top.next).toBeNull();
    expect(await levelRows(teacher.id)).toEqual(['practitioner', 'change_agent', 'influencer']);
  });

  it('lets OBEC revoke a level with a reason (audited); it and the levels above are not earned again', async () => {
    const missing = await http()
      .post(`/api/v1/admin/recognition/members/${teacher.id}/levels/change_agent/revoke`)
      .set(obec.auth)
      .send({});
    expect([missing.status, missing.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    const revoked = await http()
      .post(`/api/v1/admin/recognition/members/${teacher.id}/levels/change_agent/revoke`)
      .set(obec.auth)
      .send({ reason: 'ผลงานที่ใช้ประกอบมีการคัดลอก' })
      .expect(200);
    expect(revoked.body.level.code).toBe('practitioner');
    expect(revoked.body.next).toBeNull();
    expect(await levelRows(teacher.id)).toEqual([
      'practitioner',
      'change_agent (revoked)',
      'influencer (revoked)',
    ]);
    const [audit] = await api.dataSource.query(
      `SELECT reason, details FROM audit_log WHERE action = 'recognition.level_revoked' AND target_id = $1`,
      [teacher.id],
    );
    expect(audit).toMatchObject({ reason: 'ผลงานที่ใช้ประกอบมีการคัดลอก', details: { level: 'change_agent' } });

    // More qualifying work does not bring it back.
    await rate(teacher, peerInnovations[5]!);
    // Once the recognition subscriber has handled that rating, the level is still the one below the revoked one.
    await eventually(async () => {
      const [row] = await api.dataSource.query(
        `SELECT count(*)::int AS n FROM outbox_event o JOIN processed_event p
           ON p.event_id = o.id AND p.subscriber = 'recognition'
         WHERE o.type = 'rating.submitted' AND o.payload->>'innovationId' = $1 AND o.payload->>'actorId' = $2`,
        [peerInnovations[5], teacher.id],
      );
      return row.n === 1 ? true : undefined;
    });
    expect((await myLevel(teacher)).level.code).toBe('practitioner');
    const twice = await http()
      .post(`/api/v1/admin/recognition/members/${teacher.id}/levels/change_agent/revoke`)
      .set(obec.auth)
      .send({ reason: 'ซ้ำ' });
    expect([twice.status, twice.body.code]).toEqual([404, 'RECOGNITION_LEVEL_NOT_HELD']);
  });

  it('lets a perk ask a level: members below it see it as not for them and are refused, members at it redeem', async () => {
    const partner = await given.partner('สถาบันพัฒนาผู้นำการเปลี่ยนแปลง');
    const staff = await given.member({ roles: [{ role: 'partner_staff', scopeId: partner.id }] });
    const perkFor = async (minLevel: string) => {
      const created = await http()
        .post('/api/v1/partner/perks')
        .set(staff.auth)
        .send({
          title: `ค่ายผู้นำ ${minLevel}`,
          category: 'training',
          cost: 1,
          stock: null,
          fulfilment: 'manual',
          eligibility: { minLevel },
        })
        .expect(201);
      expect(created.body.eligibility).toEqual({ minLevel });
      await http().post(`/api/v1/partner/perks/${created.body.id}/submit`).set(staff.auth).expect(200);
      await http().post(`/api/v1/admin/perks/${created.body.id}/approve`).set(obec.auth).expect(200);
      return created.body.id as string;
    };
    const forPractitioners = await perkFor('practitioner');
    const forChangeAgents = await perkFor('change_agent');
    const bad = await http()
      .post('/api/v1/partner/perks')
      .set(staff.auth)
      .send({
        title: 'x',
        category: 'training',
        cost: 1,
        stock: null,
        fulfilment: 'manual',
        eligibility: { minLevel: 'guru' },
      });
    expect([bad.status, bad.body.code]).toEqual([400, 'VALIDATION_FAILED']);

    // The teacher is a practitioner (their change agent level was revoked above), with points to spend.
    expect((await myLevel(teacher)).level.code).toBe('practitioner');
    const eligible = async (id: string) =>
      (await http().get(`/api/v1/perks/${id}`).set(teacher.auth).expect(200)).body.eligible as boolean;
    expect(await eligible(forPractitioners)).toBe(true);
    expect(await eligible(forChangeAgents)).toBe(false);
    const redeem = (id: string) =>
      http()
        .post(`/api/v1/perks/${id}/redemptions`)
        .set(teacher.auth)
        .set('idempotency-key', `level-${id}`)
        .send({});
    const refused = await redeem(forChangeAgents);
    expect([refused.status, refused.body.code]).toEqual([403, 'PERK_NOT_ELIGIBLE']);
    expect((await redeem(forPractitioners)).status).toBe(201);
    // A member at the first level is not a practitioner.
    const newcomer = await given.member({ schoolId: school.id });
    expect(
      (await http().get(`/api/v1/perks/${forPractitioners}`).set(newcomer.auth).expect(200)).body.eligible,
    ).toBe(false);
  });
});
