import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request, { Response } from 'supertest';
import { Given, GivenMember } from '../support/given';
import { sampleDocx, sampleGif, sampleJpeg, samplePdf, samplePng } from '../support/sample-files';
import { createTestEnvironment, startTestApp, TestApp, TestEnvironment } from '../support/test-app';
import { activityReportBody, freshActivityPlan } from './activity-plans-fixtures';

jest.setTimeout(60_000);

/** Reads any response body as bytes. */
const bytes = (response: Response, callback: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  response.on('data', (chunk: Buffer) => chunks.push(chunk));
  response.on('end', () => callback(null, Buffer.concat(chunks)));
};

describe('Cockpit: evidence files of area activity reports', () => {
  let environment: TestEnvironment;
  let api: TestApp;
  let given: Given;
  let storageDir: string;
  let areaId: string;
  let areaAdmin: GivenMember;
  let otherAreaAdmin: GivenMember;
  let obec: GivenMember;
  let teacher: GivenMember;

  beforeAll(async () => {
    storageDir = await mkdtemp(join(tmpdir(), 'lc-activity-evidence-'));
    environment = await createTestEnvironment({ STORAGE_DRIVER: 'local', STORAGE_DIR: storageDir });
    api = await startTestApp(environment);
    given = new Given(api);
    const school = await given.school('P81');
    areaId = school.areaId;
    areaAdmin = await given.member({ roles: [{ role: 'area_admin', scopeId: areaId }] });
    otherAreaAdmin = await given.member({
      roles: [{ role: 'area_admin', scopeId: await given.areaId('S01') }],
    });
    obec = await given.member({ roles: [{ role: 'obec_admin' }] });
    teacher = await given.member({ schoolId: school.id });
  }, 60_000);

  afterAll(async () => {
    await api?.close();
    await environment?.drop();
    if (storageDir) await rm(storageDir, { recursive: true, force: true });
  });

  const plan = () => freshActivityPlan(api.url, areaAdmin.auth, areaId);
  const upload = (by: GivenMember, planId: string, file: Buffer, filename: string, contentType: string) =>
    request(api.url)
      .post(`/api/v1/activity-plans/${planId}/evidence`)
      .set(by.auth)
      .attach('file', file, { filename, contentType });
  const download = (by: GivenMember, url: string) =>
    request(api.url).get(url).set(by.auth).buffer(true).parse(bytes);
  /** Every file under the storage directory (spool files of uploads in progress included). */
  const storedFiles = async () =>
    (await readdir(storageDir, { recursive: true, withFileTypes: true }))
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name));

  it('takes a PDF and a JPEG from the area admin and gives the same bytes back as attachments', async () => {
    const id = await plan();
    const pdf = samplePdf('Sign-in sheet');
    const sent = await upload(areaAdmin, id, pdf, 'ใบลงทะเบียน.pdf', 'application/pdf').expect(201);
    expect(sent.body).toEqual({
      id: expect.any(String),
      fileName: 'ใบลงทะเบียน.pdf',
      contentType: 'application/pdf',
      sizeBytes: pdf.length,
      uploadedAt: expect.any(String),
      url: `/api/v1/activity-plans/${id}/evidence/${sent.body.id}`,
    });
    const back = await download(areaAdmin, sent.body.url).expect(200);
    expect(back.headers['content-type']).toBe('application/pdf');
    expect(back.headers['content-disposition']).toMatch(/^attachment; /);
    expect(back.headers['x-content-type-options']).toBe('nosniff');
    expect(Buffer.compare(back.body as Buffer, pdf)).toBe(0);

    // A photo named .png is served as the JPEG it is.
    const jpeg = sampleJpeg(64, 48);
    const photo = await upload(areaAdmin, id, jpeg, 'photo.png', 'image/png').expect(201);
    expect(photo.body.contentType).toBe('image/jpeg');
    const photoBack = await download(obec, photo.body.url).expect(200);
    expect(photoBack.headers['content-type']).toBe('image/jpeg');
    expect(Buffer.compare(photoBack.body as Buffer, jpeg)).toBe(0);

    const read = await request(api.url).get(`/api/v1/activity-plans/${id}`).set(areaAdmin.auth).expect(200);
    expect(read.body.evidence.map((file: { id: string }) => file.id)).toEqual([sent.body.id, photo.body.id]);
    const actions = await api.dataSource.query(
      `SELECT action FROM audit_log WHERE target_type = 'activity_plan' AND target_id = $1 ORDER BY seq`,
      [id],
    );
    expect(actions.map((row: { action: string }) => row.action)).toEqual([
      'activity_plan.created',
      'activity_plan.evidence_added',
      'activity_plan.evidence_added',
    ]);
  });

  it('keeps one stored file per image: no thumbnail is left behind', async () => {
    const id = await plan();
    const before = (await storedFiles()).length;
    await upload(areaAdmin, id, samplePng(120, 80), 'photo.png', 'image/png').expect(201);
    expect((await storedFiles()).length).toBe(before + 1);
  });

  it('refuses a GIF, a Word document and a text file named .pdf with 415, keeping none of them', async () => {
    const id = await plan();
    const before = await storedFiles();
    for (const [file, name, type] of [
      [sampleGif(), 'anim.gif', 'image/gif'],
      [
        sampleDocx(),
        'report.docx',
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      ],
      [Buffer.from('not a pdf at all\n'), 'report.pdf', 'application/pdf'],
    ] as const) {
      const response = await upload(areaAdmin, id, file, name, type);
      expect({ name, status: response.status, code: response.body.code }).toEqual({
        name,
        status: 415,
        code: 'ACTIVITY_EVIDENCE_UNSUPPORTED_TYPE',
      });
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    expect(await storedFiles()).toEqual(before);
    const [{ count }] = await api.dataSource.query(
      `SELECT count(*)::int AS count FROM activity_plan_evidence WHERE plan_id = $1`,
      [id],
    );
    expect(count).toBe(0);
  });

  it('refuses a file over 10 MB with 413 ACTIVITY_EVIDENCE_TOO_LARGE', async () => {
    const id = await plan();
    const pdf = samplePdf();
    const big = Buffer.concat([pdf, Buffer.alloc(10 * 1024 * 1024 + 1 - pdf.length, 0x20)]);
    const before = await storedFiles();
    const response = await upload(areaAdmin, id, big, 'big.pdf', 'application/pdf');
    expect(response.status).toBe(413);
    expect(response.body.code).toBe('ACTIVITY_EVIDENCE_TOO_LARGE');
    expect(await storedFiles()).toEqual(before);
  });

  it('refuses uploads and downloads out of scope: another area 403 COCKPIT_SCOPE_FORBIDDEN, a member 403', async () => {
    const id = await plan();
    const sent = await upload(areaAdmin, id, samplePdf(), 'evidence.pdf', 'application/pdf').expect(201);
    const before = await storedFiles();
    const elsewhere = await upload(otherAreaAdmin, id, samplePdf(), 'x.pdf', 'application/pdf');
    expect(elsewhere.status).toBe(403);
    expect(elsewhere.body.code).toBe('COCKPIT_SCOPE_FORBIDDEN');
    const fromMember = await upload(teacher, id, samplePdf(), 'x.pdf', 'application/pdf');
    expect(fromMember.status).toBe(403);
    expect(await storedFiles()).toEqual(before);

    const otherDownload = await request(api.url).get(sent.body.url).set(otherAreaAdmin.auth);
    expect(otherDownload.status).toBe(403);
    expect(otherDownload.body.code).toBe('COCKPIT_SCOPE_FORBIDDEN');
    expect((await request(api.url).get(sent.body.url).set(teacher.auth)).status).toBe(403);
    expect((await request(api.url).get(sent.body.url)).status).toBe(401);
    const removal = await request(api.url).delete(sent.body.url).set(otherAreaAdmin.auth);
    expect(removal.status).toBe(403);
    await download(areaAdmin, sent.body.url).expect(200);
  });

  it('answers 404 for evidence of another plan or none, and removes a file for good', async () => {
    const id = await plan();
    const other = await plan();
    const sent = await upload(areaAdmin, id, samplePdf(), 'evidence.pdf', 'application/pdf').expect(201);
    const crossed = await request(api.url)
      .get(`/api/v1/activity-plans/${other}/evidence/${sent.body.id}`)
      .set(areaAdmin.auth)
      .expect(404);
    expect(crossed.body.code).toBe('ACTIVITY_EVIDENCE_NOT_FOUND');
    const unknownPlan = await upload(areaAdmin, randomUUID(), samplePdf(), 'x.pdf', 'application/pdf');
    expect(unknownPlan.status).toBe(404);
    expect(unknownPlan.body.code).toBe('ACTIVITY_PLAN_NOT_FOUND');

    const before = (await storedFiles()).length;
    await request(api.url).delete(sent.body.url).set(areaAdmin.auth).expect(204);
    expect((await storedFiles()).length).toBe(before - 1);
    const gone = await request(api.url).get(sent.body.url).set(areaAdmin.auth).expect(404);
    expect(gone.body.code).toBe('ACTIVITY_EVIDENCE_NOT_FOUND');
  });

  it('removes the files of a deleted draft, and keeps evidence of a reported plan', async () => {
    const draft = await plan();
    await upload(areaAdmin, draft, samplePdf(), 'a.pdf', 'application/pdf').expect(201);
    await upload(areaAdmin, draft, samplePng(20, 20), 'b.png', 'image/png').expect(201);
    const before = (await storedFiles()).length;
    await request(api.url).delete(`/api/v1/activity-plans/${draft}`).set(areaAdmin.auth).expect(204);
    expect((await storedFiles()).length).toBe(before - 2);

    const reported = await plan();
    await upload(areaAdmin, reported, samplePdf(), 'report.pdf', 'application/pdf').expect(201);
    await request(api.url)
      .post(`/api/v1/activity-plans/${reported}/report`)
      .set(areaAdmin.auth)
      .send(activityReportBody())
      .expect(200);
    await request(api.url).delete(`/api/v1/activity-plans/${reported}`).set(areaAdmin.auth).expect(409);
    const read = await request(api.url)
      .get(`/api/v1/activity-plans/${reported}`)
      .set(areaAdmin.auth)
      .expect(200);
    expect(read.body.evidence).toHaveLength(1);
  });

  it('holds at most 20 files a plan, even when they arrive at once (409 ACTIVITY_EVIDENCE_LIMIT)', async () => {
    const id = await plan();
    const pdf = samplePdf();
    const before = (await storedFiles()).length;
    const responses = await Promise.all(
      Array.from({ length: 24 }, (_, i) => upload(areaAdmin, id, pdf, `page-${i}.pdf`, 'application/pdf')),
    );
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 201)).toHaveLength(20);
    expect(statuses.filter((status) => status === 409)).toHaveLength(4);
    expect(
      responses.filter((response) => response.status === 409).map((response) => response.body.code),
    ).toEqual(Array(4).fill('ACTIVITY_EVIDENCE_LIMIT'));
    const [{ count }] = await api.dataSource.query(
      `SELECT count(*)::int AS count FROM activity_plan_evidence WHERE plan_id = $1`,
      [id],
    );
    expect(count).toBe(20);
    // The refused ones left no file behind.
    expect((await storedFiles()).length).toBe(before + 20);
  });
});
