import request from 'supertest';
import { BrowserContext, Page } from 'playwright-core';
import { fullInnovation } from '../support/fixtures';
import { GivenMember } from '../support/given';
import { eventually } from '../support/test-app';
import { startWebStack, WebStack } from '../support/web-stack';

/**
 * A teacher's phone on a slow or absent connection: the web app is installable (manifest, icons, service worker),
 * small to load (at most 300 kB of compressed JavaScript before the landing page or the feed is usable), and,
 * offline, still opens and shows the last feed the member loaded.
 */
describe('Web app: installable, light, and usable offline', () => {
  const BUDGET = 300 * 1024;
  let stack: WebStack;
  let reader: GivenMember;
  let title: string;

  beforeAll(async () => {
    stack = await startWebStack();
    const school = await stack.given.school('P81');
    reader = await stack.given.member({ schoolId: school.id });
    const author = await stack.given.member({ schoolId: school.id });
    title = 'สื่อการสอนจากใบตอง วิทย์ ป.4';
    const created = await request(stack.url)
      .post('/api/v1/innovations')
      .set(author.auth)
      .send(fullInnovation({ title }))
      .expect(201);
    await request(stack.url)
      .post(`/api/v1/innovations/${created.body.id}/publish`)
      .set(author.auth)
      .expect(200);
    await eventually(async () => {
      const feed = await request(stack.url).get('/api/v1/feed').set(reader.auth);
      return JSON.stringify(feed.body).includes(title) ? true : undefined;
    });
  });

  afterAll(async () => {
    await stack?.close();
  });

  /** Compressed JavaScript bytes the page downloaded (the browser's own resource timing). */
  const javascriptBytes = (page: Page) =>
    page.evaluate<number>(`performance.getEntriesByType('resource')
      .filter((entry) => entry.name.endsWith('.js'))
      .reduce((sum, entry) => sum + entry.encodedBodySize, 0)`);

  async function person(serviceWorkers: 'allow' | 'block'): Promise<{ context: BrowserContext; page: Page }> {
    const context = await stack.browser.newContext({
      baseURL: stack.url,
      viewport: { width: 360, height: 740 },
      isMobile: true,
      hasTouch: true,
      serviceWorkers,
    });
    context.setDefaultTimeout(15_000);
    return { context, page: await context.newPage() };
  }

  async function signIn(context: BrowserContext, member: GivenMember) {
    const response = await context.request.post('/api/v1/auth/login', {
      data: { email: member.email, password: member.password },
      headers: { 'x-auth-transport': 'cookie' },
    });
    expect(response.status()).toBe(200);
  }

  it('publishes a manifest with a name, a start page and icons that exist', async () => {
    const manifest = (await request(stack.url).get('/manifest.webmanifest').expect(200)).text;
    const parsed = JSON.parse(manifest) as {
      name: string;
      start_url: string;
      display: string;
      icons: { src: string; sizes: string }[];
    };
    expect(parsed.name).toContain('ชุมชนนวัตกรรมการเรียนรู้');
    expect(parsed.display).toBe('standalone');
    expect(parsed.icons.map((icon) => icon.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
    for (const icon of parsed.icons) {
      const image = await request(stack.url).get(icon.src).buffer(true).expect(200);
      expect(image.headers['content-type']).toBe('image/png');
    }
  });

  it('loads the landing page and the feed with at most 300 kB of compressed JavaScript', async () => {
    const guest = await person('block');
    await guest.page.goto('/');
    // Usable: the live numbers are on screen (the page polls them, so the network never goes quiet).
    await guest.page.getByTestId('landing-stats').waitFor();
    const landing = await javascriptBytes(guest.page);
    await guest.context.close();

    const member = await person('block');
    await signIn(member.context, reader);
    await member.page.goto('/feed');
    await member.page.getByTestId('feed-item').filter({ hasText: title }).first().waitFor();
    const feed = await javascriptBytes(member.page);
    await member.context.close();

    expect(landing).toBeGreaterThan(0);
    expect({ landing: landing <= BUDGET, feed: feed <= BUDGET, bytes: { landing, feed } }).toEqual({
      landing: true,
      feed: true,
      bytes: { landing, feed },
    });
  });

  it('opens offline, from the service worker, with the last feed the member loaded', async () => {
    const { context, page } = await person('allow');
    await signIn(context, reader);
    await page.goto('/feed');
    await page.evaluate('navigator.serviceWorker.ready');
    // Once the worker controls the page, the feed it fetches is kept for later.
    await page.reload();
    await page.waitForFunction('navigator.serviceWorker.controller !== null');
    await page.getByTestId('feed-item').filter({ hasText: title }).first().waitFor();

    await context.setOffline(true);
    await page.reload();
    await page.getByTestId('feed-item').filter({ hasText: title }).first().waitFor();
    await context.setOffline(false);
    await context.close();
  });
});
