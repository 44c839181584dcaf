import { execFileSync } from 'node:child_process';
import { INestApplicationContext } from '@nestjs/common';
import request from 'supertest';
import { KPIS } from '@lc/cockpit';
import { ensureChromium } from '../support/browser';
import { fullInnovation } from '../support/fixtures';
import { createTestEnvironment, startTestApp, TestApp, TestEnvironment } from '../support/test-app';
import { startTestWorker } from '../support/test-worker';
import { ensurePdftotext, isPdf, pdfPageCount, pdfText } from '../pdf/pdf-text';
import { activityReportBody, freshActivityPlan } from './activity-plans-fixtures';
import { buildWorld, cockpitCaughtUp, CockpitWorld, rebuilder } from './cockpit-world';

const THAI_MONTHS = [
  'มกราคม', 'กุมภาพันธ์', 'มีนาคม', 'เมษายน', 'พฤษภาคม', 'มิถุนายน',
  'กรกฎาคม', 'สิงหาคม', 'กันยายน', 'ตุลาคม', 'พฤศจิกายน', 'ธันวาคม',
]; // prettier-ignore

/** Today in Bangkok, as a Thai reader writes it: `7 ธันวาคม 2569`. */
function todayInThai(): string {
  const bangkok = new Date(Date.now() + 7 * 3600 * 1000);
  return `${bangkok.getUTCDate()} ${THAI_MONTHS[bangkok.getUTCMonth()]} ${bangkok.getUTCFullYear() + 543}`;
}

const squeeze = (text: string) => text.replace(/\s+/g, '');

async function getPdf(api: TestApp, query: string, auth: Record<string, string>) {
  const response = await fetch(`${api.url}/api/v1/cockpit/area-report?${query}`, {
    headers: { ...auth, 'accept-language': 'en' },
  });
  const body = Buffer.from(await response.arrayBuffer());
  return {
    status: response.status,
    type: response.headers.get('content-type') ?? '',
    disposition: response.headers.get('content-disposition') ?? '',
    body,
    code: () => (JSON.parse(body.toString('utf8')) as { code?: string }).code,
  };
}

/**
 * The printable area report, printed by a real worker (its one Chromium, Sarabun embedded) and read back with
 * pdftotext as a reader's PDF viewer would. P81 (cockpit-world's area A) plans seed 004's activity (800 planned,
 * 700 took part, 497,000 baht) and a school-level one (50 planned, 12,500.50 baht, not reported yet).
 */
