import request from 'supertest';
import { CommunityStatsService } from '@lc/community';
import { fullInnovation } from '../support/fixtures';
import { Given, GivenMember, GivenSchool } from '../support/given';
import { OpenApiDocument, responseSchema, schemaMismatches } from '../support/openapi-shape';
import { createTestEnvironment, startTestApp, TestApp, TestEnvironment } from '../support/test-app';

const ratingBody = { overall: 5, criteria: { clarity: 5, effect: 5, adoptability: 4, competencyFit: 5 } };

/** The public numbers of the landing page: anyone may read them, they count what is public, and they are cached. */
describe('GET /api/v1/community/stats', () => {
  let environment: TestEnvironment;
  let api: TestApp;
  let given: Given;
  let document: OpenApiDocument;
  let school: GivenSchool;
  let author: GivenMember;
  let reader: GivenMember;

  beforeAll(async () => {
    environment = await createTestEnvironment();
    api = await startTestApp(environment);
    given = new Given(api);
    document = (await request(api.url).get('/api/docs-json').expect(200)).body as OpenApiDocument;
    school = await given.school('P81');
    author = await given.member({ schoolId: school.id });
    reader = await given.member({ schoolId: school.id });
    const disabled = await given.member({ schoolId: school.id });
    await api.dataSource.query(`UPDATE member SET status = 'disabled', disabled_at = now() WHERE id = $1`, [
      disabled.id,
    ]);

    // Two published innovations (one rated, commented on and adopted) and a draft nobody else can see.
    const create = async (title: string) =>
      (
        await request(api.url)
          .post('/api/v1/innovations')
          .set(author.auth)
          .send(fullInnovation({ title }))
          .expect(201)
      ).body.id as string;
    const first = await create('บัตรคำเศษส่วนจากกระดาษลัง');
    const second = await create('เกมบันไดงูฝึกการอ่านสะกดคำ');
    await create('ร่างที่ยังไม่เผยแพร่');
    for (const id of [first, second]) {
      await request(api.url).post(`/api/v1/innovations/${id}/publish`).set(author.auth).expect(200);
    }
    await request(api.url)
      .put(`/api/v1/innovations/${first}/rating`)
      .set(reader.auth)
      .send(ratingBody)
      .expect(200);
    await request(api.url)
      .post(`/api/v1/innovations/${first}/comments`)
      .set(reader.auth)
      .send({ body: 'นำไปใช้กับ ป.4 แล้ว เด็กชอบมากค่ะ' })
      .expect(201);
    await request(api.url)
      .post(`/api/v1/innovations/${first}/adoptions`)
      .set(reader.auth)
      .send({ gradeLevel: 'P4', classSize: 30, usedOn: '2026-11-20' })
      .expect(201);
    await given.points(reader.id, 40);
    await given.points(author.id, 25);
  }, 60_000);

  afterAll(async () => {
    await api?.close();
    await environment?.drop();
  });

  it('answers a visitor without a token, with the documented shape and the public counts', async () => {
    const response = await request(api.url).get('/api/v1/community/stats').expect(200);
    expect(
      schemaMismatches(document, responseSchema(document, 'get', '/api/v1/community/stats'), response.body),
    ).toEqual([]);
    // Members: the author and the reader; the disabled member is not counted. Innovations: the draft is not.
    expect(response.body).toEqual({
      members: 2,
      innovations: 2,
      ratings: 1,
      comments: 1,
      adoptions: 1,
      pointsIssued: expect.any(Number),
    });
    // Points: at least what was given here (registration and feedback may earn more under the earning rules).
    expect(response.body.pointsIssued).toBeGreaterThanOrEqual(65);
  });

  it('serves the same answer for 30 seconds, then counts again', async () => {
    const before = (await request(api.url).get('/api/v1/community/stats').expect(200)).body as {
      members: number;
    };
    await given.member({ schoolId: school.id });
    const cached = (await request(api.url).get('/api/v1/community/stats').expect(200)).body as {
      members: number;
    };
    expect(cached.members).toBe(before.members);

    // Past the 30 seconds (the clock moved forward), the new member is counted.
    const realNow = Date.now;
    jest.spyOn(Date, 'now').mockImplementation(() => realNow() + 31_000);
    try {
      const fresh = (await request(api.url).get('/api/v1/community/stats').expect(200)).body as {
        members: number;
      };
      expect(fresh.members).toBe(before.members + 1);
    } finally {
      jest.restoreAllMocks();
    }
  });

  it('shares one query among callers who ask at the same moment', async () => {
    const service = api.app.get(CommunityStatsService, { strict: false });
    const realNow = Date.now;
    jest.spyOn(Date, 'now').mockImplementation(() => realNow() + 120_000);
    const query = jest.spyOn(api.dataSource, 'query');
    try {
      const answers = await Promise.all([service.stats(), service.stats(), service.stats()]);
      expect(new Set(answers).size).toBe(1);
      const countQueries = query.mock.calls.filter(([sql]) => String(sql).includes('lifetime_earned'));
      expect(countQueries).toHaveLength(1);
    } finally {
      jest.restoreAllMocks();
    }
  });
});
