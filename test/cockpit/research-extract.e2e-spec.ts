import request from 'supertest';
import { parse } from 'csv-parse/sync';
import { fullInnovation } from '../support/fixtures';
import { Given, GivenMember, GivenSchool } from '../support/given';
import { createTestEnvironment, startTestApp, TestApp, TestEnvironment } from '../support/test-app';

jest.setTimeout(120_000);

const today = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
const rating = (overall: number) => ({
  overall,
  criteria: { clarity: overall, effect: overall, adoptability: 3, competencyFit: 4 },
});

/**
 * OBEC admins download de-identified research datasets (seed 003 §8): members only as keyed pseudonyms, no names,
 * e-mail or free text; the place (area, school, kind) of a group under 5 people generalised away, and counts or
 * averages over fewer than 5 people written as "<5"; every download audited.
 */
describe('Cockpit: research extracts are de-identified', () => {
  let environment: TestEnvironment;
  let api: TestApp;
  let given: Given;
  let obec: GivenMember;
  let bigSchool: GivenSchool;
  let smallSchool: GivenSchool;
  let bigTeachers: GivenMember[];
  let smallTeachers: GivenMember[];
  let everyone: GivenMember[];
  let ratedByThree: string;
  let ratedByFive: string;

  const publish = async (by: GivenMember, title: string) => {
    const draft = await request(api.url)
      .post('/api/v1/innovations')
      .set(by.auth)
      .send(fullInnovation({ title }))
      .expect(201);
    await request(api.url).post(`/api/v1/innovations/${draft.body.id}/publish`).set(by.auth).expect(200);
    return draft.body.id as string;
  };

  const extract = async (dataset: string, as: GivenMember = obec) => {
    const response = await request(api.url)
      .get('/api/v1/cockpit/research-extract')
      .query({ dataset, from: today(), to: today() })
      .set(as.auth)
      .buffer(true)
      .parse((res, callback) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => callback(null, Buffer.concat(chunks).toString('utf8')));
      });
    return response;
  };
  const rowsOf = (text: string) =>
    parse(text.replace(/^\uFEFF/, ''), { columns: true, skip_empty_lines: true }) as Record<string, string>[];

  beforeAll(async () => {
    environment = await createTestEnvironment();
    api = await startTestApp(environment);
    given = new Given(api);
    obec = await given.member({ roles: [{ role: 'obec_admin' }] });
    bigSchool = await given.school('P81', 'โรงเรียนใหญ่ทดสอบ');
    smallSchool = await given.school('P81', 'โรงเรียนเล็กทดสอบ');
    bigTeachers = [];
    for (let i = 0; i < 6; i++)
      bigTeachers.push(await given.member({ schoolId: bigSchool.id, displayName: `ครูโรงเรียนใหญ่ ${i}` }));
    smallTeachers = [];
    for (let i = 0; i < 3; i++)
      smallTeachers.push(await given.member({ schoolId: smallSchool.id, displayName: `ครูโรงเรียนเล็ก ${i}` }));
    everyone = [obec, ...bigTeachers, ...smallTeachers];
    const ids: string[] = [];
    for (const [i, teacher] of [...bigTeachers, ...smallTeachers].entries()) {
      ids.push(await publish(teacher, `นวัตกรรมของครูคนที่ ${i} ชื่อเฉพาะ`));
    }
    ratedByThree = ids[0]!;
    ratedByFive = ids[1]!;
    for (const rater of bigTeachers.slice(1, 4)) {
      await request(api.url)
        .put(`/api/v1/innovations/${ratedByThree}/rating`)
        .set(rater.auth)
        .send(rating(4))
        .expect(200);
    }
    for (const rater of [bigTeachers[0]!, ...bigTeachers.slice(2, 6)]) {
      await request(api.url)
        .put(`/api/v1/innovations/${ratedByFive}/rating`)
        .set(rater.auth)
        .send(rating(5))
        .expect(200);
    }
    await request(api.url)
      .post(`/api/v1/innovations/${ratedByFive}/comments`)
      .set(smallTeachers[0]!.auth)
      .send({ body: `ขอบคุณครับ ติดต่อผมที่ ${smallTeachers[0]!.email}` })
      .expect(201);
    await given.points(bigTeachers[0]!.id, 40);
  }, 120_000);

  afterAll(async () => {
    await api?.close();
    await environment?.drop();
  });

  it('names nobody: no name, e-mail, title or comment text of any member appears in any dataset', async () => {
    for (const dataset of ['innovations', 'feedback', 'adoptions', 'points']) {
      const response = await extract(dataset);
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/csv/);
      expect(response.headers['content-disposition']).toContain(`research-${dataset}-`);
      const text = response.body as string;
      for (const member of everyone) {
        expect(text).not.toContain(member.email);
        expect(text).not.toContain(member.displayName);
        expect(text).not.toContain(member.id);
      }
      expect(text).not.toContain('ชื่อเฉพาะ');
      expect(text).not.toContain('ขอบคุณครับ');
      expect(text).not.toContain('ทดสอบ'); // the award's reason text
    }
  });

  it('lists every published innovation, authors as pseudonyms that stay the same across datasets', async () => {
    const innovations = rowsOf((await extract('innovations')).body);
    expect(innovations).toHaveLength(9);
    const authors = new Set(innovations.map((row) => row.author));
    expect(authors.size).toBe(9);
    for (const author of authors) expect(author).toMatch(/^p_[0-9a-f]{20}$/);
    const feedback = rowsOf((await extract('feedback')).body);
    const ofFive = feedback.filter((row) => row.innovation_id === ratedByFive);
    expect(ofFive.map((row) => row.feedback_type).sort()).toEqual(['comment', ...Array(5).fill('rating')]);
    const author = innovations.find((row) => row.innovation_id === ratedByFive)!.author;
    expect(new Set(ofFive.map((row) => row.innovation_author))).toEqual(new Set([author]));
    // The comment is there by its length only.
    expect(Number(ofFive.find((row) => row.feedback_type === 'comment')!.comment_length)).toBeGreaterThan(10);
  });

  it('suppresses a cell of 3 people: the small school and its teachers are not placed, and an average of 3 ratings is "<5"', async () => {
    const innovations = rowsOf((await extract('innovations')).body);
    const big = innovations.filter((row) => row.school_code === bigSchool.code);
    expect(big).toHaveLength(6);
    expect(new Set(big.map((row) => row.area_code))).toEqual(new Set(['P81']));
    expect(new Set(big.map((row) => row.member_kind))).toEqual(new Set(['teacher']));
    // The three teachers of the small school: no school, and no area or kind either (3 people in the rest of P81).
    const unplaced = innovations.filter((row) => row.school_code === '');
    expect(unplaced).toHaveLength(3);
    for (const row of unplaced) expect([row.area_code, row.member_kind]).toEqual(['', '']);
    expect(JSON.stringify(innovations)).not.toContain(smallSchool.code);

    const three = innovations.find((row) => row.innovation_id === ratedByThree)!;
    expect([three.rating_count, three.rating_average]).toEqual(['<5', '<5']);
    const five = innovations.find((row) => row.innovation_id === ratedByFive)!;
    expect([five.rating_count, five.rating_average]).toEqual(['5', '5.00']);
  });

  it('writes points movements without their reason texts, signed from the member’s side', async () => {
    const points = rowsOf((await extract('points')).body);
    const awards = points.filter((row) => row.reason_code === 'test');
    expect(awards).toHaveLength(1);
    expect(awards[0]!.points).toBe('40');
    expect(awards[0]!.kind).toBe('award');
  });

  it('audits every download: who, which dataset, which period', async () => {
    const before = await api.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'research.extract' AND actor_id = $1`,
      [obec.id],
    );
    await extract('adoptions');
    const [entry] = await api.dataSource.query(
      `SELECT target_id, details FROM audit_log WHERE action = 'research.extract' AND actor_id = $1 ORDER BY seq DESC LIMIT 1`,
      [obec.id],
    );
    const after = await api.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'research.extract' AND actor_id = $1`,
      [obec.id],
    );
    expect(after[0].n).toBe(before[0].n + 1);
    expect(entry).toEqual({
      target_id: 'adoptions',
      details: { dataset: 'adoptions', from: today(), to: today() },
    });
  });

  it('is for OBEC admins only, and refuses an unknown dataset or a period that is not one', async () => {
    const areaAdmin = await given.member({ roles: [{ role: 'area_admin', scopeId: bigSchool.areaId }] });
    const refused = await extract('innovations', areaAdmin);
    expect(refused.status).toBe(403);
    expect(bigTeachers[0] && (await extract('innovations', bigTeachers[0])).status).toBe(403);
    const get = (query: Record<string, string>) =>
      request(api.url).get('/api/v1/cockpit/research-extract').query(query).set(obec.auth);
    const unknown = await get({ dataset: 'members', from: today(), to: today() });
    expect([unknown.status, unknown.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    const backwards = await get({ dataset: 'points', from: '2026-10-02', to: '2026-10-01' });
    expect([backwards.status, backwards.body.code]).toEqual([400, 'RESEARCH_PERIOD_INVALID']);
    const tooLong = await get({ dataset: 'points', from: '2025-01-01', to: '2026-06-30' });
    expect([tooLong.status, tooLong.body.code]).toEqual([400, 'RESEARCH_PERIOD_INVALID']);
    const notADay = await get({ dataset: 'points', from: '2026-02-30', to: '2026-03-01' });
    expect([notADay.status, notADay.body.code]).toEqual([400, 'RESEARCH_PERIOD_INVALID']);
    const dictionary = await request(api.url)
      .get('/api/v1/cockpit/research-extract/dictionary')
      .set(obec.auth)
      .expect(200);
    expect(dictionary.body.minGroup).toBe(5);
    expect(dictionary.body.datasets.map((d: { dataset: string }) => d.dataset)).toEqual([
      'innovations',
      'feedback',
      'adoptions',
      'points',
    ]);
    for (const dataset of dictionary.body.datasets)
      for (const column of dataset.columns) expect(column.th && column.en).toBeTruthy();
  });
});
