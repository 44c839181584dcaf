import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import * as jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import request, { Response } from 'supertest';
import { Given, GivenMember } from '../support/given';
import { fullInnovation } from '../support/fixtures';
import { sampleDocx, sampleExe, sampleJpeg, samplePdf, samplePng, sampleZip } from '../support/sample-files';
import { createTestEnvironment, startTestApp, TestApp, TestEnvironment } from '../support/test-app';

const MAX_BYTES = 200_000;
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const STORAGE_KEY = /^attachments\/\d{4}\/\d{2}\/[0-9a-f-]{36}(\.thumbnail)?$/;

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/** Reads any response body as bytes. */
const bytes = (response: Response, callback: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  response.on('data', (chunk: Buffer) => chunks.push(chunk));
  response.on('end', () => callback(null, Buffer.concat(chunks)));
};

/** A multipart body written by hand, so the test controls exactly what the file name on the wire is. */
function multipart(parts: { name: string; filename?: string; data: Buffer | string }[]) {
  const boundary = `----lc-test-${Date.now().toString(36)}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition = `form-data; name="${part.name}"${part.filename !== undefined ? `; filename="${part.filename}"` : ''}`;
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: ${disposition}\r\n` +
          (part.filename !== undefined ? 'Content-Type: application/pdf\r\n' : '') +
          '\r\n',
      ),
      Buffer.isBuffer(part.data) ? part.data : Buffer.from(part.data),
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** A file whose first bytes say PDF, padded to the size wanted. */
const pdfOfSize = (size: number) => {
  const pdf = samplePdf();
  return Buffer.concat([pdf, Buffer.alloc(size - pdf.length, 0x20)]);
};

