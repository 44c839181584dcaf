import { INestApplicationContext } from '@nestjs/common';
import request from 'supertest';
import { fiscalYearOf } from '@lc/cockpit';
import { fullInnovation } from '../support/fixtures';
import { Given, GivenMember } from '../support/given';
import {
  createTestEnvironment,
  eventually,
  startTestApp,
  TestApp,
  TestEnvironment,
} from '../support/test-app';
import { startTestWorker } from '../support/test-worker';

interface Portfolio {
  member: { id: string; school: { id: string } | null };
  level: { code: string };
  visibility: string;
  stats: Record<string, number | null>;
  innovations: { id: string; averageRating: number | null; ratings: number; adoptions: number }[];
  competencyRadar: {
    code: string;
    framework: string;
    th: string;
    en: string;
    score: number;
    innovations: number;
  }[];
  teachingProfile: { code: string; average: number | null; ratings: number }[];
  badges: { badge: { code: string } }[];
  certificates: unknown[];
  plan: unknown;
}

/**
 * A member's portfolio: their work and its quality, where it was adopted, their badges and level, a competency radar
 * and a teaching profile from the ratings their work received; visible as the member chose.
 */
describe('Recognition: the portfolio', () => {
  let environment: TestEnvironment;
  let api: TestApp;
  let worker: INestApplicationContext;
  let given: Given;
  let author: GivenMember;
  let raters: GivenMember[];
  let adopters: GivenMember[];
  let reader: GivenMember;
  let innovationId: string;

  const http = () => request(api.url);
  const portfolioOf = (who: GivenMember | null, id: string) =>
    http()
      .get(`/api/v1/members/${id}/portfolio`)
      .set(who ? who.auth : {});

  beforeAll(async () => {
    environment = await createTestEnvironment({ LOG_LEVEL: 'error' });
    api = await startTestApp(environment);
    worker = await startTestWorker(environment);
    given = new Given(api);
    const home = await given.school('P81', 'โรงเรียนแฟ้มผลงาน');
    author = await given.member({ schoolId: home.id });
    raters = await given.members(3, { schoolId: (await given.school('P81', 'โรงเรียนผู้ประเมิน')).id });
    adopters = [
      await given.member({ schoolId: (await given.school('P81', 'โรงเรียนนำไปใช้ หนึ่ง')).id }),
      await given.member({ schoolId: (await given.school('P10', 'โรงเรียนนำไปใช้ สอง')).id }),
    ];
    reader = await given.member({ schoolId: home.id });

    // One innovation building higher-order thinking (declared strength 3) and teamwork (2).
    const draft = await http()
      .post('/api/v1/innovations')
      .set(author.auth)
      .send(fullInnovation({ title: 'โครงงานคิดวิเคราะห์เป็นทีม' }))
      .expect(201);
    innovationId = draft.body.id;
    await http().post(`/api/v1/innovations/${innovationId}/publish`).set(author.auth).expect(200);
    for (const [index, rater] of raters.entries())
      await http()
        .put(`/api/v1/innovations/${innovationId}/rating`)
        .set(rater.auth)
        .send({
          overall: 4 + (index === 0 ? 1 : 0),
          criteria: { clarity: 5, effect: 4, adoptability: 3 + index, competencyFit: 4 },
          competencies: { 'CBC-HT': 2 },
        })
        .expect(200);
    for (const adopter of adopters)
      await http()
        .post(`/api/v1/innovations/${innovationId}/adoptions`)
        .set(adopter.auth)
        .send({
          gradeLevel: 'P5',
          classSize: 28,
          usedOn: new Date(Date.now() - 86_400_000).toISOString().slice(0, 10),
        })
        .expect(201);
  }, 120_000);

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await environment?.drop();
  });

  it('shows the work, its quality and reach, the badges, a competency radar and a teaching profile', async () => {
    const portfolio = await eventually(async () => {
      const body = (await portfolioOf(reader, author.id).expect(200)).body as Portfolio;
      return body.badges.some((b) => b.badge.code === 'first_innovation') ? body : undefined;
    });
    expect(portfolio.member.id).toBe(author.id);
    expect(portfolio.visibility).toBe('members');
    expect(portfolio.stats).toMatchObject({
      innovationsPublished: 1,
      ratingsReceived: 3,
      averageRating: 4.33,
      adoptions: 2,
      adoptingSchools: 2,
      adoptingAreas: 2,
    });
    expect(portfolio.innovations).toEqual([
      expect.objectContaining({ id: innovationId, averageRating: 4.33, ratings: 3, adoptions: 2 }),
    ]);
    // Higher-order thinking: declared 3 (read as 5, counted as two ratings) with three raters' 2 → (2×5 + 6) / 5.
    const radar = new Map(portfolio.competencyRadar.map((c) => [c.code, c]));
    expect(radar.get('CBC-HT')).toMatchObject({
      framework: 'CBC',
      th: 'การคิดขั้นสูง',
      score: 3.2,
      innovations: 1,
    });
    // Teamwork: declared 2 (read as 3), no rater judged it.
    expect(radar.get('CBC-TW')).toMatchObject({ score: 3, innovations: 1 });
    expect(radar.get('KC51-COM')).toMatchObject({ en: 'Communication capacity', score: 0, innovations: 0 });
    expect(portfolio.competencyRadar).toHaveLength(11);
    expect(portfolio.teachingProfile).toEqual([
      expect.objectContaining({ code: 'clarity', average: 5, ratings: 3 }),
      expect.objectContaining({ code: 'effect', average: 4, ratings: 3 }),
      expect.objectContaining({ code: 'adoptability', average: 4, ratings: 3 }),
      expect.objectContaining({ code: 'competencyFit', average: 4, ratings: 3 }),
    ]);
    expect(portfolio.certificates).toEqual([]);
    expect(portfolio.plan).toBeNull();
  });

  it('shows this year’s ID PLAN and its progress only when the member chooses to', async () => {
    const year = fiscalYearOf(new Date()).year;
    const created = await http()
      .post('/api/v1/me/development-plans')
      .set(author.auth)
      .send({
        fiscalYear: year,
        title: 'พัฒนาการคิดขั้นสูงของผู้เรียน',
        goals: [{ competency: 'CBC-HT', targetLevel: 4 }],
        activities: [
          { kind: 'other', title: 'สังเกตการสอนเพื่อนครู', done: true },
          { kind: 'other', title: 'ทดลองใช้โครงงานกับ ป.5' },
        ],
      })
      .expect(201);
    await http()
      .post(`/api/v1/me/development-plans/${created.body.id}/check-ins`)
      .set(author.auth)
      .send({ progress: 60, reflection: 'ทดลองแล้วหนึ่งห้อง' })
      .expect(201);
    expect((await portfolioOf(reader, author.id).expect(200)).body.plan).toBeNull();
    await http()
      .patch(`/api/v1/me/development-plans/${created.body.id}`)
      .set(author.auth)
      .send({ showOnPortfolio: true })
      .expect(200);
    expect((await portfolioOf(reader, author.id).expect(200)).body.plan).toEqual({
      title: 'พัฒนาการคิดขั้นสูงของผู้เรียน',
      fiscalYear: expect.objectContaining({ year }),
      progress: 60,
      goals: [{ competency: 'CBC-HT', th: 'การคิดขั้นสูง', en: 'Higher-order thinking', targetLevel: 4 }],
      activitiesDone: 1,
      activities: 2,
    });
  });

  it('is seen as the member chose: members only by default, private, or public', async () => {
    const guest = await portfolioOf(null, author.id);
    expect([guest.status, guest.body.code]).toEqual([401, 'RECOGNITION_PORTFOLIO_MEMBERS_ONLY']);
    await portfolioOf(reader, author.id).expect(200);

    await http().put('/api/v1/me/privacy').set(author.auth).send({ portfolio: 'private' }).expect(200);
    const member = await portfolioOf(reader, author.id);
    expect([member.status, member.body.code]).toEqual([403, 'RECOGNITION_PORTFOLIO_PRIVATE']);
    expect((await portfolioOf(author, author.id).expect(200)).body.visibility).toBe('private');
    expect((await portfolioOf(null, author.id)).status).toBe(403);

    const chosen = await http()
      .put('/api/v1/me/privacy')
      .set(author.auth)
      .send({ portfolio: 'public' })
      .expect(200);
    expect(chosen.body).toEqual({ leaderboards: true, portfolio: 'public' });
    expect((await portfolioOf(null, author.id).expect(200)).body.member.id).toBe(author.id);
    expect((await http().get('/api/v1/me/privacy').set(author.auth).expect(200)).body).toEqual({
      leaderboards: true,
      portfolio: 'public',
    });

    const bad = await http().put('/api/v1/me/privacy').set(author.auth).send({ portfolio: 'friends' });
    expect([bad.status, bad.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    const missing = await portfolioOf(reader, '00000000-0000-4000-8000-000000000000');
    expect([missing.status, missing.body.code]).toEqual([404, 'RECOGNITION_MEMBER_NOT_FOUND']);
  });
});
