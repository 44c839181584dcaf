import { text, VIEWPORTS, ViewportName } from '../support/browser';
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
 * A member spends points on a perk (แลกสิทธิ์, then the confirmation) and gets a voucher: its QR code and its code.
 * At the partner's counter, staff type the code on /partner/verify: accepted the first time, refused the second.
 */
describe('Web journey: redeem a perk and use the voucher', () => {
  let stack: WebStack;
  let obec: GivenMember;
  let staff: GivenMember;

  beforeAll(async () => {
    stack = await startWebStack();
    obec = await stack.given.member({ roles: [{ role: 'obec_admin' }] });
    ({ staff } = await partnerWithStaff(stack, obec));
  }, 90_000);

  afterAll(async () => {
    await stack?.close();
  });

  describe.each(Object.keys(VIEWPORTS) as ViewportName[])('on a %s', (viewport) => {
    it('redeems, shows the voucher, and the partner accepts its code once', async () => {
      const journey = new Journey('redeem', viewport);
      await journey.run(async () => {
        const title = `คูปองหนังสือเด็ก 100 บาท (${viewport})`;
        const prefix = viewport.toUpperCase();
        const perkId = await submittedPerk(
          stack,
          staff,
          { title, cost: 120, codes: [`${prefix}-BOOK-0001`, `${prefix}-BOOK-0002`] },
          obec,
        );
        const member = await stack.given.member({ schoolId: (await stack.given.school('P81')).id });
        await stack.given.points(member.id, 500);

        // The member opens the perk and redeems it.
        const teacher = await signedIn(stack, viewport, member);
        const page = teacher.page;
        journey.watch(page);
        await page.goto(`/perks/${perkId}`);
        await page.getByRole('heading', { level: 1, name: title }).waitFor();
        await journey.step(page, 'perk');
        const redeem = page.getByRole('button', { name: 'แลกสิทธิ์', exact: true });
        expect(await redeem.getAttribute('data-testid')).toBe('redeem');
        await redeem.click();
        const confirm = page.getByTestId('redeem-confirm');
        await confirm.waitFor();
        await journey.step(page, 'confirm');
        await confirm.click();

        // The voucher: a QR code and the code itself.
        const qr = page.getByTestId('voucher-qr');
        await qr.waitFor();
        expect(await qr.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
        const code = ((await page.getByTestId('voucher-code').textContent()) ?? '').trim();
        expect([`${prefix}-BOOK-0001`, `${prefix}-BOOK-0002`]).toContain(code);
        await journey.step(page, 'voucher');
        await page.getByTestId('voucher-fullscreen').click();
        await page.getByTestId('voucher-qr-fullscreen').waitFor();
        await journey.step(page, 'voucher-fullscreen');
        await page
          .getByTestId('voucher-fullscreen-view')
          .getByRole('button', { name: text('th', 'market', 'voucher.close'), exact: true })
          .click();
        await page.getByTestId('voucher-qr-fullscreen').waitFor({ state: 'detached' });

        // It is kept with the member's redemptions.
        await page.getByTestId('redemptions-link').click();
        await page.waitForURL('**/me/redemptions');
        const mine = page.getByTestId('redemption-item').filter({ hasText: title });
        await mine.getByTestId('voucher-code').filter({ hasText: code }).waitFor();
        await journey.step(page, 'my-redemptions');

        // At the counter: the code is accepted once…
        const counter = await signedIn(stack, viewport, staff);
        const desk = counter.page;
        journey.watch(desk);
        await desk.goto('/partner/verify');
        const field = desk.getByLabel('รหัสคูปอง', { exact: true });
        await field.fill(code);
        await journey.step(desk, 'verify-code-typed');
        await desk.getByTestId('verify-submit').click();
        await desk.locator('[data-testid="verify-result"][data-status="accepted"]').waitFor();
        await journey.step(desk, 'verify-accepted');

        // …and refused when shown again.
        await desk.getByRole('button', { name: text('th', 'partner', 'verify.next') }).click();
        await field.fill(code);
        await desk.getByTestId('verify-submit').click();
        const refused = desk.locator('[data-testid="verify-result"][data-status="refused"]');
        await refused.waitFor();
        await refused.getByText(text('th', 'partner', 'verify.refused.used')).waitFor();
        await journey.step(desk, 'verify-refused-second-time');

        // The member's list, opened again, shows the voucher as used.
        await page.reload();
        await page
          .locator('[data-testid="redemption-item"][data-status="used"]')
          .filter({ hasText: title })
          .waitFor();
        await journey.step(page, 'my-redemption-used');

        await counter.context.close();
        await teacher.context.close();
      });
    }, 180_000);
  });
});
