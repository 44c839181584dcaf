import request from 'supertest';
import { BrowserContext, Page } from 'playwright-core';
import { seriousAccessibilityViolations, text, VIEWPORTS, ViewportName } from '../support/browser';
import { fullInnovation } from '../support/fixtures';
import { GivenMember } from '../support/given';
import {
  browse,
  Journey,
  partnerWithStaff,
  signedIn,
  startWebStack,
  submittedPerk,
  WebStack,
} from '../support/web-stack';

/**
 * axe-core (WCAG 2.1 A and AA) finds nothing serious or critical on the pages people use most, on a phone and on a
 * desktop: the landing page, the feed, an innovation, the wallet, a perk, and the partner's voucher check.
 */
describe('Web accessibility: no serious or critical axe violations', () => {
  let stack: WebStack;
  let member: GivenMember;
  let staff: GivenMember;
  let innovationId: string;
  let perkId: string;
  const innovationTitle = 'เกมบันไดงูคำควบกล้ำ';
  const perkTitle = 'คูปองส่วนลดสื่อการสอน 200 บาท';

  beforeAll(async () => {
    stack = await startWebStack();
    const { given } = stack;
    const school = await given.school('P81');
    const obec = await given.member({ roles: [{ role: 'obec_admin' }] });
    ({ staff } = await partnerWithStaff(stack, obec));
    perkId = await submittedPerk(stack, staff, { title: perkTitle, cost: 200 }, obec);
    const author = await given.member({ schoolId: school.id });
    const draft = await request(stack.url)
      .post('/api/v1/innovations')
      .set(author.auth)
      .send(fullInnovation({ title: innovationTitle }))
      .expect(201);
    innovationId = draft.body.id;
    await request(stack.url).post(`/api/v1/innovations/${innovationId}/publish`).set(author.auth).expect(200);
    member = await given.member({ schoolId: school.id });
    await given.points(member.id, 350);
  }, 90_000);

  afterAll(async () => {
    await stack?.close();
  });

  describe.each(Object.keys(VIEWPORTS) as ViewportName[])('on a %s', (viewport) => {
    const journey = new Journey('accessibility', viewport);
    const people: Record<'guest' | 'member' | 'staff', { context: BrowserContext; page: Page } | null> = {
      guest: null,
      member: null,
      staff: null,
    };
    const as = async (who: keyof typeof people): Promise<Page> => {
      people[who] ??=
        who === 'guest'
          ? await browse(stack, viewport)
          : await signedIn(stack, viewport, who === 'member' ? member : staff);
      journey.watch(people[who]!.page);
      return people[who]!.page;
    };

    afterAll(async () => {
      for (const person of Object.values(people)) await person?.context.close();
    });

    const pages: [string, keyof typeof people, string, (page: Page) => Promise<void>][] = [
      ['the landing page', 'guest', '/', (page) => page.getByTestId('landing-stats').waitFor()],
      [
        'the feed',
        'member',
        '/feed',
        (page) => page.getByTestId('feed-item').filter({ hasText: innovationTitle }).waitFor(),
      ],
      [
        'an innovation',
        'member',
        '/innovations/:innovation',
        async (page) => {
          await page.getByRole('heading', { level: 1, name: innovationTitle }).waitFor();
          await page.getByTestId('rating-form').waitFor();
        },
      ],
      ['the wallet', 'member', '/wallet', (page) => page.getByTestId('statement-line').first().waitFor()],
      [
        'a perk',
        'member',
        '/perks/:perk',
        (page) => page.getByRole('heading', { level: 1, name: perkTitle }).waitFor(),
      ],
      [
        'the voucher check',
        'staff',
        '/partner/verify',
        (page) => page.getByLabel(text('th', 'partner', 'verify.codeLabel'), { exact: true }).waitFor(),
      ],
    ];

    it.each(pages)(
      '%s',
      async (name, who, path, ready) => {
        const page = await as(who);
        await page.goto(path.replace(':innovation', innovationId).replace(':perk', perkId));
        await journey.run(() => ready(page));
        await journey.step(page, name.replace(/\s+/g, '-'));
        expect(await seriousAccessibilityViolations(page)).toEqual([]);
      },
      90_000,
    );
  });
});
