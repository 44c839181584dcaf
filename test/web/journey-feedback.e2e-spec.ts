import request from 'supertest';
import { Locator } from 'playwright-core';
import { text, VIEWPORTS, ViewportName } from '../support/browser';
import { fullInnovation } from '../support/fixtures';
import { eventually } from '../support/test-app';
import {
  bellCount,
  Journey,
  markDocument,
  shownNumber,
  signedIn,
  startWebStack,
  waitForBellAbove,
  waitForNumberAbove,
  WebStack,
} from '../support/web-stack';

const t = (key: string, options: Record<string, string | number> = {}) =>
  Object.entries(options).reduce(
    (result, [name, value]) => result.replace(`{{${name}}}`, String(value)),
    text('th', 'innovations', key),
  );

/**
 * A colleague rates an innovation with the rubric, comments on it and reports using it in class; its author, with
 * their points open, watches the balance grow, the bell count rise and the notifications arrive, all without a
 * reload.
 */
describe('Web journey: feedback reaches the author live', () => {
  let stack: WebStack;
  let gradeP4: string;

  beforeAll(async () => {
    stack = await startWebStack();
    const taxonomy = await request(stack.url).get('/api/v1/taxonomy').expect(200);
    gradeP4 = (taxonomy.body.gradeLevels as { code: string; th: string }[]).find((g) => g.code === 'P4')!.th;
  }, 90_000);

  afterAll(async () => {
    await stack?.close();
  });

  describe.each(Object.keys(VIEWPORTS) as ViewportName[])('on a %s', (viewport) => {
    it('rates, comments and reports use; the author sees points and notifications arrive', async () => {
      const journey = new Journey('feedback', viewport);
      await journey.run(async () => {
        const { given } = stack;
        const author = await given.member({ schoolId: (await given.school('P81')).id });
        const colleague = await given.member({
          schoolId: (await given.school('P10')).id,
          displayName: `ครูวิภา ${viewport}`,
        });
        const title = `บัตรคำพาสนุก (${viewport})`;
        const draft = await request(stack.url)
          .post('/api/v1/innovations')
          .set(author.auth)
          .send(fullInnovation({ title }))
          .expect(201);
        const innovationId = draft.body.id as string;
        await request(stack.url)
          .post(`/api/v1/innovations/${innovationId}/publish`)
          .set(author.auth)
          .expect(200);
        // The points for publishing are in before the author looks (so every change seen later is the feedback's).
        await eventually(async () => {
          const wallet = await request(stack.url).get('/api/v1/me/wallet').set(author.auth).expect(200);
          return wallet.body.balance > 0 ? true : undefined;
        }, 20_000);

        // The author has their points open.
        const mine = await signedIn(stack, viewport, author);
        const authorPage = mine.page;
        journey.watch(authorPage);
        await authorPage.goto('/wallet');
        await authorPage.getByTestId('wallet-balance').waitFor();
        await authorPage.getByTestId('statement-line').first().waitFor();
        const balanceBefore = await shownNumber(authorPage, 'wallet-balance');
        const unreadBefore = await bellCount(authorPage);
        const notReloaded = await markDocument(authorPage);
        await journey.step(authorPage, 'author-wallet');

        // A colleague opens the innovation and rates it with the rubric.
        const other = await signedIn(stack, viewport, colleague);
        const page = other.page;
        journey.watch(page);
        await page.goto(`/innovations/${innovationId}`);
        await page.getByRole('heading', { level: 1, name: title }).waitFor();
        const rating = page.getByTestId('rating-form');
        await rating.scrollIntoViewIfNeeded();
        for (const criterion of [
          'overall',
          'criteria.clarity',
          'criteria.effect',
          'criteria.adoptability',
          'criteria.competencyFit',
        ])
          await stars(rating.getByRole('radiogroup', { name: t(`rating.${criterion}`), exact: true }), 5);
        await journey.step(page, 'rating-filled');
        await page.getByTestId('rating-submit').click();
        await page.getByRole('heading', { name: t('rating.mine') }).waitFor();
        await journey.step(page, 'rated');

        // The author's balance and bell change where they are.
        const balanceAfterRating = await waitForNumberAbove(authorPage, 'wallet-balance', balanceBefore);
        const unreadAfterRating = await waitForBellAbove(authorPage, unreadBefore);
        await notReloaded();
        await journey.step(authorPage, 'author-points-and-bell-rose');

        // The bell opens the notifications (within the app), where the rating is.
        await authorPage.getByTestId('notification-bell').click();
        await authorPage.waitForURL('**/notifications');
        const aboutIt = authorPage.getByTestId('notification-item').filter({ hasText: `“${title}”` });
        await aboutIt.first().waitFor();
        await journey.step(authorPage, 'author-notifications');

        // The colleague comments…
        const comment = 'ลองใช้กับ ป.2 แล้วเด็กชอบมากค่ะ ขอบคุณที่แบ่งปันนะคะ';
        await page.getByRole('textbox', { name: t('comments.label'), exact: true }).fill(comment);
        await page.getByTestId('comment-submit').click();
        await page.getByTestId('comment').filter({ hasText: comment }).waitFor();
        await journey.step(page, 'commented');
        await aboutIt.nth(1).waitFor();
        await journey.step(authorPage, 'author-sees-comment-notification');

        // …and reports using it in class.
        const adoption = page.getByTestId('adoption-form');
        await adoption.scrollIntoViewIfNeeded();
        await adoption.getByRole('combobox', { name: t('adoption.grade') }).click();
        await page.getByRole('option', { name: gradeP4, exact: true }).click();
        await adoption.getByRole('textbox', { name: t('adoption.classSize') }).fill('28');
        await adoption.getByRole('textbox', { name: t('adoption.notes') }).fill('ให้นักเรียนจับคู่แข่งกันอ่าน');
        await journey.step(page, 'adoption-filled');
        await page.getByTestId('adoption-submit').click();
        await page.getByTestId('adoption').filter({ hasText: colleague.displayName }).waitFor();
        await journey.step(page, 'adoption-reported');

        await aboutIt.nth(2).waitFor();
        await waitForBellAbove(authorPage, unreadAfterRating);
        await journey.step(authorPage, 'author-sees-adoption-notification');

        // Back to the points (within the app): the adoption's award is there.
        await authorPage.getByRole('link', { name: text('th', 'common', 'nav.wallet'), exact: true }).click();
        await authorPage.waitForURL('**/wallet');
        await waitForNumberAbove(authorPage, 'wallet-balance', balanceAfterRating);
        await notReloaded();
        await journey.step(authorPage, 'author-wallet-after-adoption');

        await other.context.close();
        await mine.context.close();
      });
    }, 180_000);
  });
});

/** Gives `count` stars in one of the rubric's star rows: a tap on the star (its radio input is visually hidden). */
async function stars(row: Locator, count: number) {
  const star = row.getByRole('radio', { name: t('rating.stars_other', { count }), exact: true });
  const id = await star.getAttribute('id');
  await row.locator(`label[for="${id}"]`).click();
  if (!(await star.isChecked())) throw new Error(`${count} stars not given`);
}
