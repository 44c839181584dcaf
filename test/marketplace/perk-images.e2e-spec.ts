import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request, { Response } from 'supertest';
import { Given, GivenMember } from '../support/given';
import { sampleGif, sampleJpeg, samplePdf, samplePng, sampleWebp } from '../support/sample-files';
import { createTestEnvironment, startTestApp, TestApp, TestEnvironment } from '../support/test-app';

jest.setTimeout(60_000);

/** Reads any response body as bytes. */
const bytes = (response: Response, callback: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  response.on('data', (chunk: Buffer) => chunks.push(chunk));
  response.on('end', () => callback(null, Buffer.concat(chunks)));
};

const IMAGE_PATH = /^\/api\/v1\/perk-images\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('Marketplace: perk pictures uploaded by partner staff', () => {
  let environment: TestEnvironment;
  let api: TestApp;
  let given: Given;
  let storageDir: string;
  let obec: GivenMember;
  let staff: GivenMember;
  let otherStaff: GivenMember;
  let teacher: GivenMember;

  beforeAll(async () => {
    storageDir = await mkdtemp(join(tmpdir(), 'lc-perk-images-'));
    environment = await createTestEnvironment({ STORAGE_DRIVER: 'local', STORAGE_DIR: storageDir });
    api = await startTestApp(environment);
    given = new Given(api);
    obec = await given.member({ roles: [{ role: 'obec_admin' }] });
    const partner = async (code: string, nameTh: string) =>
      (
        await request(api.url)
          .post('/api/v1/admin/partners')
          .set(obec.auth)
          .send({ code, nameTh })
          .expect(201)
      ).body.id as string;
    staff = await given.member({
      roles: [{ role: 'partner_staff', scopeId: await partner('photo-books', 'ร้านหนังสือภาพ') }],
    });
    otherStaff = await given.member({
      roles: [{ role: 'partner_staff', scopeId: await partner('other-shop', 'ร้านค้าอื่น') }],
    });
    teacher = await given.member();
  });

  afterAll(async () => {
    await api?.close();
    await environment?.drop();
    if (storageDir) await rm(storageDir, { recursive: true, force: true });
  });

  const upload = (by: GivenMember | null, file: Buffer, filename: string, contentType: string) => {
    const call = request(api.url).post('/api/v1/partner/perk-images');
    if (by) void call.set(by.auth);
    return call.attach('file', file, { filename, contentType });
  };
  const uploaded = async (by: GivenMember, file: Buffer = samplePng(64, 48)) => {
    const response = await upload(by, file, 'photo.png', 'image/png').expect(201);
    return response.body as { id: string; url: string };
  };
  const fetchImage = (path: string) => request(api.url).get(path).buffer(true).parse(bytes);
  const perkBody = (images: string[]) => ({
    title: 'ชุดหนังสือภาพสำหรับห้องเรียน',
    description: 'หนังสือภาพ 5 เล่มสำหรับครูปฐมวัย',
    category: 'voucher',
    cost: 100,
    stock: 10,
    fulfilment: 'generated_code',
    images,
  });
  /** Every file under the storage directory (spool files of uploads in progress included). */
  const storedFiles = async () =>
    (await readdir(storageDir, { recursive: true, withFileTypes: true }))
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name));

  it('takes a PNG from partner staff and serves the same bytes back, publicly, as image/png', async () => {
    const png = samplePng(120, 90);
    const response = await upload(staff, png, 'IMG_0042.png', 'image/png').expect(201);
    expect(response.body).toEqual({ id: expect.any(String), url: `/api/v1/perk-images/${response.body.id}` });
    expect(response.body.url).toMatch(IMAGE_PATH);

    const image = await fetchImage(response.body.url).expect(200);
    expect(image.headers['content-type']).toBe('image/png');
    expect(image.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(image.headers['x-content-type-options']).toBe('nosniff');
    expect(image.headers['content-disposition'] ?? 'inline').toMatch(/^inline/);
    expect(Buffer.compare(image.body as Buffer, png)).toBe(0);

    const [row] = await api.dataSource.query(
      `SELECT pi.content_type, pi.byte_size, pi.created_by, p.code FROM perk_image pi JOIN partner p ON p.id = pi.partner_id WHERE pi.id = $1`,
      [response.body.id],
    );
    expect(row).toEqual({
      content_type: 'image/png',
      byte_size: png.length,
      created_by: staff.id,
      code: 'photo-books',
    });
  });

  it('serves JPEG and WebP pictures with the type read from their content, whatever the name says', async () => {
    const jpeg = sampleJpeg(80, 60);
    const asJpeg = await upload(staff, jpeg, 'photo.png', 'image/png').expect(201);
    const jpegBack = await fetchImage(asJpeg.body.url).expect(200);
    expect(jpegBack.headers['content-type']).toBe('image/jpeg');
    expect(Buffer.compare(jpegBack.body as Buffer, jpeg)).toBe(0);

    const webp = sampleWebp();
    const asWebp = await upload(staff, webp, 'picture', 'application/octet-stream').expect(201);
    const webpBack = await fetchImage(asWebp.body.url).expect(200);
    expect(webpBack.headers['content-type']).toBe('image/webp');
    expect(Buffer.compare(webpBack.body as Buffer, webp)).toBe(0);
  });

  it('refuses a PDF, a text file named .png and a GIF with 415, keeping none of them', async () => {
    const before = await storedFiles();
    const refused = [
      await upload(staff, samplePdf(), 'flyer.pdf', 'application/pdf'),
      await upload(staff, Buffer.from('this is not a picture\n'), 'photo.png', 'image/png'),
      await upload(staff, sampleGif(), 'anim.gif', 'image/gif'),
    ];
    for (const response of refused) {
      expect(response.status).toBe(415);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body.code).toBe('PERK_IMAGE_UNSUPPORTED_TYPE');
    }
    expect(await storedFiles()).toEqual(before);
    const [{ count }] = await api.dataSource.query(
      `SELECT count(*)::int AS count FROM perk_image WHERE content_type NOT IN ('image/png', 'image/jpeg', 'image/webp')`,
    );
    expect(count).toBe(0);
  });

  it('keeps one stored file per picture: no thumbnail is left behind', async () => {
    const before = (await storedFiles()).length;
    await uploaded(staff);
    expect((await storedFiles()).length).toBe(before + 1);
  });

  it('refuses a picture over 5 MB with 413', async () => {
    const png = samplePng(16, 16);
    const big = Buffer.concat([png, Buffer.alloc(5 * 1024 * 1024 + 1 - png.length, 0)]);
    const response = await upload(staff, big, 'huge.png', 'image/png');
    expect(response.status).toBe(413);
    expect(response.body.code).toBe('ATTACHMENT_TOO_LARGE');
  });

  it('lets only partner staff upload: a member who is not staff gets 403, a guest 401', async () => {
    const member = await upload(teacher, samplePng(32, 32), 'photo.png', 'image/png');
    expect(member.status).toBe(403);
    expect(member.body.code).toBe('FORBIDDEN');
    const guest = await upload(null, samplePng(32, 32), 'photo.png', 'image/png');
    expect(guest.status).toBe(401);
  });

  it('answers 404 problem+json for an unknown picture', async () => {
    const response = await request(api.url).get(`/api/v1/perk-images/${randomUUID()}`).expect(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body.code).toBe('PERK_IMAGE_NOT_FOUND');
    expect(response.headers['cache-control']).not.toMatch(/immutable/);
  });

  it("refuses another partner's picture in a perk's images, on create and on update", async () => {
    const theirs = await uploaded(otherStaff);
    const created = await request(api.url)
      .post('/api/v1/partner/perks')
      .set(staff.auth)
      .send(perkBody([theirs.url]));
    expect(created.status).toBe(422);
    expect(created.body.code).toBe('PERK_IMAGE_NOT_OWN');

    const draft = await request(api.url)
      .post('/api/v1/partner/perks')
      .set(staff.auth)
      .send(perkBody([]))
      .expect(201);
    const mine = await uploaded(staff);
    const updated = await request(api.url)
      .patch(`/api/v1/partner/perks/${draft.body.id}`)
      .set(staff.auth)
      .send({ images: [mine.url, theirs.url] });
    expect(updated.status).toBe(422);
    expect(updated.body.code).toBe('PERK_IMAGE_NOT_OWN');
    const unknown = await request(api.url)
      .patch(`/api/v1/partner/perks/${draft.body.id}`)
      .set(staff.auth)
      .send({ images: [`/api/v1/perk-images/${randomUUID()}`] });
    expect(unknown.status).toBe(422);
    expect(unknown.body.code).toBe('PERK_IMAGE_NOT_OWN');
    const after = await request(api.url)
      .get(`/api/v1/partner/perks/${draft.body.id}`)
      .set(staff.auth)
      .expect(200);
    expect(after.body.images).toEqual([]);
  });

  it('accepts only https URLs and platform picture paths in images (400 VALIDATION_FAILED otherwise)', async () => {
    const id = randomUUID();
    for (const image of [
      'http://example.com/a.jpg',
      '/etc/passwd',
      `/api/v1/perk-images/${id}/../../attachments`,
      '/api/v1/perk-images/not-a-uuid',
      `https-less/api/v1/perk-images/${id}`,
      'data:image/png;base64,iVBORw0KGgo=',
    ]) {
      const response = await request(api.url)
        .post('/api/v1/partner/perks')
        .set(staff.auth)
        .send(perkBody([image]));
      expect({ image, status: response.status, code: response.body.code }).toEqual({
        image,
        status: 400,
        code: 'VALIDATION_FAILED',
      });
    }
    await request(api.url)
      .post('/api/v1/partner/perks')
      .set(staff.auth)
      .send(perkBody(['https://cdn.example.com/perk.jpg']))
      .expect(201);
  });

  it('shows a perk saved with its own uploaded picture under that path in the public perk answer', async () => {
    const cover = await uploaded(staff, samplePng(200, 150));
    const created = await request(api.url)
      .post('/api/v1/partner/perks')
      .set(staff.auth)
      .send(perkBody([cover.url, 'https://cdn.example.com/second.jpg']))
      .expect(201);
    expect(created.body.images).toEqual([cover.url, 'https://cdn.example.com/second.jpg']);
    const second = await uploaded(staff, sampleJpeg(40, 30));
    await request(api.url)
      .patch(`/api/v1/partner/perks/${created.body.id}`)
      .set(staff.auth)
      .send({ images: [cover.url, second.url] })
      .expect(200);
    await request(api.url)
      .post(`/api/v1/partner/perks/${created.body.id}/submit`)
      .set(staff.auth)
      .expect(200);
    await request(api.url).post(`/api/v1/admin/perks/${created.body.id}/approve`).set(obec.auth).expect(200);

    const detail = await request(api.url).get(`/api/v1/perks/${created.body.id}`).expect(200);
    expect(detail.body.images).toEqual([cover.url, second.url]);
    const catalogue = await request(api.url).get('/api/v1/perks').expect(200);
    expect(catalogue.body.items.find((item: { id: string }) => item.id === created.body.id).images).toEqual([
      cover.url,
      second.url,
    ]);
    const picture = await fetchImage(detail.body.images[0]).expect(200);
    expect(picture.headers['content-type']).toBe('image/png');
  });
});
