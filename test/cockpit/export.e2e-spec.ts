import { INestApplicationContext } from '@nestjs/common';
import { Workbook, Worksheet } from 'exceljs';
import request from 'supertest';
import { createTestEnvironment, startTestApp, TestApp, TestEnvironment } from '../support/test-app';
import { startTestWorker } from '../support/test-worker';
import { activityPlanBody, activityReportBody, freshActivityPlan } from './activity-plans-fixtures';
import { buildWorld, cockpitCaughtUp, CockpitWorld, rebuilder } from './cockpit-world';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

interface Download {
  status: number;
  type: string;
  disposition: string;
  body: Buffer;
  json: () => { code?: string };
}

/** A file as a browser downloads it: the bytes and the headers that name it. */
async function download(api: TestApp, path: string, auth: Record<string, string> = {}): Promise<Download> {
  const response = await fetch(`${api.url}${path}`, { headers: { ...auth, 'accept-language': 'en' } });
  const body = Buffer.from(await response.arrayBuffer());
  return {
    status: response.status,
    type: response.headers.get('content-type') ?? '',
    disposition: response.headers.get('content-disposition') ?? '',
    body,
    json: () => JSON.parse(body.toString('utf8')) as { code?: string },
  };
}

async function firstSheet(xlsx: Buffer): Promise<{ sheet: Worksheet; workbook: Workbook }> {
  const workbook = new Workbook();
  await workbook.xlsx.load(xlsx as unknown as ArrayBuffer);
  return { sheet: workbook.worksheets[0]!, workbook };
}

/** The sheet's rows under its two header rows, as {header key: cell value} by the English header. */
function rowsOf(sheet: Worksheet): { thai: string[]; english: string[]; rows: Record<string, unknown>[] } {
  const values = (row: number) => (sheet.getRow(row).values as unknown[]).slice(1);
  const thai = values(1).map(String);
  const english = values(2).map(String);
  const rows: Record<string, unknown>[] = [];
  for (let index = 3; index <= sheet.rowCount; index += 1) {
    const cells = values(index);
    rows.push(Object.fromEntries(english.map((header, column) => [header, cells[column] ?? null])));
  }
  return { thai, english, rows };
}

/** A CSV's lines, its byte order mark kept apart. */
function csvLines(body: Buffer): { bom: boolean; lines: string[] } {
  const text = body.toString('utf8');
  return {
    bom: text.startsWith('\uFEFF'),
    lines: text
      .replace(/^\uFEFF/, '')
      .split('\r\n')
      .filter(Boolean),
  };
}

/**
 * Cockpit exports: every table as CSV and XLSX with Thai headers, holding the same numbers as the API's answers,
 * with the reads' scope rules and refusals. The community is cockpit-world's (two schools with members in P81, one
 * in S01), and P81 has two activity plans of ปีงบประมาณ 2570, one reported with seed 004's numbers.
 */
