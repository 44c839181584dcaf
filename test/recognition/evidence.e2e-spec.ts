import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplicationContext } from '@nestjs/common';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import request from 'supertest';
import { fiscalYearOf } from '@lc/cockpit';
import { ensurePdftotext, pdfText } from '../pdf/pdf-text';
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

const WEB_URL = 'https://learning.example.test';

/** The first page of a PDF drawn as a picture (poppler's pdftoppm), as a person or a phone camera would see it. */
function firstPageImage(pdf: Buffer): PNG {
  ensurePdftotext(); // poppler-utils brings pdftoppm too
  const directory = mkdtempSync(join(tmpdir(), 'lc-evidence-'));
  try {
    const file = join(directory, 'evidence.pdf');
    execFileSync('bash', ['-c', `cat > "${file}"`], { input: pdf });
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '150',
      '-f',
      '1',
      '-l',
      '1',
      '-singlefile',
      file,
      join(directory, 'page'),
    ]);
    return PNG.sync.read(readFileSync(join(directory, 'page.png')));
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

/**
 * Evidence for evaluation (seed 003 §7): a member's work of a fiscal year as a Thai PDF whose text reads back, whose
 * QR (read from the rendered page) leads to the public verification of that very document.
 */
describe('Recognition: the evidence PDF and its verification', () => {
  let environment: TestEnvironment;
  let api: TestApp;
  let worker: INestApplicationContext;
  let given: Given;
  let teacher: GivenMember;

  const http = () => request(api.url);

  beforeAll(async () => {
    environment = await createTestEnvironment({ LOG_LEVEL: 'error', WEB_URL });
    api = await startTestApp(environment);
    worker = await startTestWorker(environment);
    given = new Given(api);
    teacher = await given.member({
      schoolId: (await given.school('P81', 'โรงเรียนบ้านหลักฐาน')).id,
      displayName: 'ครูสมใจ ใจดี',
    });
    const adopter = await given.member({ schoolId: (await given.school('P10', 'โรงเรียนในเมือง')).id });
    const draft = await http()
      .post('/api/v1/innovations')
      .set(teacher.auth)
      .send(fullInnovation({ title: 'เกมเศษส่วนขนมครก' }))
      .expect(201);
    await http().post(`/api/v1/innovations/${draft.body.id}/publish`).set(teacher.auth).expect(200);
    await http()
      .post(`/api/v1/innovations/${draft.body.id}/adoptions`)
      .set(adopter.auth)
      .send({
        gradeLevel: 'P5',
        classSize: 30,
        usedOn: new Date(Date.now() - 86_400_000).toISOString().slice(0, 10),
      })
      .expect(201);
    await http()
      .post('/api/v1/me/development-plans')
      .set(teacher.auth)
      .send({
        fiscalYear: fiscalYearOf(new Date()).year,
        title: 'พัฒนาทักษะการคิดขั้นสูงของผู้เรียน',
        goals: [{ competency: 'CBC-HT', targetLevel: 4 }],
        activities: [{ kind: 'other', title: 'สังเกตการสอนเพื่อนครู' }],
      })
      .expect(201);
    // The first innovation's badge, so that the document has one to show.
    await eventually(async () => {
      const awards = (await http().get(`/api/v1/members/${teacher.id}/badges`).expect(200)).body as unknown[];
      return awards.length > 0 ? true : undefined;
    });
  }, 120_000);

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await environment?.drop();
  });

  it('prints the year’s work in Thai, with a QR that leads to a page confirming this very document', async () => {
    const response = await http()
      .get('/api/v1/me/evidence')
      .set(teacher.auth)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    const pdf = response.body as Buffer;
    const code = /evidence-\d{4}-([A-Z0-9]{10})\.pdf/.exec(response.headers['content-disposition'])![1]!;

    // The Thai text reads back whole: vowels and tone marks in place, words unbroken.
    const text = pdfText(pdf).replace(/\s+/g, ' ');
    for (const words of [
      'หลักฐานผลงานการจัดการเรียนรู้เชิงรุก',
      'ครูสมใจ ใจดี',
      'โรงเรียนบ้านหลักฐาน',
      'เกมเศษส่วนขนมครก',
      'โรงเรียนในเมือง',
      'นวัตกรรมชิ้นแรก',
      'พัฒนาทักษะการคิดขั้นสูงของผู้เรียน',
      'การคิดขั้นสูง',
      code,
    ])
      expect(text).toContain(words);

    // The QR, read off the page as drawn, is the verification page of this code.
    const page = firstPageImage(pdf);
    const qr = jsQR(new Uint8ClampedArray(page.data), page.width, page.height);
    expect(qr?.data).toBe(`${WEB_URL}/verify/evidence/${code}`);

    // That page's data confirms who, which year, and the file exactly as issued.
    const verified = await http().get(`/api/v1/evidence/${code.toLowerCase()}`).expect(200);
    expect(verified.body).toMatchObject({
      code,
      valid: true,
      member: { displayName: 'ครูสมใจ ใจดี', school: expect.stringContaining('โรงเรียนบ้านหลักฐาน') },
      fiscalYear: { year: fiscalYearOf(new Date()).year },
      sha256: createHash('sha256').update(pdf).digest('hex'),
      totals: { innovationsPublished: 1, adoptions: 1, adoptingSchools: 1, badges: 1 },
    });
  });

  it('says a code that was never issued is not ours (404), signed out too', async () => {
    const unknown = await http().get('/api/v1/evidence/ABCDEFGHJK');
    expect([unknown.status, unknown.body.code]).toEqual([404, 'RECOGNITION_EVIDENCE_NOT_FOUND']);
    const signedOut = await http().get('/api/v1/me/evidence');
    expect(signedOut.status).toBe(401);
  });
});
