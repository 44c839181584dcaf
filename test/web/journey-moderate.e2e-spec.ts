import request from 'supertest';
import { text, VIEWPORTS, ViewportName } from '../support/browser';
import { fullInnovation } from '../support/fixtures';
import { GivenMember } from '../support/given';
import {
  Journey,
  partnerWithStaff,
  signedIn,
  startWebStack,
  submittedPerk,
  WebStack,
} from '../support/web-stack';

/**
 * Looking after the community: a member reports an innovation, a moderator hides it on /moderation and it leaves
 * the feed; an OBEC admin approves a perk a partner sent on /admin and members then find it in /perks.
 */
describe('Web journey: moderation and perk approval', () => {
  let stack: WebStack;
  let obec: GivenMember;
  let moderator: GivenMember;
  let staff: GivenMember;
  let author: GivenMember;

  beforeAll(async () => {
    stack = await startWebStack();
    const { given } = stack;
    obec = await given.member({ roles: [{ role: 'obec_admin' }], displayName: 'ผู้ดูแล สพฐ.' });
    moderator = await given.member({ roles: [{ role: 'moderator' }], displayName: 'ผู้ดูแลเนื้อหา' });
    ({ staff } = await partnerWithStaff(stack, obec));
    author = await given.member({ schoolId: (await given.school('P81')).id });
  }, 90_000);

  afterAll(async () => {
    await stack?.close();
  });

  const publish = async (title: string) => {
    const draft = await request(stack.url)
      .post('/api/v1/innovations')
      .set(author.auth)
      .send(fullInnovation({ title }))
      .expect(201);
    await request(stack.url)
      .post(`/api/v1/innovations/${draft.body.id}/publish`)
      .set(author.auth)
      .expect(200);
    return draft.body.id as string;
  };

  describe.each(Object.keys(VIEWPORTS) as ViewportName[])('on a %s', (viewport) => {
    it('a reported innovation hidden by a moderator leaves the feed', async () => {
      const journey = new Journey('moderate', viewport);
      await journey.run(async () => {
        const reported = `ใบงานคัดลอกมาจากหนังสือ (${viewport})`;
        const kept = `กิจกรรมปลูกผักสวนครัว (${viewport})`;
        await publish(reported);
        await publish(kept);
        const member = await stack.given.member({ schoolId: (await stack.given.school('P81')).id });

        // A member sees both in the feed and reports one.
        const reader = await signedIn(stack, viewport, member);
        const page = reader.page;
        journey.watch(page);
        await page.goto('/feed');
        await page.getByTestId('feed-item').filter({ hasText: kept }).waitFor();
        const item = page.getByTestId('feed-item').filter({ hasText: reported });
        await item.waitFor();
        await journey.step(page, 'feed-before');
        await item.getByRole('link', { name: reported }).first().click();
        await page.getByRole('heading', { level: 1, name: reported }).waitFor();
        await page.getByTestId('report-open').click();
        await page.getByRole('combobox', { name: text('th', 'innovations', 'report.reason') }).click();
        await page
          .getByRole('option', { name: text('th', 'innovations', 'report.reasons.copyright') })
          .click();
        await journey.step(page, 'report');
        await page.getByTestId('report-submit').click();
        await page.getByText(text('th', 'innovations', 'report.doneTitle')).waitFor();
        await journey.step(page, 'reported');
        // Back to the feed, where it still is while nobody has looked at the report.
        await page.getByRole('link', { name: text('th', 'common', 'nav.feed'), exact: true }).click();
        await page.waitForURL('**/feed');
        await item.waitFor();

        // The moderator hides it.
        const desk = await signedIn(stack, viewport, moderator);
        const queue = desk.page;
        journey.watch(queue);
        await queue.goto('/moderation');
        const card = queue.getByTestId('moderation-item').filter({ hasText: reported });
        await card.waitFor();
        await journey.step(queue, 'moderation-queue');
        await card.getByTestId('moderation-hide').click();
        await queue
          .getByRole('textbox', { name: text('th', 'moderation', 'modal.note') })
          .fill('คัดลอกเนื้อหาจากหนังสือเรียนโดยไม่ระบุแหล่งที่มา');
        await journey.step(queue, 'moderation-hide-note');
        await queue.getByTestId('moderation-confirm').click();
        await queue
          .locator('[data-testid="moderation-item"][data-status="hidden"]')
          .filter({ hasText: reported })
          .waitFor();
        await journey.step(queue, 'moderation-hidden');

        // The member's feed, reloaded, no longer shows it (the other innovation is still there).
        await page.reload();
        await page.getByTestId('feed-item').filter({ hasText: kept }).waitFor();
        expect(await page.getByTestId('feed-item').filter({ hasText: reported }).count()).toBe(0);
        await journey.step(page, 'feed-after');

        await desk.context.close();
        await reader.context.close();
      });
    }, 180_000);

    it('a perk an OBEC admin approves appears in the catalogue', async () => {
      const journey = new Journey('approve-perk', viewport);
      await journey.run(async () => {
        const title = `ส่วนลดคอร์สอบรมครู Active Learning (${viewport})`;
        await submittedPerk(stack, staff, { title, cost: 300 });
        const member = await stack.given.member({ schoolId: (await stack.given.school('P81')).id });

        const admin = await signedIn(stack, viewport, obec);
        const page = admin.page;
        journey.watch(page);
        await page.goto('/admin');
        const pending = page.getByTestId('pending-perk').filter({ hasText: title });
        await pending.waitFor();
        await journey.step(page, 'pending-perk');
        await pending.getByTestId('perk-approve').click();
        await pending.waitFor({ state: 'detached' });
        await journey.step(page, 'approved');

        const teacher = await signedIn(stack, viewport, member);
        journey.watch(teacher.page);
        await teacher.page.goto('/perks');
        const card = teacher.page.getByTestId('perk-card').filter({ hasText: title });
        await card.waitFor();
        await card.scrollIntoViewIfNeeded();
        await journey.step(teacher.page, 'perk-in-catalogue');

        await teacher.context.close();
        await admin.context.close();
      });
    }, 180_000);
  });
});