describe('Cockpit exports: CSV and XLSX of every table', () => {
  let environment: TestEnvironment;
  let api: TestApp;
  let worker: INestApplicationContext | null = null;
  let w: CockpitWorld;

  beforeAll(async () => {
    environment = await createTestEnvironment({ LOG_LEVEL: 'error' });
    api = await startTestApp(environment);
    worker = await startTestWorker(environment);
    w = await buildWorld(api);
    await cockpitCaughtUp(api);
    await rebuilder(api).refreshSchools();
    const reported = await freshActivityPlan(api.url, w.obec.auth, w.areaA);
    await request(api.url)
      .post(`/api/v1/activity-plans/${reported}/report`)
      .set(w.areaAdminA.auth)
      .send(activityReportBody())
      .expect(200);
    await freshActivityPlan(api.url, w.areaAdminA.auth, w.areaA, {
      title: 'อบรมครูกลุ่มสาระคณิตศาสตร์ ระดับสถานศึกษา',
      titleEn: null,
      level: 'school',
      schoolId: w.s1.id,
      startsOn: '2027-02-01',
      endsOn: '2027-02-02',
      targets: { educationExecutives: 0, supervisors: 2, schoolDirectors: 3, teachers: 45 },
      budget: '12500.50',
    });
  }, 120_000);

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await environment?.drop();
  });

  const json = async (path: string, who = w.obec) =>
    (await request(api.url).get(path).set(who.auth).expect(200)).body;

  it('exports the summary as XLSX: Thai then English headers, the same numbers as the API, a meaningful name', async () => {
    const summary = await json(`/api/v1/cockpit/summary?scope=area:${w.areaA}`, w.areaAdminA);
    const file = await download(
      api,
      `/api/v1/cockpit/export?report=summary&format=xlsx&scope=area:${w.areaA}`,
      w.areaAdminA.auth,
    );
    expect(file.status).toBe(200);
    expect(file.type).toBe(XLSX_TYPE);
    expect(file.disposition).toBe(
      `attachment; filename="cockpit-summary-area-P81-${summary.from}_${summary.to}.xlsx"`,
    );

    const { sheet, workbook } = await firstSheet(file.body);
    const { thai, english, rows } = rowsOf(sheet);
    expect(thai.slice(0, 4)).toEqual(['รหัสตัวชี้วัด', 'ตัวชี้วัด', 'ตัวชี้วัด (อังกฤษ)', 'หน่วย']);
    expect(english.slice(0, 4)).toEqual(['Code', 'Indicator (Thai)', 'Indicator', 'Unit']);
    const valueHeader = english.find((header) => header.startsWith('Value'))!;
    const previousHeader = english.find((header) => header.startsWith('Previous'))!;
    const byCode = Object.fromEntries(rows.map((row) => [row.Code, row]));
    expect(Object.keys(byCode)).toEqual(summary.kpis.map((kpi: { code: string }) => kpi.code));
    for (const kpi of summary.kpis as {
      code: string;
      th: string;
      value: number | null;
      previous: number;
    }[]) {
      expect([kpi.code, byCode[kpi.code]![valueHeader]]).toEqual([kpi.code, kpi.value]);
      expect([kpi.code, byCode[kpi.code]![previousHeader]]).toEqual([kpi.code, kpi.previous]);
      expect(byCode[kpi.code]!['Indicator (Thai)']).toBe(kpi.th);
    }
    // Numbers are numbers: 3 members registered, an average of 3.75.
    expect(byCode.members_registered![valueHeader]).toBe(3);
    expect(byCode.avg_quality![valueHeader]).toBe(3.75);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['สรุปตัวชี้วัด', 'เกี่ยวกับข้อมูล (About)']);
    const about = (workbook.worksheets[1]!.getSheetValues() as unknown[][]).flat().map(String).join(' ');
    expect(about).toContain('สำนักงานเขตพื้นที่การศึกษาประถมศึกษากระบี่');
  });

  it('exports the summary as CSV with a byte order mark, Thai headers first and plain numbers', async () => {
    const summary = await json('/api/v1/cockpit/summary?scope=national');
    const file = await download(
      api,
      '/api/v1/cockpit/export?report=summary&format=csv&scope=national',
      w.obec.auth,
    );
    expect(file.status).toBe(200);
    expect(file.type).toBe('text/csv; charset=utf-8');
    expect(file.disposition).toBe(
      `attachment; filename="cockpit-summary-national-${summary.from}_${summary.to}.csv"`,
    );
    const { bom, lines } = csvLines(file.body);
    expect(bom).toBe(true);
    expect(lines[0]!.startsWith('รหัสตัวชี้วัด,ตัวชี้วัด,ตัวชี้วัด (อังกฤษ),หน่วย,')).toBe(true);
    expect(lines[1]!.startsWith('Code,Indicator (Thai),Indicator,Unit,')).toBe(true);
    const line = (code: string) => lines.find((text) => text.startsWith(`${code},`))!.split(',');
    expect(line('members_registered').slice(0, 2)).toEqual(['members_registered', 'สมาชิกที่ลงทะเบียน']);
    expect(line('members_registered')[4]).toBe('11');
    expect(line('avg_quality')[4]).toBe('3.75');
    expect(line('points_outstanding')[4]).toBe('194');
  });

  it('exports breakdowns (areas of the nation, schools of an area, a category) with the API’s rows and values', async () => {
    const cases = [
      { who: w.obec, query: 'dimension=area&metric=innovations_published&scope=national', slug: 'national' },
      { who: w.areaAdminA, query: `dimension=school&metric=ratings&scope=area:${w.areaA}`, slug: 'area-P81' },
      {
        who: w.obec,
        query: 'dimension=learningArea&metric=innovations_published&scope=national',
        slug: 'national',
      },
    ];
    for (const { who, query, slug } of cases) {
      const breakdown = await json(`/api/v1/cockpit/breakdown?${query}`, who);
      const file = await download(
        api,
        `/api/v1/cockpit/export?report=breakdown&format=xlsx&${query}`,
        who.auth,
      );
      expect(file.status).toBe(200);
      expect(file.disposition).toBe(
        `attachment; filename="cockpit-breakdown-${slug}-${breakdown.metric}-by-${breakdown.dimension}-${breakdown.from}_${breakdown.to}.xlsx"`,
      );
      const { thai, rows } = rowsOf((await firstSheet(file.body)).sheet);
      expect(thai[0]).toBe('ลำดับ');
      const value = Object.keys(rows[0]!).at(-1)!;
      expect(rows.map((row) => [row.Key, row[value]])).toEqual(
        (breakdown.rows as { key: string; value: number | null }[]).map((row) => [row.key, row.value]),
      );
      expect(rows.map((row) => row.Rank)).toEqual(rows.map((_, index) => index + 1));
    }
    // The numbers a person counted: I1 and I2 in P81, I1 rated three times in s1.
    const areas = await download(
      api,
      '/api/v1/cockpit/export?report=breakdown&format=xlsx&dimension=area&metric=innovations_published&scope=national',
      w.obec.auth,
    );
    const { thai, rows } = rowsOf((await firstSheet(areas.body)).sheet);
    expect(thai[2]).toBe('สำนักงานเขตพื้นที่การศึกษา');
    expect(thai[4]).toBe('นวัตกรรมที่เผยแพร่ (จำนวน)');
    expect(rows.find((row) => row.Key === w.areaA)!['Innovations published (count)']).toBe(2);
    expect(rows.find((row) => row.Key === w.areaB)!['Innovations published (count)']).toBe(0);
  });

  it('exports a time series as CSV with the API’s points, and by fiscal year with its Buddhist Era year', async () => {
    const query = `metric=comments&interval=month&scope=area:${w.areaA}`;
    const series = await json(`/api/v1/cockpit/timeseries?${query}`, w.areaAdminA);
    const file = await download(
      api,
      `/api/v1/cockpit/export?report=timeseries&format=csv&${query}`,
      w.areaAdminA.auth,
    );
    expect(file.status).toBe(200);
    const { bom, lines } = csvLines(file.body);
    expect(bom).toBe(true);
    expect(lines.slice(0, 2)).toEqual(['วันเริ่มต้นช่วง,ความคิดเห็น (จำนวน)', 'Period start,Comments (count)']);
    expect(lines.slice(2)).toEqual(
      (series.points as { t: string; value: number }[]).map((point) => `${point.t},${point.value}`),
    );
    expect(lines.slice(2).reduce((sum, line) => sum + Number(line.split(',')[1]), 0)).toBe(3);

    const fiscal = await download(
      api,
      '/api/v1/cockpit/export?report=timeseries&format=xlsx&metric=members_registered&interval=fiscalYear&scope=national&from=2025-10-01',
      w.obec.auth,
    );
    const { rows } = rowsOf((await firstSheet(fiscal.body)).sheet);
    expect(rows.map((row) => [row['Fiscal year (BE)'], row['Members registered (people)']])).toEqual([
      [2569, 0],
      [2570, 11],
    ]);
    expect(rows[1]!['Period start']).toEqual(new Date('2026-10-01T00:00:00Z'));
  });

  it('exports the activity plans of a fiscal year with the plans’ own numbers', async () => {
    const plans = (await json(`/api/v1/areas/${w.areaA}/activity-plans?fiscalYear=2570`, w.areaAdminA))
      .items as {
      title: string;
      targets: { total: number; teachers: number };
      budget: string;
      report: {
        participants: { total: number; teachers: number };
        supervisionVisits: number;
        budgetSpent: string;
      } | null;
      startsOn: string;
    }[];
    expect(plans).toHaveLength(2);
    const file = await download(
      api,
      `/api/v1/cockpit/export?report=activity-plans&format=xlsx&fiscalYear=2570&scope=area:${w.areaA}`,
      w.areaAdminA.auth,
    );
    expect(file.status).toBe(200);
    expect(file.disposition).toBe('attachment; filename="cockpit-activity-plans-area-P81-fy2570.xlsx"');
    const { thai, rows } = rowsOf((await firstSheet(file.body)).sheet);
    expect(thai.slice(0, 2)).toEqual(['รหัสเขตพื้นที่', 'สำนักงานเขตพื้นที่การศึกษา']);
    expect(rows).toHaveLength(2);
    for (const plan of plans) {
      const row = rows.find((r) => r['Activity (Thai)'] === plan.title)!;
      expect(row['Fiscal year (BE)']).toBe(2570);
      expect(row['Starts on']).toEqual(new Date(`${plan.startsOn}T00:00:00Z`));
      expect(row['Target: total']).toBe(plan.targets.total);
      expect(row['Target: teachers']).toBe(plan.targets.teachers);
      expect(row['Budget planned (baht)']).toBe(Number(plan.budget));
      expect(row['Actual: total']).toBe(plan.report?.participants.total ?? null);
      expect(row['Actual: teachers']).toBe(plan.report?.participants.teachers ?? null);
      expect(row['Classroom supervision visits']).toBe(plan.report?.supervisionVisits ?? null);
      expect(row['Budget spent (baht)']).toBe(plan.report ? Number(plan.report.budgetSpent) : null);
    }
    // Seed 004's report: 800 planned, 700 took part, 497,000 baht planned.
    const seed004 = rows.find((r) => r['Activity (Thai)'] === activityPlanBody().title)!;
    expect([seed004['Target: total'], seed004['Actual: total'], seed004['Budget planned (baht)']]).toEqual([
      800, 700, 497000,
    ]);
    expect(seed004.Level).toBe('ระดับเขตพื้นที่การศึกษา');

    const csv = csvLines(
      (
        await download(
          api,
          `/api/v1/cockpit/export?report=activity-plans&format=csv&fiscalYear=2570&scope=national`,
          w.obec.auth,
        )
      ).body,
    );
    expect(csv.bom).toBe(true);
    expect(csv.lines[0]!.startsWith('รหัสเขตพื้นที่,สำนักงานเขตพื้นที่การศึกษา,')).toBe(true);
    expect(csv.lines.filter((line) => line.includes('496850.5'))).toHaveLength(1);
  });

  it('exports indicator 18 per area for a fiscal year with the API’s numbers and the under-500 flag', async () => {
    const indicator = (await json(`/api/v1/cockpit/indicator-18?scope=national&fiscalYear=2570`)).rows as {
      code: string;
      th: string;
      targetParticipants: number;
      actualParticipants: number;
      alCapableTeachers: number;
      alCapableTeachersNew: number;
      below500: boolean;
    }[];
    const file = await download(
      api,
      `/api/v1/cockpit/export?report=indicator-18&format=xlsx&fiscalYear=2570&scope=national`,
      w.obec.auth,
    );
    expect(file.status).toBe(200);
    expect(file.type).toBe(XLSX_TYPE);
    expect(file.disposition).toBe('attachment; filename="cockpit-indicator-18-national-fy2570.xlsx"');
    const { thai, rows } = rowsOf((await firstSheet(file.body)).sheet);
    expect(thai.slice(0, 2)).toEqual(['รหัสเขต', 'สำนักงานเขตพื้นที่การศึกษา']);
    // Every area of the nation, each with the read's numbers.
    expect(rows).toHaveLength(indicator.length);
    expect(indicator.length).toBe(245);
    const p81 = indicator.find((row) => row.code === 'P81')!;
    // Seed 004's reported plan: 700 took part, against 800 + 50 planned; indicator 18 counts cockpit-world's evidence.
    expect([p81.targetParticipants, p81.actualParticipants, p81.below500]).toEqual([850, 700, false]);
    expect(p81.alCapableTeachers).toBeGreaterThan(0);
    for (const area of indicator) {
      const row = rows.find((r) => r['Area code'] === area.code)!;
      expect(row['Educational service area (Thai)']).toBe(area.th);
      expect(row['Target participants']).toBe(area.targetParticipants);
      expect(row['Actual participants']).toBe(area.actualParticipants);
      expect(row['Under 500']).toBe(area.below500 ? 'ใช่ (yes)' : 'ไม่ (no)');
      expect(row['Teachers able to run Active Learning (to date)']).toBe(area.alCapableTeachers);
      expect(row['New in the fiscal year']).toBe(area.alCapableTeachersNew);
    }

    // An area admin's file holds their area only; another area's is refused.
    const own = csvLines(
      (
        await download(
          api,
          `/api/v1/cockpit/export?report=indicator-18&format=csv&fiscalYear=2570&scope=area:${w.areaA}`,
          w.areaAdminA.auth,
        )
      ).body,
    );
    expect(own.lines).toHaveLength(3);
    expect(own.lines[2]!.startsWith('P81,')).toBe(true);
    const other = await download(
      api,
      `/api/v1/cockpit/export?report=indicator-18&format=csv&scope=area:${w.areaB}`,
      w.areaAdminA.auth,
    );
    expect([other.status, other.json().code]).toEqual([403, 'COCKPIT_SCOPE_FORBIDDEN']);
  });

  it('keeps the reads’ scope: 403 COCKPIT_SCOPE_FORBIDDEN out of scope, 401 signed out', async () => {
    const refused = [
      { who: w.areaAdminA, query: `report=summary&format=xlsx&scope=area:${w.areaB}` },
      { who: w.areaAdminA, query: 'report=summary&format=csv&scope=national' },
      { who: w.areaAdminA, query: `report=activity-plans&format=csv&scope=area:${w.areaB}` },
      {
        who: w.schoolAdmin1,
        query: `report=breakdown&format=xlsx&dimension=school&metric=ratings&scope=school:${w.s2.id}`,
      },
      {
        who: w.areaAdminB,
        query: `report=timeseries&format=csv&metric=ratings&interval=week&scope=school:${w.s1.id}`,
      },
      { who: w.plain, query: 'report=summary&format=xlsx' },
      { who: w.t1, query: `report=summary&format=csv&scope=school:${w.s1.id}` },
    ];
    for (const { who, query } of refused) {
      const file = await download(api, `/api/v1/cockpit/export?${query}`, who.auth);
      expect([query, file.status, file.json().code]).toEqual([query, 403, 'COCKPIT_SCOPE_FORBIDDEN']);
      expect(file.disposition).toBe('');
    }
    expect((await download(api, '/api/v1/cockpit/export?report=summary&format=csv')).status).toBe(401);
    // In scope, a school admin gets their school's file.
    const own = await download(
      api,
      `/api/v1/cockpit/export?report=summary&format=csv&scope=school:${w.s1.id}`,
      w.schoolAdmin1.auth,
    );
    expect(own.status).toBe(200);
    expect(own.disposition).toContain(`cockpit-summary-school-${w.s1.code}-`);
  });

  it('refuses bad input with 400 and a registered code, never a 500', async () => {
    const cases: [string, string][] = [
      ['report=everything&format=csv', 'COCKPIT_EXPORT_REPORT_UNKNOWN'],
      ['report=summary&format=pdf', 'COCKPIT_EXPORT_FORMAT_UNKNOWN'],
      ['format=csv', 'VALIDATION_FAILED'],
      ['report=summary&format=csv&scope=area:nowhere', 'COCKPIT_SCOPE_INVALID'],
      ['report=summary&format=xlsx&from=2026-02-30', 'COCKPIT_DATE_INVALID'],
      ['report=summary&format=xlsx&from=2027-01-01&to=2026-01-01', 'COCKPIT_RANGE_INVALID'],
      ['report=breakdown&format=csv&metric=ratings', 'COCKPIT_DIMENSION_UNKNOWN'],
      ['report=breakdown&format=csv&dimension=galaxy&metric=ratings', 'COCKPIT_DIMENSION_UNKNOWN'],
      ['report=breakdown&format=csv&dimension=area', 'COCKPIT_METRIC_UNKNOWN'],
      ['report=breakdown&format=csv&dimension=partner&metric=comments', 'COCKPIT_DIMENSION_NOT_APPLICABLE'],
      ['report=timeseries&format=csv&metric=ratings', 'COCKPIT_INTERVAL_UNKNOWN'],
      ['report=timeseries&format=csv&metric=happiness&interval=day', 'COCKPIT_METRIC_UNKNOWN'],
      ['report=timeseries&format=csv&metric=ratings&interval=day&from=2020-01-01', 'COCKPIT_RANGE_TOO_LONG'],
      ['report=activity-plans&format=xlsx&fiscalYear=70', 'COCKPIT_FISCAL_YEAR_INVALID'],
      ['report=activity-plans&format=xlsx&fiscalYear=1999', 'COCKPIT_FISCAL_YEAR_INVALID'],
      ['report=summary&format=csv&colour=blue', 'VALIDATION_FAILED'],
    ];
    for (const [query, code] of cases) {
      const file = await download(api, `/api/v1/cockpit/export?${query}`, w.obec.auth);
      expect([query, file.status, file.json().code]).toEqual([query, 400, code]);
      expect(file.type).toContain('application/problem+json');
    }
  });
});
