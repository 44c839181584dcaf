import request from 'supertest';
import { BrowserContext, Page } from 'playwright-core';
import { scriptReadableStorage, text, VIEWPORTS, ViewportName } from '../support/browser';
import { fullInnovation } from '../support/fixtures';
import { GivenMember } from '../support/given';
import { plainTextOf } from '../support/mail-files';
import { eventually } from '../support/test-app';
import { browse, Journey, mailFile, startWebStack, WebStack } from '../support/web-stack';

/**
 * A member's account in the browser: "forgot my password" from the e-mail's link to signing in with the new
 * password; Thai ⇄ English; a reload keeps the session while no token is readable by script; an unknown address
 * shows the app's not-found page; a shared innovation link works when reloaded.
 */
describe('Web journey: my account', () => {
  let stack: WebStack;
  let author: GivenMember;
  let innovationId: string;
  const innovationTitle = 'สื่อการสอนเรื่องเศษส่วนจากขนมไทย';

  beforeAll(async () => {
    stack = await startWebStack();
    author = await stack.given.member({ schoolId: (await stack.given.school('P81')).id });
    const draft = await request(stack.url)
      .post('/api/v1/innovations')
      .set(author.auth)
      .send(fullInnovation({ title: innovationTitle }))
      .expect(201);
    innovationId = draft.body.id;
    await request(stack.url).post(`/api/v1/innovations/${innovationId}/publish`).set(author.auth).expect(200);
  }, 90_000);

  afterAll(async () => {
    await stack?.close();
  });

  describe.each(Object.keys(VIEWPORTS) as ViewportName[])('on a %s', (viewport) => {
    const journey = new Journey('account', viewport);
    let member: GivenMember;
    let context: BrowserContext;
    let page: Page;
    const newPassword = `ห้องเรียนสีเขียว-${viewport}-2569`;

    beforeAll(async () => {
      member = await stack.given.member({ schoolId: (await stack.given.school('P81')).id });
      ({ context, page } = await browse(stack, viewport));
      journey.watch(page);
    });

    afterAll(async () => {
      await context?.close();
    });

    it('resets a forgotten password with the e-mailed link and signs in with the new one', async () => {
      await journey.run(async () => {
        await page.goto('/forgot-password');
        await page.getByLabel(text('th', 'guest', 'forgot.email'), { exact: true }).fill(member.email);
        await journey.step(page, 'forgot-password');
        await page.getByRole('button', { name: text('th', 'guest', 'forgot.submit') }).click();
        await page.getByTestId('forgot-sent').waitFor();
        await journey.step(page, 'reset-link-sent');

        // The worker e-mails the link; the member opens it (on this test server, not the configured WEB_URL).
        const resetId = await eventually(async () => {
          const rows: { id: string }[] = await stack.api.dataSource.query(
            `SELECT id FROM password_reset WHERE member_id = $1 AND mail_state = 'sent' ORDER BY id DESC LIMIT 1`,
            [member.id],
          );
          return rows[0]?.id;
        }, 20_000);
        const mail = plainTextOf(await mailFile(stack, `password-reset-${resetId}.eml`));
        const link = /https?:\/\/[^\s]+(\/reset-password\?token=[A-Za-z0-9_-]+)/.exec(mail)?.[1];
        expect(link).toBeDefined();

        await page.goto(link!);
        await page.getByLabel(text('th', 'guest', 'reset.password'), { exact: true }).fill(newPassword);
        await page.getByLabel(text('th', 'guest', 'reset.confirm'), { exact: true }).fill(newPassword);
        await journey.step(page, 'reset-password');
        await page.getByRole('button', { name: text('th', 'guest', 'reset.submit') }).click();
        const done = page.getByTestId('reset-done');
        await done.waitFor();
        await journey.step(page, 'password-changed');

        await done.getByRole('link', { name: text('th', 'guest', 'reset.login') }).click();
        await page.waitForURL('**/login');
        await page.getByLabel('อีเมล', { exact: true }).fill(member.email);
        await page.getByLabel('รหัสผ่าน', { exact: true }).fill(newPassword);
        await journey.step(page, 'login');
        await page.getByRole('button', { name: 'เข้าสู่ระบบ' }).click();
        await page.waitForURL('**/feed');
        await page.getByRole('heading', { name: text('th', 'member', 'feed.title') }).waitFor();
        await page.getByTestId('notification-bell').waitFor();
        await journey.step(page, 'signed-in-feed');
      });
    });

    it('switches the page to English and back to Thai', async () => {
      await journey.run(async () => {
        const html = page.locator('html');
        expect(await html.getAttribute('lang')).toBe('th');
        await page.getByRole('button', { name: text('th', 'common', 'language.switchTo') }).click();
        await page.getByRole('heading', { name: text('en', 'member', 'feed.title') }).waitFor();
        await page.waitForFunction('document.documentElement.lang === "en"');
        await journey.step(page, 'feed-in-english');

        await page.getByRole('button', { name: text('en', 'common', 'language.switchTo') }).click();
        await page.getByRole('heading', { name: text('th', 'member', 'feed.title') }).waitFor();
        await page.waitForFunction('document.documentElement.lang === "th"');
        await journey.step(page, 'feed-in-thai-again');
      });
    });

    it('keeps the session over a reload, with no token readable by script', async () => {
      await journey.run(async () => {
        const refreshed = page.waitForResponse(
          (response) => response.url().endsWith('/api/v1/auth/refresh') && response.status() === 200,
        );
        await page.reload();
        const accessToken = ((await (await refreshed).json()) as { accessToken: string }).accessToken;
        expect(accessToken.length).toBeGreaterThan(20);
        await page.getByRole('heading', { name: text('th', 'member', 'feed.title') }).waitFor();
        await page.getByTestId('notification-bell').waitFor();
        expect(new URL(page.url()).pathname).toBe('/feed');
        await journey.step(page, 'still-signed-in-after-reload');

        const readable = await scriptReadableStorage(page);
        for (const place of [readable.local, readable.session, readable.cookie]) {
          expect(place).not.toContain(accessToken);
          expect(place).not.toContain('lc_refresh');
        }
        // The session lives in the HttpOnly cookie only.
        const refresh = (await context.cookies()).find((cookie) => cookie.name === 'lc_refresh');
        expect(refresh).toMatchObject({ httpOnly: true });
      });
    });

    it("shows the app's own page for an unknown address", async () => {
      await journey.run(async () => {
        await page.goto('/no/such/page');
        await page.getByTestId('not-found').waitFor();
        await page.getByRole('heading', { name: text('th', 'common', 'notFound.title') }).waitFor();
        await journey.step(page, 'not-found');
      });
    });

    it('opens a shared innovation link, also when reloaded there', async () => {
      await journey.run(async () => {
        await page.goto(`/innovations/${innovationId}`);
        await page.getByRole('heading', { level: 1, name: innovationTitle }).waitFor();
        await journey.step(page, 'innovation-deep-link');
        await page.reload();
        await page.getByRole('heading', { level: 1, name: innovationTitle }).waitFor();
        await page.getByTestId('notification-bell').waitFor();
        await journey.step(page, 'innovation-after-reload');
      });
    });
  });
});
