import request from 'supertest';
import { fullInnovation } from '../support/fixtures';
import { Given, GivenMember } from '../support/given';
import { createTestEnvironment, startTestApp, TestApp, TestEnvironment } from '../support/test-app';

const LIMIT = 3;
const rating = (overall: number) => ({
  overall,
  criteria: { clarity: overall, effect: overall, adoptability: 3, competencyFit: 4 },
});

/**
 * 200 comments in 3.5 s from one member were all accepted: comments (and their edits) and ratings are limited per
 * member per minute, across replicas (counted in Redis), answered 429 FEEDBACK_TOO_FAST with Retry-After, and
 * nothing is written when refused. The limits are small here so a test stays far inside one minute.
 */
describe('Feedback: comments and ratings per member per minute', () => {
  let environment: TestEnvironment;
  let api: TestApp;
  let given: Given;
  let author: GivenMember;

  beforeAll(async () => {
    environment = await createTestEnvironment({
      COMMENT_LIMIT_PER_MINUTE: String(LIMIT),
      RATING_LIMIT_PER_MINUTE: String(LIMIT),
    });
    api = await startTestApp(environment);
    given = new Given(api);
    author = await given.member();
  });

  afterAll(async () => {
    await api?.close();
    await environment?.drop();
  });

  const http = () => request(api.url);
  const publish = async () => {
    const draft = await http()
      .post('/api/v1/innovations')
      .set(author.auth)
      .send(fullInnovation())
      .expect(201);
    await http().post(`/api/v1/innovations/${draft.body.id}/publish`).set(author.auth).expect(200);
    return draft.body.id as string;
  };
  const comment = (member: GivenMember, innovationId: string, body: string) =>
    http().post(`/api/v1/innovations/${innovationId}/comments`).set(member.auth).send({ body });
  const count = async (sql: string, params: unknown[]) =>
    ((await api.dataSource.query(sql, params)) as { n: number }[])[0]!.n;
  const commentsBy = (memberId: string) =>
    count(`SELECT count(*)::int AS n FROM innovation_comment WHERE author_id = $1`, [memberId]);
  const expectTooFast = (response: request.Response) => {
    expect(response.status).toBe(429);
    expect(response.body.code).toBe('FEEDBACK_TOO_FAST');
    expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(response.headers['retry-after'])).toBeLessThanOrEqual(60);
  };

  it('refuses the limit+1-th comment within a minute with 429 and stores nothing; others still comment', async () => {
    const id = await publish();
    const member = await given.member();
    for (let i = 0; i < LIMIT; i++) await comment(member, id, `ความคิดเห็นที่ ${i + 1}`).expect(201);

    const refused = await comment(member, id, 'ความคิดเห็นที่เกินกำหนด');
    expectTooFast(refused);
    expect(refused.body.title).toBe('คุณแสดงความคิดเห็นหรือให้คะแนนถี่เกินไป กรุณารอสักครู่แล้วลองใหม่');
    const english = await comment(member, id, 'one more').set('accept-language', 'en');
    expectTooFast(english);
    expect(english.body.title).toBe('You are commenting or rating too fast; wait a moment and try again');

    expect(await commentsBy(member.id)).toBe(LIMIT);
    const [innovation] = await api.dataSource.query(`SELECT comment_count FROM innovation WHERE id = $1`, [
      id,
    ]);
    expect(innovation.comment_count).toBe(LIMIT);

    // Edits count too, and a refused edit changes nothing.
    const [own] = await api.dataSource.query(
      `SELECT id, body FROM innovation_comment WHERE author_id = $1 ORDER BY id LIMIT 1`,
      [member.id],
    );
    expectTooFast(
      await http()
        .patch(`/api/v1/innovations/${id}/comments/${own.id}`)
        .set(member.auth)
        .send({ body: 'แก้ไขแล้ว' }),
    );
    const [after] = await api.dataSource.query(
      `SELECT body, edited_at FROM innovation_comment WHERE id = $1`,
      [own.id],
    );
    expect(after).toEqual({ body: own.body, edited_at: null });

    const other = await given.member();
    await comment(other, id, 'สมาชิกคนอื่นยังแสดงความคิดเห็นได้').expect(201);
    await http().get(`/api/v1/innovations/${id}/comments`).expect(200);
  });

  it('lets exactly the limit through when one member posts many comments at once', async () => {
    const id = await publish();
    const member = await given.member();
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => comment(member, id, `ความคิดเห็นพร้อมกัน ${i}`)),
    );
    expect(answers.filter((answer) => answer.status === 201)).toHaveLength(LIMIT);
    answers.filter((answer) => answer.status !== 201).forEach(expectTooFast);
    expect(await commentsBy(member.id)).toBe(LIMIT);
  });

  it('counts only what is written: refused for another reason, a comment leaves the limit untouched', async () => {
    const id = await publish();
    const draft = await http()
      .post('/api/v1/innovations')
      .set(author.auth)
      .send(fullInnovation())
      .expect(201);
    const member = await given.member();
    for (let i = 0; i < LIMIT + 2; i++) await comment(member, draft.body.id, 'ร่างยังไม่เผยแพร่').expect(404);
    for (let i = 0; i < LIMIT; i++) await comment(member, id, `ความคิดเห็น ${i}`).expect(201);
    expectTooFast(await comment(member, id, 'เกินกำหนด'));
  });

  it('refuses the limit+1-th rating within a minute with 429 and stores nothing; others still rate', async () => {
    const ids = await Promise.all(Array.from({ length: LIMIT + 1 }, () => publish()));
    const member = await given.member();
    for (const id of ids.slice(0, LIMIT))
      await http().put(`/api/v1/innovations/${id}/rating`).set(member.auth).send(rating(4)).expect(200);
    const last = ids[LIMIT]!;
    expectTooFast(await http().put(`/api/v1/innovations/${last}/rating`).set(member.auth).send(rating(5)));
    expect(
      await count(`SELECT count(*)::int AS n FROM innovation_rating WHERE member_id = $1`, [member.id]),
    ).toBe(LIMIT);
    const [innovation] = await api.dataSource.query(`SELECT rating_count FROM innovation WHERE id = $1`, [
      last,
    ]);
    expect(innovation.rating_count).toBe(0);

    // Changing a rating is a rating too.
    expectTooFast(await http().put(`/api/v1/innovations/${ids[0]}/rating`).set(member.auth).send(rating(1)));
    const mine = await http().get(`/api/v1/innovations/${ids[0]}/rating`).set(member.auth).expect(200);
    expect(mine.body.overall).toBe(4);

    const other = await given.member();
    await http().put(`/api/v1/innovations/${last}/rating`).set(other.auth).send(rating(5)).expect(200);
    // Comments and ratings are counted apart.
    await comment(member, last, 'ยังแสดงความคิดเห็นได้').expect(201);
  });

  it('lets exactly the limit through when one member sends many ratings at once', async () => {
    const id = await publish();
    const member = await given.member();
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        http()
          .put(`/api/v1/innovations/${id}/rating`)
          .set(member.auth)
          .send(rating((i % 5) + 1)),
      ),
    );
    expect(answers.filter((answer) => answer.status === 200)).toHaveLength(LIMIT);
    answers.filter((answer) => answer.status !== 200).forEach(expectTooFast);
    expect(
      await count(`SELECT count(*)::int AS n FROM innovation_rating WHERE innovation_id = $1`, [id]),
    ).toBe(1);
  });
});
