import { readFile } from 'node:fs/promises';
import { Workbook } from 'exceljs';
import { Page } from 'playwright-core';
import request from 'supertest';
import { cockpitCaughtUp, publish } from '../cockpit/cockpit-world';
import { seriousAccessibilityViolations, text, VIEWPORTS, ViewportName } from '../support/browser';
import { GivenMember, GivenSchool } from '../support/given';
import { Journey, markDocument, shownNumber, signedIn, startWebStack, WebStack } from '../support/web-stack';

/**
 * An area admin's cockpit (issue 16's "Done when"): /cockpit opens on their own area only (no national view, no
 * other area anywhere on the page), the school table drills down to a school, the breakdown downloads as XLSX
 * (read back with exceljs: the same numbers as the API), and a KPI tile moves live, without a reload, when a
 * teacher of the area publishes an innovation through the API (the worker's cockpit subscriber and socket.io).
 */
describe('Web journey: the cockpit of an area', () => {
  let stack: WebStack;
  let school: GivenSchool;
  let schoolName: string;
  let areaName: string;
  let otherAreaName: string;
  let teacher: GivenMember;
  let areaAdmin: GivenMember;

  beforeAll(async () => {
    stack = await startWebStack();
    school = await stack.given.school('P81', 'โรงเรียนบ้านคลองม่วง');
    await stack.given.school('P81', 'โรงเรียนอ่าวนางวิทยา');
    const elsewhere = await stack.given.school('S01', 'โรงเรียนมัธยมเมืองหลวง');
    schoolName = (await request(stack.url).get(`/api/v1/schools/${school.id}`).expect(200)).body.nameTh;
    areaName = (await request(stack.url).get(`/api/v1/areas/${school.areaId}`).expect(200)).body.shortNameTh;
    otherAreaName = (await request(stack.url).get(`/api/v1/areas/${elsewhere.areaId}`).expect(200)).body
      .shortNameTh;
    teacher = await stack.given.member({ schoolId: school.id });
    areaAdmin = await stack.given.member({ roles: [{ role: 'area_admin', scopeId: school.areaId }] });
    // Something in both areas, so that the other one would show if it leaked.
    await publish(stack.api, teacher, { title: 'เกมบวกเลขจากฝาขวด' });
    await publish(stack.api, await stack.given.member({ schoolId: elsewhere.id }), {
      title: 'ห้องเรียนกลับด้าน',
    });
    await cockpitCaughtUp(stack.api);
  }, 120_000);

  afterAll(async () => {
    await stack?.close();
  });

  const cockpit = (key: string) => text('th', 'cockpit', key);

  /** Waits up to 10 s for a number shown under a test id to exceed `above`. */
  async function numberAbove(page: Page, testId: string, above: number): Promise<number> {
    const answer = await page.waitForFunction(
      ({ testId, above }) => {
        const element = (
          globalThis as unknown as {
            document: { querySelector(selector: string): { textContent: string | null } | null };
          }
        ).document.querySelector(`[data-testid="${testId}"]`);
        const value = element ? Number((element.textContent ?? '').replace(/[^0-9]/g, '')) : NaN;
        return value > above ? value : false;
      },
      { testId, above },
      { timeout: 10_000 },
    );
    return (await answer.jsonValue()) as number;
  }

  describe.each(Object.keys(VIEWPORTS) as ViewportName[])('on a %s', (viewport) => {
    it('sees only their area, drills down to a school, exports XLSX, and watches a tile move live', async () => {
      const journey = new Journey('cockpit', viewport);
      await journey.run(async () => {
        const { context, page } = await signedIn(stack, viewport, areaAdmin);
        journey.watch(page);

        // Their own area, and nothing above or beside it.
        await page.goto('/cockpit');
        await page.getByRole('heading', { level: 1, name: cockpit('title') }).waitFor();
        await page.getByTestId('kpi-value-innovations_published').waitFor();
        await expect(page.getByTestId('scope-current').textContent()).resolves.toBe(areaName);
        expect(await page.getByTestId('scope-up-national').count()).toBe(0);
        expect(await page.getByRole('combobox', { name: cockpit('scope.chooseArea') }).count()).toBe(0);
        const body = (await page.locator('main').textContent()) ?? '';
        expect(body).not.toContain(cockpit('scope.national'));
        expect(body).not.toContain(otherAreaName);
        expect(await page.getByRole('combobox', { name: cockpit('scope.chooseSchool') }).count()).toBe(1);
        await journey.step(page, 'area-cockpit');
        // The whole page loaded (map, chart, tables): nothing serious or critical for axe-core.
        await page.getByTestId('province-map').waitFor();
        await page.getByTestId('timeseries-chart').waitFor();
        await page.getByTestId('indicator18-table').waitFor();
        expect(await seriousAccessibilityViolations(page)).toEqual([]);

        // The map and the chart of the area.
        await page.getByTestId('province-map').scrollIntoViewIfNeeded();
        await journey.step(page, 'area-map');
        await page.getByTestId('section-timeseries').scrollIntoViewIfNeeded();
        await journey.step(page, 'area-trend');

        // The school table leads to the school's own cockpit.
        const drill = page.getByRole('button', {
          name: cockpit('breakdown.openScope').replace('{{name}}', schoolName),
        });
        await drill.scrollIntoViewIfNeeded();
        await journey.step(page, 'area-schools');
        await drill.click();
        await page.waitForURL((url) => url.searchParams.get('scope') === `school:${school.id}`);
        await page.getByTestId('scope-current').filter({ hasText: schoolName }).waitFor();
        await page.getByTestId('scope-up-area').filter({ hasText: areaName }).waitFor();
        await page.getByTestId('kpi-value-innovations_published').waitFor();
        await journey.step(page, 'school-cockpit');

        // The school's breakdown (by learning area) as XLSX, read back with exceljs.
        const table = page.getByTestId('breakdown-table');
        await table.waitFor();
        await table.scrollIntoViewIfNeeded();
        await journey.step(page, 'school-breakdown');
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          page.getByTestId('export-breakdown-xlsx').click(),
        ]);
        expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
        const workbook = new Workbook();
        await workbook.xlsx.load((await readFile((await download.path())!)) as unknown as ArrayBuffer);
        const cells = workbook.worksheets.flatMap((sheet) => {
          const rows: unknown[][] = [];
          sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
          return rows;
        });
        const url = new URL(page.url());
        const api = await request(stack.url)
          .get('/api/v1/cockpit/breakdown')
          .query({
            scope: `school:${school.id}`,
            metric: 'innovations_published',
            dimension: 'learningArea',
            from: url.searchParams.get('from') ?? undefined,
            to: url.searchParams.get('to') ?? undefined,
          })
          .set(areaAdmin.auth)
          .expect(200);
        const counted = (api.body.rows as { th: string; value: number }[]).filter((row) => row.value > 0);
        expect(counted.length).toBeGreaterThan(0);
        for (const row of counted) {
          const line = cells.find((values) => values.includes(row.th));
          expect(line).toBeDefined();
          expect(line).toContain(row.value);
        }
        await journey.step(page, 'school-exported');

        // A teacher of the school publishes: the open tile moves, without a reload.
        await page
          .getByTestId('kpi-innovations_published')
          .evaluate((tile) =>
            (tile as { scrollIntoView(options: object): void }).scrollIntoView({ block: 'center' }),
          );
        await page.locator('[data-testid="live-badge"][data-live="true"]').waitFor();
        const before = await shownNumber(page, 'kpi-value-innovations_published');
        const notReloaded = await markDocument(page);
        await publish(stack.api, teacher, { title: `สื่อใบตองสอนเศษส่วน (${viewport})` });
        const after = await numberAbove(page, 'kpi-value-innovations_published', before);
        expect(after).toBe(before + 1);
        await notReloaded();
        await journey.step(page, 'school-tile-live');

        await context.close();
      });
    }, 180_000);
  });
});
