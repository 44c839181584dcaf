import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readlink, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { connect, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import * as jpeg from 'jpeg-js';
import request from 'supertest';
import { Given, GivenMember } from '../support/given';
import { fullInnovation } from '../support/fixtures';
import { sampleJpeg, samplePdf, samplePng } from '../support/sample-files';
import {
  createTestEnvironment,
  eventually,
  startTestApp,
  TestApp,
  TestEnvironment,
} from '../support/test-app';

const MAX_BYTES = 4 * 1024 * 1024;
/** Requests answered one after the other while a photograph is thumbnailed. */
const HEALTH_CHECKS = 20;

/** A file whose first bytes say PDF, padded to the size wanted. */
const pdfOfSize = (size: number) => {
  const pdf = samplePdf();
  return Buffer.concat([pdf, Buffer.alloc(size - pdf.length, 0x20)]);
};

/** A multipart form of one file, cut in its three pieces: what precedes the file, the file, the closing. */
function form(file: Buffer, filename: string) {
  const boundary = `----lc-h4-${Math.random().toString(36).slice(2)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\n` +
      'Content-Type: application/octet-stream\r\n\r\n',
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { head, file, tail, length: head.length + file.length + tail.length, boundary };
}

interface RawClient {
  socket: Socket;
  /** Everything the server sent, once it closed the connection (or it was reset). */
  answer: Promise<string>;
}

/** Speaks HTTP over a plain socket, so a test can send a body that stops halfway, or never ends. */
async function rawPost(
  baseUrl: string,
  path: string,
  headers: Record<string, string>,
  contentLength: number,
  body: Buffer,
): Promise<RawClient> {
  const { hostname, port } = new URL(baseUrl);
  const socket = connect(Number(port), hostname);
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  const chunks: Buffer[] = [];
  const answer = new Promise<string>((resolve) => {
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', () => undefined);
    socket.once('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
  const lines = Object.entries({ ...headers, 'content-length': String(contentLength) })
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  socket.write(`POST ${path} HTTP/1.1\r\nhost: ${hostname}:${port}\r\n${lines}\r\n`);
  await new Promise<void>((resolve, reject) =>
    socket.write(body, (error) => (error ? reject(error) : resolve())),
  );
  return { socket, answer };
}

/** The status and problem+json body of a raw HTTP answer (null: the connection closed without one). */
function parseAnswer(raw: string): { status: number; body: Record<string, unknown> } | null {
  const match = /^HTTP\/1\.1 (\d{3})/.exec(raw);
  if (!match) return null;
  const text = raw.slice(raw.indexOf('\r\n\r\n') + 4);
  return { status: Number(match[1]), body: JSON.parse(text) as Record<string, unknown> };
}

describe('Attachments: unfinished uploads and large images', () => {
  let environment: TestEnvironment;
  let api: TestApp;
  /** The same API with UPLOAD_TIMEOUT_MS at its least, for the silent clients. */
  let impatient: TestApp;
  let given: Given;
  let outerDir: string;
  let storageDir: string;
  let incomingDir: string;
  let author: GivenMember;
  let innovationId: string;
  /** The incoming folder once both APIs had started. */
  let incomingAtStart: string[];

  beforeAll(async () => {
    outerDir = await mkdtemp(join(tmpdir(), 'lc-attachment-hardening-'));
    storageDir = join(outerDir, 'uploads');
    incomingDir = join(storageDir, '.incoming');
    // What a process that died in the middle of uploads left behind, and an upload of a live one.
    await mkdir(incomingDir, { recursive: true });
    await writeFile(join(incomingDir, 'stale-upload'), Buffer.alloc(5 * 1024, 1));
    const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
    await utimes(join(incomingDir, 'stale-upload'), twoHoursAgo, twoHoursAgo);
    await writeFile(join(incomingDir, 'live-upload'), Buffer.alloc(1024, 1));

    environment = await createTestEnvironment({
      ATTACHMENT_MAX_BYTES: String(MAX_BYTES),
      STORAGE_DRIVER: 'local',
      STORAGE_DIR: storageDir,
    });
    api = await startTestApp(environment);
    impatient = await startTestApp(environment, { overrides: { UPLOAD_TIMEOUT_MS: '1000' } });
    incomingAtStart = await incomingFiles();
    await rm(join(incomingDir, 'live-upload'), { force: true });
    given = new Given(api);
    author = await given.member({ schoolId: (await given.school('P81')).id });
    const draft = await request(api.url)
      .post('/api/v1/innovations')
      .set(author.auth)
      .send(fullInnovation())
      .expect(201);
    innovationId = draft.body.id;
  });

  afterAll(async () => {
    await impatient?.close();
    await api?.close();
    await environment?.drop();
    if (outerDir) await rm(outerDir, { recursive: true, force: true });
  });

  const attachmentsPath = () => `/api/v1/innovations/${innovationId}/attachments`;

  const incomingFiles = async () => (await readdir(incomingDir).catch(() => [] as string[])).sort();

  /** Every stored object (spool files excluded), relative to STORAGE_DIR. */
  async function storedObjects(): Promise<string[]> {
    const entries = await readdir(storageDir, { recursive: true, withFileTypes: true }).catch(() => []);
    return entries
      .filter((entry) => entry.isFile())
      .map((entry) => relative(storageDir, join(entry.parentPath, entry.name)))
      .filter((path) => !path.startsWith('.incoming'))
      .sort();
  }

  /** Files of the incoming folder this process still holds open (deleted or not); [] where /proc is missing. */
  async function openIncomingHandles(): Promise<string[]> {
    if (!existsSync('/proc/self/fd')) return [];
    const targets = await Promise.all(
      (await readdir('/proc/self/fd')).map((fd) => readlink(join('/proc/self/fd', fd)).catch(() => '')),
    );
    return targets.filter((target) => target.startsWith(incomingDir + '/'));
  }

  async function attachmentRows(): Promise<number> {
    const rows: { count: number }[] = await api.dataSource.query(
      `SELECT count(*)::int AS count FROM innovation_attachment WHERE innovation_id = $1`,
      [innovationId],
    );
    return rows[0]!.count;
  }

  /** Waits until the incoming folder is empty and none of its files is held open. */
  const nothingIncoming = () =>
    eventually(async () =>
      (await incomingFiles()).length === 0 && (await openIncomingHandles()).length === 0 ? true : undefined,
    );

  const uploadHeaders = (boundary: string) => ({
    ...author.auth,
    'content-type': `multipart/form-data; boundary=${boundary}`,
  });

  it('at start-up, spool files of a process that died are removed; those of live uploads stay', async () => {
    expect(incomingAtStart).toEqual(['live-upload']);
  });

  it('a client that sends part of a file and leaves leaves no file and no open handle behind', async () => {
    const rowsBefore = await attachmentRows();
    const upload = form(pdfOfSize(2 * 1024 * 1024), 'half.pdf');
    const client = await rawPost(
      api.url,
      attachmentsPath(),
      uploadHeaders(upload.boundary),
      upload.length,
      Buffer.concat([upload.head, upload.file.subarray(0, 1024 * 1024)]),
    );
    // The server is writing the file to its spool when the client goes.
    await eventually(async () => ((await incomingFiles()).length > 0 ? true : undefined));
    client.socket.destroy();
    await client.answer;

    await nothingIncoming();
    expect(await attachmentRows()).toBe(rowsBefore);
    await request(api.url).get('/api/v1/health/live').expect(200);
  });

  it('a body of its full length without the closing boundary is answered 400 at once, leaving nothing', async () => {
    const rowsBefore = await attachmentRows();
    const objectsBefore = await storedObjects();
    const upload = form(pdfOfSize(512 * 1024), 'unfinished.pdf');
    const body = Buffer.concat([upload.head, upload.file]);
    const client = await rawPost(
      api.url,
      attachmentsPath(),
      { ...uploadHeaders(upload.boundary), connection: 'close' },
      body.length,
      body,
    );
    const answer = parseAnswer(await client.answer);
    expect(answer).toMatchObject({ status: 400, body: { code: 'BAD_REQUEST' } });

    await nothingIncoming();
    expect(await attachmentRows()).toBe(rowsBefore);
    expect(await storedObjects()).toEqual(objectsBefore);
    await request(api.url).get('/api/v1/health/live').expect(200);
  });

  it('past UPLOAD_TIMEOUT_MS a silent client gets 408 (or its connection closed) and its file is gone', async () => {
    const rowsBefore = await attachmentRows();
    const upload = form(pdfOfSize(2 * 1024 * 1024), 'slow.pdf');
    const client = await rawPost(
      impatient.url,
      attachmentsPath(),
      uploadHeaders(upload.boundary),
      upload.length,
      Buffer.concat([upload.head, upload.file.subarray(0, 1024 * 1024)]),
    );
    // The client says nothing more and never closes: the server ends the exchange.
    const answer = parseAnswer(await client.answer);
    if (answer) {
      expect(answer).toMatchObject({ status: 408, body: { code: 'ATTACHMENT_UPLOAD_TIMEOUT', status: 408 } });
    }
    await nothingIncoming();
    expect(await attachmentRows()).toBe(rowsBefore);
    await request(impatient.url).get('/api/v1/health/live').expect(200);
  });

  it('past UPLOAD_TIMEOUT_MS a file already received and stored is removed when the form never ends', async () => {
    const rowsBefore = await attachmentRows();
    const objectsBefore = await storedObjects();
    const upload = form(pdfOfSize(256 * 1024), 'no-ending.pdf');
    // The whole file and the start of another part, then silence: the file is complete and goes to storage.
    const client = await rawPost(
      impatient.url,
      attachmentsPath(),
      uploadHeaders(upload.boundary),
      upload.length + 64,
      Buffer.concat([upload.head, upload.file, Buffer.from(`\r\n--${upload.boundary}\r\n`)]),
    );
    await eventually(async () => ((await storedObjects()).length > objectsBefore.length ? true : undefined));
    const answer = parseAnswer(await client.answer);
    if (answer) expect(answer).toMatchObject({ status: 408, body: { code: 'ATTACHMENT_UPLOAD_TIMEOUT' } });

    // What was stored for it is removed, and it was never recorded.
    await eventually(async () =>
      (await storedObjects()).length === objectsBefore.length ? true : undefined,
    );
    expect(await storedObjects()).toEqual(objectsBefore);
    await nothingIncoming();
    expect(await attachmentRows()).toBe(rowsBefore);
  });

  it('an image declaring more pixels than IMAGE_MAX_PIXELS is refused from its header, and nothing is kept', async () => {
    const rowsBefore = await attachmentRows();
    const objectsBefore = await storedObjects();
    // A tiny PNG whose header says 20000 × 20000 (400 megapixels).
    const png = samplePng(8, 8);
    png.writeUInt32BE(20_000, 16);
    png.writeUInt32BE(20_000, 20);
    const refused = await request(api.url)
      .post(attachmentsPath())
      .set(author.auth)
      .attach('file', png, { filename: 'bomb.png', contentType: 'image/png' })
      .expect(422);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.body).toMatchObject({ status: 422, code: 'ATTACHMENT_IMAGE_TOO_LARGE' });

    // A JPEG whose frame header says 30000 × 30000.
    const jpg = sampleJpeg(8, 8);
    const frame = jpg.indexOf(Buffer.from([0xff, 0xc0]));
    jpg.writeUInt16BE(30_000, frame + 5);
    jpg.writeUInt16BE(30_000, frame + 7);
    const english = await request(api.url)
      .post(attachmentsPath())
      .set(author.auth)
      .set('accept-language', 'en')
      .attach('file', jpg, { filename: 'bomb.jpg', contentType: 'image/jpeg' })
      .expect(422);
    expect(english.body.code).toBe('ATTACHMENT_IMAGE_TOO_LARGE');
    expect(english.body.title).toMatch(/more pixels/);

    expect(await attachmentRows()).toBe(rowsBefore);
    expect(await storedObjects()).toEqual(objectsBefore);
    await nothingIncoming();
    await request(api.url).get('/api/v1/health/live').expect(200);
  });

  it('while a 12-megapixel photograph is thumbnailed, the API answers other requests; it gets its thumbnail', async () => {
    const photo = sampleJpeg(4000, 3000);
    const order: string[] = [];
    const uploading = request(api.url)
      .post(attachmentsPath())
      .set(author.auth)
      .attach('file', photo, { filename: 'ห้องเรียน.jpg', contentType: 'image/jpeg' })
      .then((response) => {
        order.push('upload');
        return response;
      });
    // The server holds the whole file: what is left is recognising it and making its thumbnail.
    await eventually(
      async () => {
        for (const name of await incomingFiles()) {
          const size = await stat(join(incomingDir, name))
            .then((info) => info.size)
            .catch(() => 0);
          if (size === photo.length) return true;
        }
        return undefined;
      },
      30_000,
      5,
    );
    // One request after the other: a decode on the event loop would hold the first until the photograph is
    // done, and the upload's answer would then come before the last of them.
    for (let i = 0; i < HEALTH_CHECKS; i++) {
      await request(api.url).get('/api/v1/health/live').expect(200);
      order.push('health');
    }

    const uploaded = await uploading;
    expect(uploaded.status).toBe(201);
    expect(order).toEqual([...Array<string>(HEALTH_CHECKS).fill('health'), 'upload']);
    expect(uploaded.body.thumbnailUrl).toBe(`${uploaded.body.url}/thumbnail`);
    const thumbnail = await request(api.url)
      .get(uploaded.body.thumbnailUrl)
      .set(author.auth)
      .buffer(true)
      .parse((response, callback) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => callback(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(thumbnail.headers['content-type']).toBe('image/jpeg');
    const decoded = jpeg.decode(thumbnail.body as Buffer);
    expect([decoded.width, decoded.height]).toEqual([320, 240]);
    await nothingIncoming();
  }, 60_000);
});
