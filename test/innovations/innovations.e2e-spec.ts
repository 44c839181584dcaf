import request from 'supertest';
import { Given, GivenMember, GivenSchool } from '../support/given';
import { createTestEnvironment, startTestApp, TestApp, TestEnvironment } from '../support/test-app';
import { fullInnovation } from '../support/fixtures';

describe('Innovations: share and find', () => {
  let environment: TestEnvironment;
  let api: TestApp;
  let given: Given;
  let school: GivenSchool;
  let author: GivenMember;
  let reader: GivenMember;

  beforeAll(async () => {
    environment = await createTestEnvironment();
    api = await startTestApp(environment);
    given = new Given(api);
    school = await given.school('P81');
    author = await given.member({ schoolId: school.id });
    reader = await given.member({ schoolId: (await given.school('P10')).id });
  });

  afterAll(async () => {
    await api?.close();
    await environment?.drop();
  });

  const publish = async (by: GivenMember, body: Record<string, unknown>) => {
    const draft = await request(api.url).post('/api/v1/innovations').set(by.auth).send(body).expect(201);
    return (
      await request(api.url).post(`/api/v1/innovations/${draft.body.id}/publish`).set(by.auth).expect(200)
    ).body;
  };

  it('serves the taxonomy lists in Thai and English', async () => {
    const taxonomy = await request(api.url).get('/api/v1/taxonomy').expect(200);
    expect(taxonomy.body.learningAreas).toContainEqual({
      code: 'MAT',
      th: 'คณิตศาสตร์',
      en: expect.any(String),
    });
    expect(taxonomy.body.competencyFrameworks.map((f: { code: string }) => f.code)).toEqual(['CBC', 'KC51']);
  });

  it('a teacher posts a draft, publishes it, and another finds it by a Thai word inside unspaced text', async () => {
    const draft = await request(api.url)
      .post('/api/v1/innovations')
      .set(author.auth)
      .send(fullInnovation())
      .expect(201);
    expect(draft.body).toMatchObject({
      id: expect.any(String),
      status: 'draft',
      version: 1,
      author: { id: author.id },
    });
    // Drafts are the author's alone.
    await request(api.url).get(`/api/v1/innovations/${draft.body.id}`).set(reader.auth).expect(404);
    await request(api.url).get(`/api/v1/innovations/${draft.body.id}`).expect(404);
    const published = await request(api.url)
      .post(`/api/v1/innovations/${draft.body.id}/publish`)
      .set(author.auth)
      .expect(200);
    expect(published.body.status).toBe('published');
    const shown = await request(api.url).get(`/api/v1/innovations/${draft.body.id}`).expect(200);
    expect(shown.body).toMatchObject({ status: 'published', attachments: [], version: 1, adoptionCount: 0 });

    const found = await request(api.url)
      .get('/api/v1/innovations')
      .query({ q: 'คณิตศาสตร์' })
      .set(reader.auth)
      .expect(200);
    expect(found.body.items.map((i: { id: string }) => i.id)).toContain(draft.body.id);
    const item = found.body.items.find((i: { id: string }) => i.id === draft.body.id);
    expect(item.snippet).toContain('<mark>คณิตศาสตร์</mark>');
    expect(item.body).toBeUndefined();
    // Words inside the summary and tags too, and a partial word (trigram fallback).
    for (const q of ['เศษส่วน', 'ขนมครก', 'ประถม', 'คณิต']) {
      const hits = await request(api.url).get('/api/v1/innovations').query({ q }).expect(200);
      expect(hits.body.items.map((i: { id: string }) => i.id)).toContain(draft.body.id);
    }
    const miss = await request(api.url).get('/api/v1/innovations').query({ q: 'ภูมิศาสตร์' }).expect(200);
    expect(miss.body.items.map((i: { id: string }) => i.id)).not.toContain(draft.body.id);
  });

  it('combines filters, each narrowing the result', async () => {
    const science = await publish(
      author,
      fullInnovation({
        title: 'ทดลองวิทยาศาสตร์ด้วยน้ำส้มสายชู',
        learningAreas: ['SCI'],
        gradeLevels: ['M1'],
        techniques: ['INQ'],
        competencies: [{ code: 'CBC-HT', strength: 2 }],
        license: 'CC-BY',
      }),
    );
    const maths = await publish(
      author,
      fullInnovation({
        title: 'เกมคณิตคิดเร็ว',
        gradeLevels: ['P6'],
        techniques: ['GBL'],
        competencies: [{ code: 'CBC-CM', strength: 1 }],
      }),
    );
    const ids = async (query: Record<string, string>) =>
      (await request(api.url).get('/api/v1/innovations').query(query).expect(200)).body.items.map(
        (i: { id: string }) => i.id,
      );
    expect(await ids({ learningArea: 'SCI' })).toEqual([science.id]);
    expect(await ids({ learningArea: 'MAT', grade: 'P6' })).toEqual([maths.id]);
    expect(await ids({ competency: 'CBC-HT', technique: 'INQ' })).toEqual([science.id]);
    expect(await ids({ learningArea: 'MAT', technique: 'INQ' })).toEqual([]);
    expect(await ids({ license: 'CC-BY', areaId: school.areaId })).toEqual([science.id]);
    expect(await ids({ schoolId: school.id, grade: 'M1' })).toEqual([science.id]);
    expect(await ids({ q: 'วิทยาศาสตร์', learningArea: 'SCI' })).toEqual([science.id]);
    expect(await ids({ q: 'วิทยาศาสตร์', learningArea: 'MAT' })).toEqual([]);
    const otherArea = await request(api.url)
      .get('/api/v1/innovations')
      .query({ areaId: (await given.school('P10')).areaId })
      .expect(200);
    expect(otherArea.body.items).toEqual([]);
    const bad = await request(api.url)
      .get('/api/v1/innovations')
      .query({ learningArea: 'ALCHEMY' })
      .expect(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
  });

  it('pages through results with cursors in every sort order, without repeats', async () => {
    const writer = await given.member({ schoolId: school.id });
    for (let i = 0; i < 23; i++)
      await publish(writer, fullInnovation({ title: `ชุดกิจกรรมหน้า ${i}`, tags: ['ชุดทดสอบหน้า'] }));
    for (const sort of ['newest', 'top', 'adopted', 'trending']) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: request.Response = await request(api.url)
          .get('/api/v1/innovations')
          .query({ q: 'ชุดทดสอบหน้า', sort, ...(cursor ? { cursor } : {}) })
          .expect(200);
        seen.push(...page.body.items.map((i: { id: string }) => i.id));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(seen).toHaveLength(23);
      expect(new Set(seen).size).toBe(23);
    }
  });

  it('renders Markdown to sanitised HTML', async () => {
    const draft = await request(api.url)
      .post('/api/v1/innovations')
      .set(author.auth)
      .send({
        title: 'ทดสอบความปลอดภัย',
        body: '**ตัวหนา** <script>alert(1)</script> <img src=x onerror=alert(1)> [ลิงก์](javascript:alert(1)) [ดี](https://obec.go.th)',
      })
      .expect(201);
    const html: string = draft.body.bodyHtml;
    expect(html).toContain('<strong>ตัวหนา</strong>');
    // Nothing executable survives: no script or img elements, no event-handler attributes, no javascript: links.
    expect(html).not.toMatch(/<script|<img|<[^>]+\son\w+=|href="javascript:/i);
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('href="https://obec.go.th"');
    expect(html).toContain('rel="nofollow noopener noreferrer"');
  });

  it('keeps edits after publishing as versions with a readable history', async () => {
    const innovation = await publish(author, fullInnovation({ title: 'รุ่นแรก' }));
    await request(api.url)
      .patch(`/api/v1/innovations/${innovation.id}`)
      .set(author.auth)
      .send({ title: 'รุ่นที่สอง' })
      .expect(200);
    const third = await request(api.url)
      .patch(`/api/v1/innovations/${innovation.id}`)
      .set(author.auth)
      .send({ summary: 'ปรับปรุงสรุป' })
      .expect(200);
    expect(third.body).toMatchObject({ version: 3, title: 'รุ่นที่สอง', summary: 'ปรับปรุงสรุป' });
    const versions = await request(api.url).get(`/api/v1/innovations/${innovation.id}/versions`).expect(200);
    expect(
      versions.body.items.map((v: { version: number; snapshot: { title: string } }) => [
        v.version,
        v.snapshot.title,
      ]),
    ).toEqual([
      [3, 'รุ่นที่สอง'],
      [2, 'รุ่นที่สอง'],
      [1, 'รุ่นแรก'],
    ]);
    const events = await api.dataSource.query(
      `SELECT type FROM outbox_event WHERE payload->>'innovationId' = $1 ORDER BY seq`,
      [innovation.id],
    );
    expect(events.map((e: { type: string }) => e.type)).toEqual([
      'innovation.published',
      'innovation.updated',
      'innovation.updated',
    ]);
  });

  it('lets only the author edit or publish, and checks codes and completeness', async () => {
    const draft = await request(api.url)
      .post('/api/v1/innovations')
      .set(author.auth)
      .send({ title: 'ยังไม่เสร็จ' })
      .expect(201);
    const other = await request(api.url)
      .patch(`/api/v1/innovations/${draft.body.id}`)
      .set(reader.auth)
      .send({ title: 'ของฉัน' });
    expect(other.status).toBe(404); // a draft is invisible to others
    const incomplete = await request(api.url)
      .post(`/api/v1/innovations/${draft.body.id}/publish`)
      .set(author.auth)
      .expect(422);
    expect(incomplete.body.code).toBe('INNOVATION_INCOMPLETE');
    expect(incomplete.body.errors.map((e: { field: string }) => e.field)).toEqual([
      'summary',
      'body',
      'learningAreas',
      'gradeLevels',
      'competencies',
    ]);
    const mixed = await request(api.url)
      .patch(`/api/v1/innovations/${draft.body.id}`)
      .set(author.auth)
      .send({
        competencies: [
          { code: 'CBC-HT', strength: 2 },
          { code: 'KC51-COM', strength: 2 },
        ],
      })
      .expect(400);
    expect(mixed.body.code).toBe('INNOVATION_UNKNOWN_CODE');
    const strength = await request(api.url)
      .patch(`/api/v1/innovations/${draft.body.id}`)
      .set(author.auth)
      .send({ competencies: [{ code: 'CBC-HT', strength: 4 }] })
      .expect(400);
    expect(strength.body.errors[0].field).toBe('competencies.0.strength');
    await request(api.url)
      .patch(`/api/v1/innovations/${draft.body.id}`)
      .set(author.auth)
      .send({ status: 'published' })
      .expect(400);
    const published = await publish(author, fullInnovation());
    const notMine = await request(api.url)
      .patch(`/api/v1/innovations/${published.id}`)
      .set(reader.auth)
      .send({ title: 'ของฉัน' })
      .expect(403);
    expect(notMine.body.code).toBe('INNOVATION_NOT_AUTHOR');
    const mine = await request(api.url).get('/api/v1/me/innovations').set(author.auth).expect(200);
    expect(mine.body.items.map((i: { id: string; status: string }) => i.status)).toContain('draft');
  });
});
