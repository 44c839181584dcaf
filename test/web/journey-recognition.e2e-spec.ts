import { readFile } from 'node:fs/promises';
import request from 'supertest';
import { fiscalYearOf } from '@lc/cockpit';
import { createEvent, DAY, eventBody } from '../activities/activities-world';
import { pdfText } from '../pdf/pdf-text';
import { fullInnovation } from '../support/fixtures';
import { text, VIEWPORTS, ViewportName } from '../support/browser';
import { GivenMember, GivenSchool } from '../support/given';
import { eventually } from '../support/test-app';
import {
  Journey,
  partnerWithStaff,
  signedIn,
  startWebStack,
  submittedPerk,
  WebStack,
} from '../support/web-stack';

/**
 * A teacher's recognition (issue 17's "Done when"): they see their progress to the next level on the home page,
 * earn a badge and open its verification page, find their rank on their area's board, write an ID PLAN linked to a
 * training perk, and download the evidence PDF of their year.
 */
describe('Web journey: a teacher’s recognition', () => {
  let stack: WebStack;
  let school: GivenSchool;
  let peers: GivenMember[];
  let trainingPerk: string;
  let partnerStaff: GivenMember;
  let eventId: string;
  const peerInnovations: string[] = [];

  const http = () => request(stack.url);
  const publish = async (who: GivenMember, title: string) => {
    const draft = await http()
      .post('/api/v1/innovations')
      .set(who.auth)
      .send(fullInnovation({ title }))
      .expect(201);
    await http().post(`/api/v1/innovations/${draft.body.id}/publish`).set(who.auth).expect(200);
    return draft.body.id as string;
  };

  beforeAll(async () => {
    stack = await startWebStack();
    school = await stack.given.school('P81', 'โรงเรียนบ้านคลองม่วง');
    peers = await stack.given.members(2, { schoolId: (await stack.given.school('P81', 'โรงเรียนอ่าวนาง')).id });
    for (const [index, peer] of peers.entries())
      peerInnovations.push(await publish(peer, `สื่อการสอนของเพื่อนครู ${index + 1}`));
    const obec = await stack.given.member({ roles: [{ role: 'obec_admin' }] });
    const { staff } = await partnerWithStaff(stack, obec, 'สถาบันพัฒนาครูเชิงรุก');
    partnerStaff = staff;
    trainingPerk = await submittedPerk(
      stack,
      staff,
      {
        title: 'อบรมออกแบบการเรียนรู้เชิงรุก',
        description: 'อบรมออนไลน์ 2 วัน ออกแบบกิจกรรมการเรียนรู้เชิงรุกพร้อมเกียรติบัตร',
        category: 'training',
        cost: 10,
        fulfilment: 'manual',
      },
      obec,
    );
    eventId = (
      await createEvent(
        stack.api,
        obec,
        eventBody(stack.api, [{ startsInMs: 7 * DAY, minutes: 180 }], {
          title: 'อบรมเชิงปฏิบัติการ ออกแบบการเรียนรู้เชิงรุก',
        }),
      )
    ).id;
  }, 180_000);

  afterAll(async () => {
    await stack?.close();
  });

  const growth = (key: string) => text('th', 'growth', key);
  const recognition = (key: string) => text('th', 'recognition', key);

  describe.each(Object.keys(VIEWPORTS) as ViewportName[])('on a %s', (viewport) => {
    it('sees the next level, earns and verifies a badge, finds their rank, plans, and downloads evidence', async () => {
      const teacher = await stack.given.member({ schoolId: school.id, displayName: `ครูวิไล ${viewport}` });
      const journey = new Journey('recognition', viewport);
      await journey.run(async () => {
        const { context, page } = await signedIn(stack, viewport, teacher);
        journey.watch(page);

        // Progress to the next level on the home page.
        await page.goto('/feed#level');
        const progress = page.getByTestId('level-progress');
        await progress.waitFor();
        await page
          .getByText(`${recognition('progress.next').split('{{')[0]}`)
          .first()
          .waitFor();
        await page.getByTestId('level-criterion').first().waitFor();
        expect(await page.getByTestId('level-criterion').count()).toBe(3);
        await journey.step(page, 'level-progress');

        // Their first innovation earns a badge; its page verifies it.
        await publish(teacher, `เกมเศษส่วนขนมครก (${viewport})`);
        await eventually(async () => {
          const awards = (await http().get(`/api/v1/members/${teacher.id}/badges`).expect(200))
            .body as unknown[];
          return awards.length > 0 ? true : undefined;
        }, 10_000);
        await page.goto('/badges');
        const award = page.getByTestId('badge-award').filter({ hasText: 'นวัตกรรมชิ้นแรก' });
        await award.waitFor();
        await journey.step(page, 'badge-earned');
        await award.getByRole('link', { name: `${growth('badges.verify')} · นวัตกรรมชิ้นแรก` }).click();
        await page.waitForURL(/\/verify\/credential\//);
        const checks = page.getByTestId('credential-checks');
        await checks.waitFor();
        await page.getByText(growth('verify.verified')).waitFor();
        expect(await checks.getByText(growth('verify.checkFailed')).count()).toBe(0);
        await journey.step(page, 'badge-verified');

        // Their rank on their area's board (points of this month).
        await page.goto('/leaderboards');
        await page.getByTestId('board-scope').selectOption('area');
        await page.getByTestId('board-my-rank').waitFor();
        expect(await page.getByTestId('board-my-rank').textContent()).toMatch(/อันดับที่ \d+/);
        await journey.step(page, 'leaderboard-area');
        // The same board in English, then back to Thai.
        await page.getByRole('button', { name: /^EN · / }).click();
        await page.getByRole('heading', { level: 1, name: text('en', 'boards', 'title') }).waitFor();
        await page
          .getByTestId('board-my-rank')
          .filter({ hasText: /Rank \d+/ })
          .waitFor();
        await journey.step(page, 'leaderboard-area-en');
        await page.getByRole('button', { name: /^ไทย · / }).click();
        await page.getByRole('heading', { level: 1, name: text('th', 'boards', 'title') }).waitFor();

        // An ID PLAN with an activity linked to the training perk.
        await page.goto('/me/plan');
        const year = fiscalYearOf(new Date()).year;
        await page
          .getByRole('button', { name: growth('plan.create').replace('{{year}}', String(year)) })
          .click();
        await page.getByRole('button', { name: growth('plan.addActivity') }).click();
        const activity = page.getByTestId('plan-activity').first();
        await activity.getByLabel(growth('plan.kind')).selectOption('perk');
        await activity.getByLabel(growth('plan.pickPerk')).first().click();
        await page.getByRole('option', { name: /อบรมออกแบบการเรียนรู้เชิงรุก/ }).click();
        // And one linked to a community event (with its date in the Buddhist Era).
        await page.getByRole('button', { name: growth('plan.addActivity') }).click();
        const second = page.getByTestId('plan-activity').nth(1);
        await second.getByLabel(growth('plan.kind')).selectOption('event');
        await second.getByLabel(growth('plan.pickEvent')).first().click();
        await page.getByRole('option', { name: /อบรมเชิงปฏิบัติการ ออกแบบการเรียนรู้เชิงรุก · .* 25\d\d$/ }).click();
        await second.scrollIntoViewIfNeeded();
        await journey.step(page, 'plan-event');
        await page.getByLabel(growth('plan.showOnPortfolio')).check();
        await page.getByRole('button', { name: growth('plan.save') }).click();
        await page.getByText(growth('plan.saved')).waitFor();
        await journey.step(page, 'plan-saved');
        const plans = (await http().get('/api/v1/me/development-plans').set(teacher.auth).expect(200)).body
          .items;
        expect(plans[0].activities).toEqual([
          expect.objectContaining({ kind: 'perk', refId: trainingPerk }),
          expect.objectContaining({
            kind: 'event',
            refId: eventId,
            title: 'อบรมเชิงปฏิบัติการ ออกแบบการเรียนรู้เชิงรุก',
          }),
        ]);
        await page.getByRole('button', { name: /^EN · / }).click();
        await page.getByTestId('plan-activity').nth(1).scrollIntoViewIfNeeded();
        await journey.step(page, 'plan-event-en');
        await page.getByRole('button', { name: /^ไทย · / }).click();

        // The portfolio shows the plan, as the teacher chose; in Thai and in English.
        await page.goto(`/members/${teacher.id}/portfolio`);
        const shown = page.getByTestId('portfolio-plan');
        await shown.waitFor();
        await shown.scrollIntoViewIfNeeded();
        await journey.step(page, 'portfolio-plan');
        await page.getByRole('button', { name: /^EN · / }).click();
        await page.getByText(/activities done/).waitFor();
        await journey.step(page, 'portfolio-plan-en');
        await page.getByRole('button', { name: /^ไทย · / }).click();
        await page.goto('/me/plan');

        // The evidence PDF of the year, with their name and their innovation in Thai.
        const evidence = page.getByTestId('evidence-download');
        await evidence.scrollIntoViewIfNeeded();
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          evidence.getByRole('button', { name: growth('evidence.download') }).click(),
        ]);
        expect(download.suggestedFilename()).toMatch(/^evidence-\d{4}-[A-Z0-9]{10}\.pdf$/);
        const pdf = await readFile((await download.path())!);
        expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
        const words = pdfText(pdf).replace(/\s+/g, ' ');
        expect(words).toContain(`ครูวิไล ${viewport}`);
        expect(words).toContain(`เกมเศษส่วนขนมครก (${viewport})`);
        expect(words).toContain('อบรมออกแบบการเรียนรู้เชิงรุก');
        await journey.step(page, 'evidence-downloaded');
        await context.close();

        // The partner's side of "perks may ask a level": the editor offers a minimum member level.
        const staff = await signedIn(stack, viewport, partnerStaff);
        journey.watch(staff.page);
        await staff.page.goto(`/partner/perks/${trainingPerk}`);
        const minLevel = staff.page.getByLabel(text('th', 'partner', 'editor.fields.minLevel'));
        await minLevel.scrollIntoViewIfNeeded();
        expect(await minLevel.inputValue()).toBe('');
        await minLevel.selectOption('practitioner');
        await journey.step(staff.page, 'partner-min-level');
        await staff.page.getByRole('button', { name: /^EN · / }).click();
        await staff.page.getByLabel(text('en', 'partner', 'editor.fields.minLevel')).scrollIntoViewIfNeeded();
        await journey.step(staff.page, 'partner-min-level-en');
        await staff.context.close();
      });
    }, 240_000);
  });
});