describe('The printable area report (PDF)', () => {
  let environment: TestEnvironment;
  let api: TestApp;
  let worker: INestApplicationContext | null = null;
  let w: CockpitWorld;
  let areaNameA: string;
  let areaNameB: string;

  beforeAll(async () => {
    ensureChromium();
    ensurePdftotext();
    environment = await createTestEnvironment({ LOG_LEVEL: 'error' });
    api = await startTestApp(environment);
    worker = await startTestWorker(environment);
    w = await buildWorld(api);
    await cockpitCaughtUp(api);
    await rebuilder(api).refreshSchools();
    const reported = await freshActivityPlan(api.url, w.areaAdminA.auth, w.areaA);
    await request(api.url)
      .post(`/api/v1/activity-plans/${reported}/report`)
      .set(w.areaAdminA.auth)
      .send(activityReportBody({ notes: 'ช่วงเวลาจัดกิจกรรมตรงกับการสอบปลายภาค ครูบางส่วนจึงเข้าร่วมไม่ได้' }))
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
    const name = async (id: string) =>
      (await request(api.url).get(`/api/v1/areas/${id}`).set(w.obec.auth).expect(200)).body.nameTh as string;
    areaNameA = await name(w.areaA);
    areaNameB = await name(w.areaB);
  }, 120_000);

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await environment?.drop();
  });

  it("prints the area's report in Thai: targets against actuals by role, budget, indicator 18, KPIs, innovations", async () => {
    const pdf = await getPdf(api, `areaId=${w.areaA}&fiscalYear=2570`, w.areaAdminA.auth);
    expect(pdf.status).toBe(200);
    expect(pdf.type).toBe('application/pdf');
    expect(pdf.disposition).toBe('inline; filename="area-report-P81-2570.pdf"');
    expect(isPdf(pdf.body)).toBe(true);
    expect(await pdfPageCount(pdf.body)).toBeGreaterThanOrEqual(2);

    const text = pdfText(pdf.body);
    const lines = text.split('\n').map((line) => line.trim());
    // The title: the area's Thai name and the fiscal year, each on a line of its own, whole.
    expect(lines).toContain(areaNameA);
    expect(areaNameA).toBe('สำนักงานเขตพื้นที่การศึกษาประถมศึกษากระบี่');
    expect(lines).toContain('ปีงบประมาณ 2570 (1 ตุลาคม 2569 – 30 กันยายน 2570)');
    // Printed today, in the Buddhist Era.
    expect(text).toContain(`พิมพ์เมื่อ / Printed`);
    expect(text).toContain(todayInThai());
    // The roles of seed 000 with their targets and actuals (20/15, 30/25, 150+3/184, 600+45/476).
    for (const role of ['ผู้บริหารการศึกษา', 'ศึกษานิเทศก์', 'ผู้บริหารสถานศึกษา', 'ครูผู้สอน'])
      expect(text).toContain(role);
    expect(lines).toEqual(expect.arrayContaining(['ผู้บริหารสถานศึกษา · School directors', '153', '184']));
    expect(lines).toEqual(expect.arrayContaining(['ครูผู้สอน · Teachers', '645', '476']));
    // 850 planned, 700 took part: over the 500 minimum.
    expect(text).toContain('850 คน');
    expect(text).toContain('700 คน');
    expect(text).toContain('เกณฑ์ขั้นต่ำเขตละ 500 คน');
    expect(text).toContain('ผ่านเกณฑ์');
    // Budget planned and spent in baht, supervision visits.
    expect(text).toContain('509,500.50');
    expect(text).toContain('496,850.50 บาท');
    expect(text).toContain('48 ครั้ง');
    // The plans, their dates in the Buddhist Era, and the report's notes.
    expect(squeeze(text)).toContain(
      squeeze('กิจกรรมแลกเปลี่ยนเรียนรู้การจัดการเรียนรู้เชิงรุก (Active Learning) ระดับเขตพื้นที่'),
    );
    expect(squeeze(text)).toContain(squeeze('1 ส.ค. 70 – 30 ก.ย. 70'));
    expect(squeeze(text)).toContain(squeeze('ยังไม่รายงาน'));
    expect(squeeze(text)).toContain(squeeze('ช่วงเวลาจัดกิจกรรมตรงกับการสอบปลายภาค ครูบางส่วนจึงเข้าร่วมไม่ได้'));
    // Indicator 18 with its definition: t1 in P81 (I1 rated 5, 4, 4).
    const al = KPIS.find((kpi) => kpi.code === 'al_capable_teachers')!;
    expect(text).toContain('ตัวชี้วัดที่ 18');
    expect(squeeze(text)).toContain(squeeze(`${al.th} 1 คน`));
    expect(squeeze(text)).toContain(squeeze(al.definition.th));
    // The KPIs of the area for the year: 3 members registered, an average quality of 3.75.
    expect(lines).toEqual(expect.arrayContaining(['สมาชิกที่ลงทะเบียน · Members registered']));
    expect(text).toContain('3.75');
    // The area's best innovation: I1, averaging 4.33 from three peers.
    expect(squeeze(text)).toContain(squeeze(fullInnovation().title as string));
    expect(text).toContain('4.33');
    // The charts' own words are text too.
    expect(squeeze(text)).toContain(squeeze('เป้าหมายและผลการดำเนินงานจำแนกตามบทบาท (คน)'));
    expect(squeeze(text)).toContain(squeeze('เกณฑ์ 500 คน'));
    expect(squeeze(text)).toContain('ต.ค.69');
    // Sarabun, embedded.
    const fonts = execFileSync('pdffonts', ['-'], { input: pdf.body }).toString('utf8');
    expect(fonts).toMatch(/Sarabun/);
  });

  it('prints an area under the 500 minimum for an OBEC admin, with what is missing', async () => {
    const pdf = await getPdf(api, `areaId=${w.areaB}&fiscalYear=2570`, w.obec.auth);
    expect(pdf.status).toBe(200);
    const text = pdfText(pdf.body);
    expect(text.split('\n').map((line) => line.trim())).toContain(areaNameB);
    expect(text).toContain('ต่ำกว่าเกณฑ์');
    expect(text).toContain('ขาดอีก 500 คน');
    expect(text).toContain('- ยังไม่มีแผนการจัดกิจกรรมในปีงบประมาณนี้ -');
  });

  it("is for the area's admins and OBEC admins only: 403 COCKPIT_SCOPE_FORBIDDEN, 404 for an unknown area", async () => {
    for (const who of [w.areaAdminB, w.schoolAdmin1, w.t1, w.plain, w.moderator]) {
      const pdf = await getPdf(api, `areaId=${w.areaA}&fiscalYear=2570`, who.auth);
      expect([pdf.status, pdf.code()]).toEqual([403, 'COCKPIT_SCOPE_FORBIDDEN']);
    }
    expect((await getPdf(api, `areaId=${w.areaA}`, {})).status).toBe(401);
    const unknown = '01890000-0000-7000-8000-000000000000';
    const missing = await getPdf(api, `areaId=${unknown}`, w.obec.auth);
    expect([missing.status, missing.code()]).toEqual([404, 'COCKPIT_SCOPE_NOT_FOUND']);
    // An area admin learns nothing about places that are not theirs.
    expect((await getPdf(api, `areaId=${unknown}`, w.areaAdminA.auth)).status).toBe(403);
  });

  it('refuses bad input with 400 and a registered code', async () => {
    const cases: [string, string][] = [
      ['areaId=krabi', 'VALIDATION_FAILED'],
      ['fiscalYear=2570', 'VALIDATION_FAILED'],
      [`areaId=${'01890000-0000-7000-8000-000000000000'}&colour=blue`, 'VALIDATION_FAILED'],
    ];
    for (const [query, code] of cases) {
      const pdf = await getPdf(api, query, w.obec.auth);
      expect([query, pdf.status, pdf.code()]).toEqual([query, 400, code]);
    }
    for (const year of ['70', '1999', '9999', 'พ.ศ.']) {
      const pdf = await getPdf(api, `areaId=${w.areaA}&fiscalYear=${encodeURIComponent(year)}`, w.obec.auth);
      expect([year, pdf.status, pdf.code()]).toEqual([year, 400, 'COCKPIT_FISCAL_YEAR_INVALID']);
    }
  });
});
