import { INestApplicationContext } from '@nestjs/common';
import request from 'supertest';
import { Clock } from '@lc/core';
import { fullInnovation } from '../support/fixtures';
import { OpenApiDocument, responseSchema, schemaMismatches } from '../support/openapi-shape';
import { Given, GivenMember, GivenSchool } from '../support/given';
import {
  createTestEnvironment,
  eventually,
  startTestApp,
  TestApp,
  TestEnvironment,
} from '../support/test-app';
import { startTestWorker } from '../support/test-worker';
import { bangkok, DAY, MINUTE, travel } from './activities-world';

const rating = (overall: number) => ({
  overall,
  criteria: { clarity: overall, effect: overall, adoptability: 4, competencyFit: 4 },
});

interface Progress {
  count: number;
  target: number;
  completed: boolean;
  completedAt: string | null;
  percent: number;
}

/**
 * Campaigns and challenges (issue 18 §6): a time-boxed goal, national or for one area, with a bonus per qualifying
 * action inside its window, exact progress for each member and a badge given once on completion.
 */
describe('Activities: campaigns and challenges', () => {
  let environment: TestEnvironment;
  let api: TestApp;
  let worker: INestApplicationContext;
  let given: Given;
  let obec: GivenMember;
  let here: GivenSchool;
  let elsewhere: GivenSchool;
  let areaAdmin: GivenMember;
  let author: GivenMember;
  const innovations: string[] = [];
  let feedbackCampaign: string;

  const http = () => request(api.url);
  const db = () => api.dataSource;
  const now = () => api.app.get(Clock, { strict: false }).now().getTime();

  const campaignBody = (overrides: Record<string, unknown> = {}) => ({
    title: { th: 'ชวนครูให้ข้อเสนอแนะ 3 ครั้ง', en: 'Give feedback three times' },
    description: {
      th: 'ให้คะแนนหรือแสดงความคิดเห็นต่อนวัตกรรมของเพื่อนครู',
      en: 'Rate or comment on peers’ innovations',
    },
    scope: 'national',
    goal: 'give_feedback',
    target: 3,
    startsAt: bangkok(new Date(now() - MINUTE)),
    endsAt: bangkok(new Date(now() + 7 * DAY)),
    bonusPoints: 10,
    ...overrides,
  });
  const createCampaign = async (by: GivenMember, overrides: Record<string, unknown> = {}) => {
    const response = await http().post('/api/v1/admin/campaigns').set(by.auth).send(campaignBody(overrides));
    if (response.status !== 201)
      throw new Error(`creating the campaign failed: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body.id as string;
  };
  const publish = async (who: GivenMember, overrides: Record<string, unknown> = {}) => {
    const draft = await http()
      .post('/api/v1/innovations')
      .set(who.auth)
      .send(fullInnovation(overrides))
      .expect(201);
    await http().post(`/api/v1/innovations/${draft.body.id}/publish`).set(who.auth).expect(200);
    return draft.body.id as string;
  };
  const rate = (who: GivenMember, innovationId: string, overall = 4) =>
    http().put(`/api/v1/innovations/${innovationId}/rating`).set(who.auth).send(rating(overall)).expect(200);
  const comment = (who: GivenMember, innovationId: string) =>
    http()
      .post(`/api/v1/innovations/${innovationId}/comments`)
      .set(who.auth)
      .send({ body: 'ได้ไอเดียไปใช้ในห้องเรียน ขอบคุณครับ' })
      .expect(201);
  const progressOf = async (who: GivenMember, campaignId: string) =>
    (await http().get(`/api/v1/campaigns/${campaignId}/progress`).set(who.auth).expect(200)).body
      .me as Progress;

  /**
   * Every event written so far has been handled by each subscriber concerned: the campaigns' count, the ledger's
   * bonus and recognition's badge (a state to assert the absence of something against).
   */
  const settled = () =>
    eventually(async () => {
      const [row]: { waiting: number }[] = await db().query(
        `SELECT (
           (SELECT count(*) FROM outbox_event WHERE relayed_at IS NULL)
           + (SELECT count(*) FROM outbox_event o WHERE o.type = ANY($1::text[]) AND NOT EXISTS (
               SELECT 1 FROM processed_event p WHERE p.subscriber = 'campaigns' AND p.event_id = o.id))
           + (SELECT count(*) FROM outbox_event o WHERE o.type = 'activity.campaign_action' AND NOT EXISTS (
               SELECT 1 FROM processed_event p WHERE p.subscriber = 'ledger' AND p.event_id = o.id))
           + (SELECT count(*) FROM outbox_event o WHERE o.type = 'activity.campaign_completed' AND NOT EXISTS (
               SELECT 1 FROM processed_event p WHERE p.subscriber = 'recognition' AND p.event_id = o.id))
         )::int AS waiting`,
        [
          [
            'innovation.published',
            'rating.submitted',
            'comment.created',
            'adoption.reported',
            'activity.event_completed',
          ],
        ],
      );
      return row!.waiting === 0 ? true : undefined;
    }, 20_000);
  /** The campaign's bonus transfers to a member: how many, their sum, and over how many distinct actions. */
  const bonusOf = async (member: GivenMember, campaignId: string) =>
    (
      await db().query<{ n: number; total: number; actions: number }[]>(
        `SELECT count(*)::int AS n, coalesce(sum(t.amount), 0)::int AS total,
                count(DISTINCT o.payload->>'sourceEventId')::int AS actions
         FROM ledger_transfer t
         JOIN ledger_account a ON a.id = t.credit_account_id
         JOIN outbox_event o ON o.id = t.source_event_id
         WHERE a.owner_id = $1 AND t.kind = 'award' AND t.reason_code = 'campaign.bonus'
           AND o.payload->>'campaignId' = $2`,
        [member.id, campaignId],
      )
    )[0]!;
  const badgeEvents = async (member: GivenMember, badge: string) =>
    (
      await db().query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM outbox_event
         WHERE type = 'recognition.badge_awarded' AND payload->>'memberId' = $1 AND payload->>'badge' = $2`,
        [member.id, badge],
      )
    )[0]!.n;
  const badgeAwards = async (member: GivenMember, badge: string) =>
    (
      await db().query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM badge_award WHERE member_id = $1 AND badge_code = $2`,
        [member.id, badge],
      )
    )[0]!.n;
  const completions = async (member: GivenMember, campaignId: string) =>
    (
      await db().query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM outbox_event
         WHERE type = 'activity.campaign_completed' AND payload->>'memberId' = $1 AND payload->>'campaignId' = $2`,
        [member.id, campaignId],
      )
    )[0]!.n;
  const restartWorker = async (between: () => Promise<void>) => {
    await worker.close();
    await between();
    worker = await startTestWorker(environment);
  };

  beforeAll(async () => {
    environment = await createTestEnvironment({
      LOG_LEVEL: 'error',
      RATING_LIMIT_PER_MINUTE: '100',
      COMMENT_LIMIT_PER_MINUTE: '100',
    });
    api = await startTestApp(environment);
    worker = await startTestWorker(environment);
    given = new Given(api);
    obec = await given.member({ roles: [{ role: 'obec_admin' }] });
    here = await given.school('P81', 'โรงเรียนแคมเปญ');
    elsewhere = await given.school('S01', 'โรงเรียนต่างเขต');
    areaAdmin = await given.member({ roles: [{ role: 'area_admin', scopeId: here.areaId }] });
    [author] = await given.members(1, { schoolId: here.id });
    for (let i = 0; i < 6; i++) innovations.push(await publish(author!));

    // A campaign badge, made in OBEC's badge editor: criterion 'campaign', given only by a campaign.
    await http()
      .post('/api/v1/admin/recognition/badges')
      .set(obec.auth)
      .send({
        code: 'feedback_sprint',
        th: 'นักให้ข้อเสนอแนะ',
        en: 'Feedback sprinter',
        description: { th: 'ให้ข้อเสนอแนะครบตามแคมเปญ', en: 'Completed the feedback campaign' },
        criteria: { th: 'ให้ข้อเสนอแนะ 3 ครั้งในช่วงแคมเปญ', en: 'Give feedback 3 times during the campaign' },
        criterion: 'campaign',
        required: 1,
      })
      .expect(201);
    feedbackCampaign = await createCampaign(obec, { badgeCode: 'feedback_sprint' });
    await settled();
  }, 120_000);

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await environment?.drop();
  });

  it('counts each feedback exactly, pays its bonus once per action and gives the badge once', async () => {
    const [member] = await given.members(1, { schoolId: here.id });
    const listed = (await http().get('/api/v1/campaigns').set(member!.auth).expect(200)).body as {
      id: string;
      title: { th: string; en: string };
      phase: string;
      badge: { code: string; en: string } | null;
      me: Progress;
    }[];
    expect(listed.find((c) => c.id === feedbackCampaign)).toMatchObject({
      title: { th: 'ชวนครูให้ข้อเสนอแนะ 3 ครั้ง', en: 'Give feedback three times' },
      phase: 'running',
      badge: { code: 'feedback_sprint', en: 'Feedback sprinter' },
      me: { count: 0, target: 3, completed: false, percent: 0 },
    });

    await rate(member!, innovations[0]!);
    await settled();
    expect(await progressOf(member!, feedbackCampaign)).toMatchObject({
      count: 1,
      completed: false,
      percent: 33,
    });
    // A changed rating is the same feedback: it does not count again.
    await rate(member!, innovations[0]!, 5);
    await comment(member!, innovations[1]!);
    await settled();
    expect(await progressOf(member!, feedbackCampaign)).toMatchObject({
      count: 2,
      completed: false,
      percent: 66,
    });
    expect(await badgeAwards(member!, 'feedback_sprint')).toBe(0);

    await rate(member!, innovations[2]!);
    await settled();
    const done = await progressOf(member!, feedbackCampaign);
    expect(done).toMatchObject({ count: 3, target: 3, completed: true, percent: 100 });
    await comment(member!, innovations[3]!);
    await settled();
    // Counting goes on (4 of 3); it completed once, at the third action.
    expect(await progressOf(member!, feedbackCampaign)).toEqual({ ...done, count: 4 });

    expect(await bonusOf(member!, feedbackCampaign)).toEqual({ n: 4, total: 40, actions: 4 });
    expect(await completions(member!, feedbackCampaign)).toBe(1);
    expect(await badgeAwards(member!, 'feedback_sprint')).toBe(1);
    expect(await badgeEvents(member!, 'feedback_sprint')).toBe(1);
    const badges = (await http().get(`/api/v1/members/${member!.id}/badges`).expect(200)).body as {
      badge: { code: string };
      credentialId: string | null;
    }[];
    expect(badges.filter((b) => b.badge.code === 'feedback_sprint')).toEqual([
      expect.objectContaining({ credentialId: expect.any(String) }),
    ]);
    // The member's wallet statement names the bonus in Thai and English.
    const statement = await http().get('/api/v1/me/wallet/transfers').set(member!.auth).expect(200);
    expect(statement.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          amount: 10,
          reason: { code: 'campaign.bonus', th: 'โบนัสแคมเปญ', en: 'Campaign bonus' },
        }),
      ]),
    );
  });

  it('completes once and awards the badge once when the actions arrive in one batch or concurrently', async () => {
    const [batched, concurrent] = await given.members(2, { schoolId: here.id });
    // One batch: the worker is away while the three actions are written, then takes them up together.
    await restartWorker(async () => {
      await rate(batched!, innovations[0]!);
      await comment(batched!, innovations[1]!);
      await rate(batched!, innovations[2]!);
    });
    // Concurrently: four actions at once, handled by whichever batches take them.
    await Promise.all([
      rate(concurrent!, innovations[0]!),
      rate(concurrent!, innovations[1]!),
      comment(concurrent!, innovations[2]!),
      comment(concurrent!, innovations[3]!),
    ]);
    await settled();
    for (const [member, count] of [
      [batched!, 3],
      [concurrent!, 4],
    ] as const) {
      expect(await progressOf(member, feedbackCampaign)).toMatchObject({
        count,
        completed: true,
        percent: 100,
      });
      expect(await bonusOf(member, feedbackCampaign)).toEqual({
        n: count,
        total: count * 10,
        actions: count,
      });
      expect(await completions(member, feedbackCampaign)).toBe(1);
      expect(await badgeAwards(member, 'feedback_sprint')).toBe(1);
      expect(await badgeEvents(member, 'feedback_sprint')).toBe(1);
    }
  });

  it('counts an action by when it happened: one handled after the end still earns, one after the end never does', async () => {
    const [late, after] = await given.members(2, { schoolId: here.id });
    const justInside = await createCampaign(obec, { target: 5, bonusPoints: 7 });
    const justOutside = await createCampaign(obec, { target: 5, bonusPoints: 7 });
    // The worker is away when the action happens; before it comes back, one campaign's window ends a millisecond
    // after the action and the other's exactly at it (windows are [startsAt, endsAt)).
    await restartWorker(async () => {
      await rate(late!, innovations[4]!);
      const [action] = await db().query<{ id: string }[]>(
        `SELECT id FROM outbox_event WHERE type = 'rating.submitted' AND payload->>'actorId' = $1`,
        [late!.id],
      );
      await db().query(
        `UPDATE campaign SET ends_at = (SELECT occurred_at FROM outbox_event WHERE id = $2) + $3::interval
         WHERE id = $1`,
        [justInside, action!.id, '1 millisecond'],
      );
      await db().query(
        `UPDATE campaign SET ends_at = (SELECT occurred_at FROM outbox_event WHERE id = $2) WHERE id = $1`,
        [justOutside, action!.id],
      );
    });
    await settled();
    expect(await progressOf(late!, justInside)).toMatchObject({ count: 1, completed: false });
    expect(await bonusOf(late!, justInside)).toEqual({ n: 1, total: 7, actions: 1 });
    expect(await progressOf(late!, justOutside)).toMatchObject({ count: 0, completed: false });
    expect(await bonusOf(late!, justOutside)).toEqual({ n: 0, total: 0, actions: 0 });

    // A campaign set up two days ago (the clock moved back) for one day: an action now is after its end.
    travel(-2 * DAY, api, worker);
    const over = await createCampaign(obec, {
      target: 1,
      bonusPoints: 10,
      startsAt: bangkok(new Date(now())),
      endsAt: bangkok(new Date(now() + DAY)),
    });
    travel(2 * DAY, api, worker);
    await comment(after!, innovations[4]!);
    await settled();
    expect(await progressOf(after!, over)).toMatchObject({ count: 0, completed: false, percent: 0 });
    expect(await bonusOf(after!, over)).toEqual({ n: 0, total: 0, actions: 0 });
    expect(await completions(after!, over)).toBe(0);
    // It has ended: members no longer see it among the running and upcoming ones. The running one counted it.
    const listed = (await http().get('/api/v1/campaigns').set(after!.auth).expect(200)).body as {
      id: string;
    }[];
    expect(listed.map((c) => c.id)).not.toContain(over);
    expect(await progressOf(after!, feedbackCampaign)).toMatchObject({ count: 1 });
  });

  it('counts only members of its area for an area campaign, and shows it only to them and the area’s admins', async () => {
    const areaCampaign = await createCampaign(areaAdmin, {
      scope: 'area',
      areaId: here.areaId,
      target: 1,
      bonusPoints: 5,
    });
    const [local] = await given.members(1, { schoolId: here.id });
    const [outsider] = await given.members(1, { schoolId: elsewhere.id });
    await comment(local!, innovations[5]!);
    await comment(outsider!, innovations[5]!);
    await settled();

    expect(await progressOf(local!, areaCampaign)).toMatchObject({ count: 1, completed: true });
    expect(await bonusOf(local!, areaCampaign)).toEqual({ n: 1, total: 5, actions: 1 });
    expect(await bonusOf(outsider!, areaCampaign)).toEqual({ n: 0, total: 0, actions: 0 });
    const rows = await db().query(`SELECT member_id FROM campaign_progress WHERE campaign_id = $1`, [
      areaCampaign,
    ]);
    expect(rows).toEqual([{ member_id: local!.id }]);
    // The national campaign counted both.
    expect(await progressOf(outsider!, feedbackCampaign)).toMatchObject({ count: 1 });

    const seen = async (who: GivenMember) =>
      ((await http().get('/api/v1/campaigns').set(who.auth).expect(200)).body as { id: string }[]).map(
        (c) => c.id,
      );
    expect(await seen(local!)).toEqual(expect.arrayContaining([areaCampaign, feedbackCampaign]));
    expect(await seen(outsider!)).not.toContain(areaCampaign);
    expect(await seen(outsider!)).toContain(feedbackCampaign);
    const hidden = await http()
      .get(`/api/v1/campaigns/${areaCampaign}/progress`)
      .set(outsider!.auth)
      .expect(404);
    expect(hidden.body.code).toBe('CAMPAIGN_NOT_FOUND');

    // Totals for the area's admins and OBEC, not for members.
    const forAdmin = await http()
      .get(`/api/v1/campaigns/${areaCampaign}/progress`)
      .set(areaAdmin.auth)
      .expect(200);
    expect(forAdmin.body.totals).toEqual({ participants: 1, completed: 1 });
    const forObec = await http().get(`/api/v1/campaigns/${areaCampaign}/progress`).set(obec.auth).expect(200);
    expect(forObec.body.totals).toEqual({ participants: 1, completed: 1 });
    const forMember = await http()
      .get(`/api/v1/campaigns/${areaCampaign}/progress`)
      .set(local!.auth)
      .expect(200);
    expect(forMember.body.totals).toBeNull();
  });

  it('counts only publications in its learning area for a publishing campaign', async () => {
    const science = await createCampaign(obec, {
      title: { th: 'เผยแพร่นวัตกรรมวิทยาศาสตร์ 2 ชิ้น', en: 'Publish two science innovations' },
      goal: 'publish_innovations',
      learningArea: 'SCI',
      target: 2,
      bonusPoints: 20,
    });
    const [teacher] = await given.members(1, { schoolId: here.id });
    await publish(teacher!, { learningAreas: ['MAT'] });
    await publish(teacher!, { learningAreas: ['SCI', 'MAT'] });
    await settled();
    const progress = await http().get(`/api/v1/campaigns/${science}/progress`).set(teacher!.auth).expect(200);
    expect(progress.body.campaign).toMatchObject({
      goal: 'publish_innovations',
      learningArea: { code: 'SCI', en: 'Science and Technology' },
    });
    expect(progress.body.me).toMatchObject({ count: 1, target: 2, completed: false, percent: 50 });
    expect(await bonusOf(teacher!, science)).toEqual({ n: 1, total: 20, actions: 1 });
  });

  it('lets OBEC create any campaign and area admins only their area’s, audits it and refuses bad input', async () => {
    const otherArea = elsewhere.areaId;
    const forbidden = await http()
      .post('/api/v1/admin/campaigns')
      .set(areaAdmin.auth)
      .send(campaignBody({ scope: 'area', areaId: otherArea }))
      .expect(403);
    expect(forbidden.body.code).toBe('CAMPAIGN_SCOPE_FORBIDDEN');
    expect(
      (await http().post('/api/v1/admin/campaigns').set(areaAdmin.auth).send(campaignBody()).expect(403)).body
        .code,
    ).toBe('CAMPAIGN_SCOPE_FORBIDDEN');
    const [member] = await given.members(1, { schoolId: here.id });
    await http().post('/api/v1/admin/campaigns').set(member!.auth).send(campaignBody()).expect(403);
    const id = await createCampaign(obec, { scope: 'area', areaId: otherArea });
    const [audit] = await db().query(
      `SELECT actor_id, details FROM audit_log WHERE action = 'activity.campaign_created' AND target_id = $1`,
      [id],
    );
    expect(audit).toMatchObject({
      actor_id: obec.id,
      details: { scope: 'area', areaId: otherArea, target: 3 },
    });

    const refused = async (overrides: Record<string, unknown>, code: string) => {
      const response = await http()
        .post('/api/v1/admin/campaigns')
        .set(obec.auth)
        .send(campaignBody(overrides));
      expect([response.status, response.body.code]).toEqual([400, code]);
    };
    await refused({ goal: 'publish_innovations', learningArea: 'XYZ' }, 'CAMPAIGN_LEARNING_AREA_UNKNOWN');
    await refused({ learningArea: 'SCI' }, 'CAMPAIGN_LEARNING_AREA_UNKNOWN');
    await refused(
      { startsAt: bangkok(new Date(now() + DAY)), endsAt: bangkok(new Date(now() + MINUTE)) },
      'CAMPAIGN_INVALID',
    );
    await refused(
      { endsAt: bangkok(new Date(now() - MINUTE)), startsAt: bangkok(new Date(now() - 2 * MINUTE)) },
      'CAMPAIGN_INVALID',
    );
    await refused({ scope: 'area' }, 'CAMPAIGN_INVALID');
    await refused({ badgeCode: 'first_innovation' }, 'CAMPAIGN_BADGE_INVALID');
    await refused({ badgeCode: 'no_such_badge' }, 'CAMPAIGN_BADGE_INVALID');
    await refused({ goal: 'party' }, 'VALIDATION_FAILED');
    await refused({ target: 0 }, 'VALIDATION_FAILED');
    await refused({ bonusPoints: 1001 }, 'VALIDATION_FAILED');
    const missing = await http()
      .get('/api/v1/campaigns/00000000-0000-7000-8000-000000000000/progress')
      .set(member!.auth)
      .expect(404);
    expect(missing.body.code).toBe('CAMPAIGN_NOT_FOUND');
  });

  it('answers exactly what the OpenAPI document says', async () => {
    const document = (await http().get('/api/docs-json').expect(200)).body as OpenApiDocument;
    const check = (method: string, path: string, body: unknown) =>
      expect(schemaMismatches(document, responseSchema(document, method, path), body)).toEqual([]);
    const created = await http()
      .post('/api/v1/admin/campaigns')
      .set(obec.auth)
      .send(campaignBody({ goal: 'publish_innovations', learningArea: 'MAT', badgeCode: 'feedback_sprint' }))
      .expect(201);
    check('post', '/api/v1/admin/campaigns', created.body);
    const [member] = await given.members(1, { schoolId: here.id });
    check(
      'get',
      '/api/v1/campaigns',
      (await http().get('/api/v1/campaigns').set(member!.auth).expect(200)).body,
    );
    for (const who of [member!, obec])
      check(
        'get',
        '/api/v1/campaigns/{id}/progress',
        (await http().get(`/api/v1/campaigns/${feedbackCampaign}/progress`).set(who.auth).expect(200)).body,
      );
  });

  it('never marks progress completed below its target', async () => {
    await settled();
    const [row] = await db().query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM campaign_progress p JOIN campaign c ON c.id = p.campaign_id
       WHERE (p.completed_at IS NOT NULL) <> (p.count >= c.target)`,
    );
    expect(row!.n).toBe(0);
    // Evidence never earns a campaign badge: only completers hold it.
    const [holders] = await db().query<{ awards: number; completers: number }[]>(
      `SELECT (SELECT count(*) FROM badge_award WHERE badge_code = 'feedback_sprint')::int AS awards,
              (SELECT count(*) FROM campaign_progress WHERE campaign_id = $1 AND completed_at IS NOT NULL)::int AS completers`,
      [feedbackCampaign],
    );
    expect(holders!.awards).toBe(holders!.completers);
    expect(holders!.awards).toBe(3);
  });
});