describe('Attachments: files on innovations', () => {
  let environment: TestEnvironment;
  let api: TestApp;
  let given: Given;
  let outerDir: string;
  let storageDir: string;
  let author: GivenMember;
  let reader: GivenMember;
  let adopter: GivenMember;
  let innovationId: string;

  beforeAll(async () => {
    outerDir = await mkdtemp(join(tmpdir(), 'lc-attachments-'));
    storageDir = join(outerDir, 'uploads');
    environment = await createTestEnvironment({
      ATTACHMENT_MAX_BYTES: String(MAX_BYTES),
      STORAGE_DRIVER: 'local',
      STORAGE_DIR: storageDir,
    });
    api = await startTestApp(environment);
    given = new Given(api);
    const school = await given.school('P81');
    author = await given.member({ schoolId: school.id });
    reader = await given.member({ schoolId: (await given.school('P10')).id });
    adopter = await given.member({ schoolId: (await given.school('P10')).id });
    innovationId = await publish(author);
  });

  afterAll(async () => {
    await api?.close();
    await environment?.drop();
    if (outerDir) await rm(outerDir, { recursive: true, force: true });
  });

  async function publish(by: GivenMember): Promise<string> {
    const draft = await request(api.url)
      .post('/api/v1/innovations')
      .set(by.auth)
      .send(fullInnovation())
      .expect(201);
    await request(api.url).post(`/api/v1/innovations/${draft.body.id}/publish`).set(by.auth).expect(200);
    return draft.body.id;
  }

  const upload = (
    id: string,
    by: GivenMember | null,
    file: Buffer,
    filename: string,
    options: { contentType?: string; purpose?: string } = {},
  ) => {
    const call = request(api.url).post(`/api/v1/innovations/${id}/attachments`);
    if (by) void call.set(by.auth);
    if (options.purpose) void call.field('purpose', options.purpose);
    return call.attach('file', file, { filename, contentType: options.contentType ?? 'application/pdf' });
  };

  const download = (path: string, by?: GivenMember) => {
    const call = request(api.url).get(path).buffer(true).parse(bytes);
    if (by) void call.set(by.auth);
    return call;
  };

  /** Every file under STORAGE_DIR, as paths relative to it (temporary spool files included). */
  async function storedFiles(): Promise<string[]> {
    const entries = await readdir(storageDir, { recursive: true, withFileTypes: true }).catch(() => []);
    return entries
      .filter((entry) => entry.isFile())
      .map((entry) => relative(storageDir, join(entry.parentPath, entry.name)))
      .sort();
  }

  async function attachmentRows(id: string): Promise<number> {
    const rows: { count: number }[] = await api.dataSource.query(
      `SELECT count(*)::int AS count FROM innovation_attachment WHERE innovation_id = $1`,
      [id],
    );
    return rows[0]!.count;
  }

  it('a PDF, a Word document and an image are attached and download byte for byte, always as a file', async () => {
    const pdf = samplePdf();
    const docx = sampleDocx();
    const png = samplePng(64, 48);
    const files = [
      // The type the client claims is ignored: the bytes decide.
      {
        data: pdf,
        name: 'แผนการสอน เศษส่วน.pdf',
        claimed: 'application/octet-stream',
        type: 'application/pdf',
      },
      { data: docx, name: 'ใบงาน.docx', claimed: 'text/plain', type: DOCX },
      { data: png, name: 'photo.png', claimed: 'application/pdf', type: 'image/png' },
    ];
    const ids: string[] = [];
    for (const file of files) {
      const created = await upload(innovationId, author, file.data, file.name, {
        contentType: file.claimed,
      }).expect(201);
      expect(created.body).toMatchObject({
        id: expect.any(String),
        fileName: file.name,
        contentType: file.type,
        sizeBytes: file.data.length,
        sha256: sha256(file.data),
        url: `/api/v1/innovations/${innovationId}/attachments/${created.body.id}`,
      });
      ids.push(created.body.id);

      const fetched = await download(created.body.url, reader).expect(200);
      expect(Buffer.compare(fetched.body as Buffer, file.data)).toBe(0);
      expect(fetched.headers['content-type']).toBe(file.type);
      expect(fetched.headers['content-disposition']).toMatch(/^attachment;/);
      expect(fetched.headers['content-disposition']).toContain(
        `filename*=UTF-8''${encodeURIComponent(file.name)}`,
      );
      expect(fetched.headers['x-content-type-options']).toBe('nosniff');
    }
    expect(
      (await request(api.url).get(`/api/v1/innovations/${innovationId}/attachments`).expect(200)).body,
    ).toEqual({
      items: files.map((file, index) =>
        expect.objectContaining({ id: ids[index], fileName: file.name, contentType: file.type }),
      ),
      nextCursor: null,
    });
    // Only generated keys on disk, and no spool file left behind.
    const stored = await storedFiles();
    expect(stored.length).toBeGreaterThanOrEqual(3);
    for (const path of stored) expect(path).toMatch(STORAGE_KEY);
  });

  it('an executable renamed lesson.pdf is refused with 415, as are a plain zip and a web page, and nothing is kept', async () => {
    const before = { rows: await attachmentRows(innovationId), files: await storedFiles() };
    const refused = await upload(innovationId, author, sampleExe(), 'lesson.pdf').expect(415);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.body).toMatchObject({ status: 415, code: 'ATTACHMENT_UNSUPPORTED_TYPE' });
    expect(refused.body.title).toMatch(/PDF/);

    const zip = sampleZip([{ name: 'virus.exe', data: sampleExe() }]);
    const english = await upload(innovationId, author, zip, 'worksheet.docx')
      .set('accept-language', 'en')
      .expect(415);
    expect(english.body.title).toBe(
      'Only PDF, Office documents and PNG, JPEG, GIF or WebP images are accepted, judged by their content',
    );
    await upload(
      innovationId,
      author,
      Buffer.from('<html><script>alert(1)</script></html>'),
      'page.pdf',
    ).expect(415);
    await upload(innovationId, author, Buffer.alloc(0), 'empty.pdf').expect(400);

    expect(await attachmentRows(innovationId)).toBe(before.rows);
    expect(await storedFiles()).toEqual(before.files);
  });

  it('a file over the limit is refused with 413 and nothing is stored; one exactly at the limit is accepted', async () => {
    const before = { rows: await attachmentRows(innovationId), files: await storedFiles() };
    const tooLarge = await upload(innovationId, author, pdfOfSize(MAX_BYTES + 1), 'big.pdf').expect(413);
    expect(tooLarge.body).toMatchObject({ status: 413, code: 'ATTACHMENT_TOO_LARGE' });
    const muchTooLarge = await upload(innovationId, author, pdfOfSize(MAX_BYTES * 3), 'bigger.pdf').expect(
      413,
    );
    expect(muchTooLarge.body.code).toBe('ATTACHMENT_TOO_LARGE');
    // A body declaring itself far beyond the limit is refused before it is read.
    const hopeless = await upload(
      innovationId,
      author,
      pdfOfSize(MAX_BYTES + 3 * 1024 * 1024),
      'huge.pdf',
    ).expect(413);
    expect(hopeless.body.code).toBe('ATTACHMENT_TOO_LARGE');
    expect(await attachmentRows(innovationId)).toBe(before.rows);
    expect(await storedFiles()).toEqual(before.files);

    const atLimit = pdfOfSize(MAX_BYTES);
    const accepted = await upload(innovationId, author, atLimit, 'just-fits.pdf').expect(201);
    expect(accepted.body.sizeBytes).toBe(MAX_BYTES);
    expect(Buffer.compare((await download(accepted.body.url).expect(200)).body as Buffer, atLimit)).toBe(0);
  });

  it('a file named ../../etc/passwd is stored under a generated key and downloads as "passwd"', async () => {
    const passwdBefore = await readFile('/etc/passwd');
    const pdf = samplePdf('not a password file');
    const form = multipart([{ name: 'file', filename: '../../etc/passwd', data: pdf }]);
    const created = await request(api.url)
      .post(`/api/v1/innovations/${innovationId}/attachments`)
      .set(author.auth)
      .set('content-type', form.contentType)
      .send(form.body)
      .expect(201);
    expect(created.body).toMatchObject({ fileName: 'passwd', contentType: 'application/pdf' });

    const fetched = await download(created.body.url).expect(200);
    expect(Buffer.compare(fetched.body as Buffer, pdf)).toBe(0);
    expect(fetched.headers['content-disposition']).toBe(
      `attachment; filename="passwd"; filename*=UTF-8''passwd`,
    );
    // Nothing was written outside STORAGE_DIR, and nothing in it is named after the upload.
    expect(await readFile('/etc/passwd')).toEqual(passwdBefore);
    expect(await readdir(outerDir)).toEqual(['uploads']);
    for (const path of await storedFiles()) expect(path).toMatch(STORAGE_KEY);
  });

  it('only the author attaches: another member gets 403, an anonymous caller 401, and neither leaves a file', async () => {
    const before = { rows: await attachmentRows(innovationId), files: await storedFiles() };
    const forbidden = await upload(innovationId, reader, samplePdf(), 'mine.pdf').expect(403);
    expect(forbidden.body.code).toBe('INNOVATION_NOT_AUTHOR');
    const anonymous = await upload(innovationId, null, samplePdf(), 'anon.pdf').expect(401);
    expect(anonymous.body.code).toBe('UNAUTHENTICATED');
    expect(await attachmentRows(innovationId)).toBe(before.rows);
    expect(await storedFiles()).toEqual(before.files);
  });

  it("anyone may download a published innovation's files; a draft's stay with its author", async () => {
    const pdf = samplePdf('published');
    const published = await upload(innovationId, author, pdf, 'public.pdf').expect(201);
    const anonymous = await download(published.body.url).expect(200);
    expect(Buffer.compare(anonymous.body as Buffer, pdf)).toBe(0);
    const listed = await request(api.url).get(`/api/v1/innovations/${innovationId}/attachments`).expect(200);
    expect(listed.body.items.map((item: { id: string }) => item.id)).toContain(published.body.id);

    const draft = await request(api.url)
      .post('/api/v1/innovations')
      .set(author.auth)
      .send(fullInnovation())
      .expect(201);
    const inDraft = await upload(draft.body.id, author, pdf, 'draft.pdf').expect(201);
    await download(inDraft.body.url, author).expect(200);
    await download(inDraft.body.url, reader).expect(404);
    await download(inDraft.body.url).expect(404);
    await request(api.url).get(`/api/v1/innovations/${draft.body.id}/attachments`).expect(404);
  });

  it('an image gets a 320 px thumbnail and can become the cover; a PDF cannot', async () => {
    const photo = samplePng(480, 360);
    const cover = await upload(innovationId, author, photo, 'ห้องเรียน.png', { purpose: 'cover' }).expect(201);
    expect(cover.body.thumbnailUrl).toBe(`${cover.body.url}/thumbnail`);
    const thumbnail = await download(cover.body.thumbnailUrl).expect(200);
    expect(thumbnail.headers['content-type']).toBe('image/png');
    const decoded = PNG.sync.read(thumbnail.body as Buffer);
    expect([decoded.width, decoded.height]).toEqual([320, 240]);
    const innovation = await request(api.url).get(`/api/v1/innovations/${innovationId}`).expect(200);
    expect(innovation.body.coverAttachmentId).toBe(cover.body.id);

    const jpegPhoto = await upload(innovationId, author, sampleJpeg(800, 600), 'photo.jpg').expect(201);
    const jpegThumbnail = await download(jpegPhoto.body.thumbnailUrl).expect(200);
    expect(jpegThumbnail.headers['content-type']).toBe('image/jpeg');
    expect(jpeg.decode(jpegThumbnail.body as Buffer).width).toBe(320);

    const pdf = await upload(innovationId, author, samplePdf(), 'notes.pdf').expect(201);
    expect(pdf.body.thumbnailUrl).toBeNull();
    await download(`${pdf.body.url}/thumbnail`).expect(404);

    const before = { rows: await attachmentRows(innovationId), files: await storedFiles() };
    const notImage = await upload(innovationId, author, samplePdf(), 'cover.pdf', {
      purpose: 'cover',
    }).expect(415);
    expect(notImage.body.code).toBe('ATTACHMENT_COVER_NOT_IMAGE');
    await upload(innovationId, author, samplePdf(), 'x.pdf', { purpose: 'evidence' }).expect(400);
    expect(await attachmentRows(innovationId)).toBe(before.rows);
    expect(await storedFiles()).toEqual(before.files);
    const still = await request(api.url).get(`/api/v1/innovations/${innovationId}`).expect(200);
    expect(still.body.coverAttachmentId).toBe(cover.body.id);
  });

  it('the member who reported an adoption attaches its evidence; nobody else can', async () => {
    const adoption = await request(api.url)
      .post(`/api/v1/innovations/${innovationId}/adoptions`)
      .set(adopter.auth)
      .send({
        gradeLevel: 'P5',
        classSize: 28,
        usedOn: new Date(Date.now() - 86_400_000).toISOString().slice(0, 10),
      })
      .expect(201);
    const evidencePath = `/api/v1/innovations/${innovationId}/adoptions/${adoption.body.id}/evidence`;
    const evidence = samplePdf('class results');

    const forbidden = await request(api.url)
      .post(evidencePath)
      .set(reader.auth)
      .attach('file', evidence, 'fake.pdf')
      .expect(403);
    expect(forbidden.body.code).toBe('ADOPTION_NOT_REPORTER');
    await request(api.url)
      .post(evidencePath)
      .set(author.auth)
      .attach('file', evidence, 'fake.pdf')
      .expect(403);
    await request(api.url).post(evidencePath).attach('file', evidence, 'fake.pdf').expect(401);

    const attached = await request(api.url)
      .post(evidencePath)
      .set(adopter.auth)
      .attach('file', evidence, 'ผลการเรียน.pdf')
      .expect(201);
    expect(attached.body).toMatchObject({ fileName: 'ผลการเรียน.pdf', contentType: 'application/pdf' });
    const adoptions = await request(api.url).get(`/api/v1/innovations/${innovationId}/adoptions`).expect(200);
    expect(
      adoptions.body.items.find((a: { id: string }) => a.id === adoption.body.id).evidenceAttachmentId,
    ).toBe(attached.body.id);
    const fetched = await download(attached.body.url).expect(200);
    expect(Buffer.compare(fetched.body as Buffer, evidence)).toBe(0);
    // Evidence belongs to the adoption report, not to the innovation's own files.
    const listed = await request(api.url).get(`/api/v1/innovations/${innovationId}/attachments`).expect(200);
    expect(listed.body.items.map((item: { id: string }) => item.id)).not.toContain(attached.body.id);

    await request(api.url)
      .post(`/api/v1/innovations/${innovationId}/adoptions/01900000-0000-7000-8000-000000000000/evidence`)
      .set(adopter.auth)
      .attach('file', evidence, 'x.pdf')
      .expect(404);
  });

  it('an upload without a file part is refused with 400', async () => {
    const before = await attachmentRows(innovationId);
    const form = multipart([{ name: 'purpose', data: 'attachment' }]);
    const missing = await request(api.url)
      .post(`/api/v1/innovations/${innovationId}/attachments`)
      .set(author.auth)
      .set('content-type', form.contentType)
      .send(form.body)
      .expect(400);
    expect(missing.body.code).toBe('ATTACHMENT_FILE_REQUIRED');
    const wrongField = await request(api.url)
      .post(`/api/v1/innovations/${innovationId}/attachments`)
      .set(author.auth)
      .attach('document', samplePdf(), 'lesson.pdf')
      .expect(400);
    expect(wrongField.body.code).toBe('ATTACHMENT_FILE_REQUIRED');
    const json = await request(api.url)
      .post(`/api/v1/innovations/${innovationId}/attachments`)
      .set(author.auth)
      .send({ file: 'lesson.pdf' })
      .expect(400);
    expect(json.body.code).toBe('ATTACHMENT_FILE_REQUIRED');
    expect(await attachmentRows(innovationId)).toBe(before);
  });

  it('the author removes an attachment: it leaves the list and its link; removing the cover clears it', async () => {
    const created = await upload(innovationId, author, samplePdf(), 'old.pdf').expect(201);
    const forbidden = await request(api.url)
      .delete(`/api/v1/innovations/${innovationId}/attachments/${created.body.id}`)
      .set(reader.auth)
      .expect(403);
    expect(forbidden.body.code).toBe('INNOVATION_NOT_AUTHOR');
    await request(api.url)
      .delete(`/api/v1/innovations/${innovationId}/attachments/${created.body.id}`)
      .set(author.auth)
      .expect(204);
    await download(created.body.url).expect(404);
    const listed = await request(api.url).get(`/api/v1/innovations/${innovationId}/attachments`).expect(200);
    expect(listed.body.items.map((item: { id: string }) => item.id)).not.toContain(created.body.id);

    const cover = await upload(innovationId, author, samplePng(32, 32), 'c.png', { purpose: 'cover' }).expect(
      201,
    );
    await request(api.url)
      .delete(`/api/v1/innovations/${innovationId}/attachments/${cover.body.id}`)
      .set(author.auth)
      .expect(204);
    const innovation = await request(api.url).get(`/api/v1/innovations/${innovationId}`).expect(200);
    expect(innovation.body.coverAttachmentId).toBeNull();
  });
});
