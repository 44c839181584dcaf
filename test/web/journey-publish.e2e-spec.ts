import request from 'supertest';
import { text, VIEWPORTS, ViewportName } from '../support/browser';
import { GivenMember, GivenSchool } from '../support/given';
import { samplePng } from '../support/sample-files';
import { browse, Journey, markDocument, signedIn, startWebStack, WebStack } from '../support/web-stack';

interface Named {
  code: string;
  th: string;
}

/**
 * A guest becomes a member through /register (who they are, then their area and school found by typing, then
 * consent) and publishes an innovation with a picture attached through /innovations/new; another member, whose
 * feed is already open, sees it arrive without reloading.
 */
describe('Web journey: sign up and publish', () => {
  let stack: WebStack;
  let school: GivenSchool;
  let schoolName: string;
  let areaName: string;
  let taxonomy: {
    memberKinds: Named[];
    learningAreas: Named[];
    gradeLevels: Named[];
    competencyFrameworks: { code: string; th: string; competencies: Named[] }[];
  };

  beforeAll(async () => {
    stack = await startWebStack();
    school = await stack.given.school('P81', 'โรงเรียนบ้านคลองม่วง');
    schoolName = (await request(stack.url).get(`/api/v1/schools/${school.id}`).expect(200)).body.nameTh;
    areaName = (await request(stack.url).get(`/api/v1/areas/${school.areaId}`).expect(200)).body.shortNameTh;
    taxonomy = (await request(stack.url).get('/api/v1/taxonomy').expect(200)).body;
  }, 90_000);

  afterAll(async () => {
    await stack?.close();
  });

  const named = (items: Named[], code: string) => items.find((item) => item.code === code)!.th;

  describe.each(Object.keys(VIEWPORTS) as ViewportName[])('on a %s', (viewport) => {
    let watcherMember: GivenMember;

    beforeAll(async () => {
      watcherMember = await stack.given.member({ schoolId: school.id });
    });

    it('signs up, publishes with an attachment, and the innovation reaches an open feed live', async () => {
      const journey = new Journey('publish', viewport);
      await journey.run(async () => {
        const title = `เกมบวกเลขจากฝาขวด (${viewport})`;

        // Someone else already has the feed open.
        const watcher = await signedIn(stack, viewport, watcherMember);
        journey.watch(watcher.page);
        await watcher.page.goto('/feed');
        await watcher.page.getByRole('heading', { name: text('th', 'member', 'feed.title') }).waitFor();
        await watcher.page.getByTestId('feed-scope').waitFor();
        const notReloaded = await markDocument(watcher.page);
        await journey.step(watcher.page, 'watcher-feed-open');

        // A guest signs up: who they are…
        const { context, page } = await browse(stack, viewport);
        journey.watch(page);
        await page.goto('/register');
        await page.getByRole('radio', { name: named(taxonomy.memberKinds, 'teacher') }).click();
        await journey.step(page, 'register-kind');
        await page.getByRole('button', { name: text('th', 'guest', 'register.next') }).click();

        // …their area and school, found by typing…
        const area = page.getByRole('combobox', { name: text('th', 'guest', 'register.school.area') });
        await area.click();
        await area.fill('กระบี่');
        await page.getByRole('option', { name: areaName, exact: true }).click();
        const schoolField = page.getByRole('combobox', {
          name: text('th', 'guest', 'register.school.school'),
        });
        await schoolField.click();
        await schoolField.fill('คลองม่วง');
        await page.getByRole('option', { name: schoolName, exact: true }).click();
        await journey.step(page, 'register-school');
        await page.getByRole('button', { name: text('th', 'guest', 'register.next') }).click();

        // …their name, address, password, and consent.
        const email = `kru.${viewport}.${Date.now()}@example.test`;
        await page
          .getByLabel(text('th', 'guest', 'register.account.displayName'), { exact: true })
          .fill('ครูมาลี ใจงาม');
        await page.getByLabel(text('th', 'guest', 'register.account.email'), { exact: true }).fill(email);
        await page
          .getByLabel(text('th', 'guest', 'register.account.password'), { exact: true })
          .fill('ห้องเรียนสีเขียว2569');
        await page.getByRole('checkbox', { name: text('th', 'guest', 'register.account.terms') }).check();
        await journey.step(page, 'register-account');
        await page.getByRole('button', { name: text('th', 'guest', 'register.submit') }).click();
        await page.waitForURL('**/feed');
        await page.getByRole('heading', { name: text('th', 'member', 'feed.title') }).waitFor();
        await journey.step(page, 'new-member-feed');

        // The new member shares an innovation.
        await page.getByRole('link', { name: text('th', 'member', 'feed.newInnovation') }).click();
        await page.waitForURL('**/innovations/new');
        await page.getByTestId('editor-title').fill(title);
        await page.getByTestId('editor-summary').fill('นักเรียน ป.1 บวกเลขคล่องขึ้นด้วยฝาขวดสีต่าง ๆ');
        await page
          .getByTestId('editor-body')
          .fill('## ขั้นตอน\n\n1. แจกฝาขวดให้แต่ละกลุ่ม\n2. นับและรวมฝาขวดตามโจทย์\n\nนักเรียนสนุกและบวกเลขได้เร็วขึ้น');
        await journey.step(page, 'editor-content');

        await pick(page, text('th', 'editor', 'fields.learningAreas'), named(taxonomy.learningAreas, 'MAT'));
        await pick(page, text('th', 'editor', 'fields.gradeLevels'), named(taxonomy.gradeLevels, 'P1'));
        const competency = taxonomy.competencyFrameworks[0]!.competencies[0]!.th;
        await page.getByRole('checkbox', { name: competency }).check();
        await journey.step(page, 'editor-taxonomy');

        // A picture attached (the editor saves the draft first).
        await page.getByTestId('editor-file-input').setInputFiles({
          name: 'ฝาขวด.png',
          mimeType: 'image/png',
          buffer: samplePng(64, 48),
        });
        const attachment = page.getByTestId('editor-attachment').filter({ hasText: 'ฝาขวด.png' });
        await attachment.waitFor();
        await page.waitForURL(/\/innovations\/[0-9a-f-]{36}\/edit$/);
        await attachment.scrollIntoViewIfNeeded();
        await journey.step(page, 'editor-attachment');

        await page.getByTestId('editor-publish').click();
        await page.waitForURL(/\/innovations\/[0-9a-f-]{36}$/);
        await page.getByRole('heading', { level: 1, name: title }).waitFor();
        await journey.step(page, 'published');

        // The watcher's open feed shows it, without a reload.
        const arrived = watcher.page.getByTestId('feed-item').filter({ hasText: title });
        await arrived.waitFor();
        await notReloaded();
        await arrived.scrollIntoViewIfNeeded();
        await journey.step(watcher.page, 'watcher-sees-it-live');

        await context.close();
        await watcher.context.close();
      });
    }, 180_000);
  });
});

/** Chooses an option of a Mantine select/multi-select by its label. */
async function pick(page: import('playwright-core').Page, label: string, option: string) {
  await page.getByRole('combobox', { name: label, exact: true }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
  await page.keyboard.press('Escape');
}
