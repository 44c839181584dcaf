import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { defaultWebRoot } from '../../apps/api/src/web/web-app';
import { Given, GivenMember } from '../support/given';
import { fullInnovation } from '../support/fixtures';
import { createTestEnvironment, startTestApp, TestApp, TestEnvironment } from '../support/test-app';

/**
 * The API serves the built web app at `/`: deep links answer the app, hashed assets are cached for a year, the
 * API's own paths keep their answers, and a shared innovation link carries its Open Graph preview.
 */
describe('Web app: served by the API', () => {
  const root = defaultWebRoot();
  let environment: TestEnvironment;
  let api: TestApp;
  let author: GivenMember;

  beforeAll(async () => {
    if (!existsSync(join(root, 'index.html')))
      throw new Error(
        `The web app is not built (${root}): run \`npm run build:web\` (npm test does it first)`,
      );
    environment = await createTestEnvironment();
    api = await startTestApp(environment);
    const given = new Given(api);
    author = await given.member({ schoolId: (await given.school('P81')).id });
  });

  afterAll(async () => {
    await api?.close();
    await environment?.drop();
  });

  it('answers the app at / and at every app path, so a reload or a shared link works', async () => {
    for (const path of [
      '/',
      '/feed',
      '/innovations',
      '/perks/0194f1d2-0000-7000-8000-000000000000',
      '/no/such/page',
    ]) {
      const response = await request(api.url).get(path).expect(200);
      expect(response.headers['content-type']).toMatch(/text\/html/);
      expect(response.text).toContain('<div id="root"></div>');
      expect(response.headers['cache-control']).toBe('no-cache');
    }
  });

  it('caches hashed assets for a year and revalidates the rest', async () => {
    const assets = readdirSync(join(root, 'assets')).filter((name) => name.endsWith('.js'));
    expect(assets.length).toBeGreaterThan(0);
    const asset = await request(api.url).get(`/assets/${assets[0]}`);
    expect(asset.status).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const manifest = await request(api.url).get('/manifest.webmanifest').expect(200);
    expect(manifest.headers['cache-control']).toContain('no-cache');
    const worker = await request(api.url).get('/sw.js').expect(200);
    expect(worker.headers['cache-control']).toContain('no-cache');
  });

  it('keeps the API answers: an unknown API path or file is a 404 problem, not the app', async () => {
    const missing = await request(api.url).get('/api/v1/no-such-route').expect(404);
    expect(missing.headers['content-type']).toMatch(/application\/problem\+json/);
    await request(api.url).get('/assets/no-such-file.js').expect(404);
    await request(api.url).get('/api/v1/health/live').expect(200);
  });

  it('gives a shared innovation link its title, summary and page address for LINE and Facebook previews', async () => {
    const created = await request(api.url)
      .post('/api/v1/innovations')
      .set(author.auth)
      .send(fullInnovation({ title: 'เกมบันไดงู "คำควบกล้ำ" <ป.2>', summary: 'นักเรียนอ่านคำควบกล้ำผ่านเกม' }))
      .expect(201);
    const id = created.body.id as string;
    const draft = await request(api.url).get(`/innovations/${id}`).expect(200);
    expect(draft.text).not.toContain('คำควบกล้ำ');

    await request(api.url).post(`/api/v1/innovations/${id}/publish`).set(author.auth).expect(200);
    const page = await request(api.url).get(`/innovations/${id}`).expect(200);
    expect(page.text).toContain(
      '<meta property="og:title" content="เกมบันไดงู &quot;คำควบกล้ำ&quot; &lt;ป.2&gt;" />',
    );
    expect(page.text).toContain('<meta property="og:description" content="นักเรียนอ่านคำควบกล้ำผ่านเกม" />');
    expect(page.text).toMatch(new RegExp(`<meta property="og:url" content="http[^"]+/innovations/${id}" />`));
    expect(page.text).toContain(
      '<title>เกมบันไดงู &quot;คำควบกล้ำ&quot; &lt;ป.2&gt; · ชุมชนนวัตกรรมการเรียนรู้</title>',
    );
  });
});
