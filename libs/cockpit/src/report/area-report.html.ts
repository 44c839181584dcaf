import { html, raw, SafeHtml } from '@lc/pdf';
import { groupedBarChart, lineChart, progressChart } from './area-report.charts';
import type { AreaReportData, AreaReportKpi } from './area-report.data';
import {
  bahtAmount,
  englishDate,
  percentOf,
  thaiDate,
  thaiDateRange,
  thaiDateTime,
  thaiMonthLabel,
  thaiNumber,
  thaiShortDate,
} from '@lc/core';

/**
 * The printed area report, shaped like seed 004's report of an area office (project, targets, activities and their
 * dates, budget, results in numbers, problems and suggestions), with the cockpit's numbers added: indicator 18 and
 * its definition, the area's KPIs, month-by-month charts and the area's best innovations. Thai first, English
 * beneath in smaller type; dates in the Buddhist Era, Bangkok time.
 */

/** The page's width inside A4's 15 mm margins, in CSS pixels (180 mm). */
const CONTENT_WIDTH = 680;

export const AREA_REPORT_CSS = `
@page { size: A4; @bottom-right { content: "หน้า " counter(page) " / " counter(pages); font-family: Sarabun, sans-serif; font-size: 9pt; color: #52606d; } }
body { font-size: 11pt; line-height: 1.45; }
h1, h2, h3 { margin: 0; line-height: 1.5; }
.masthead { text-align: center; border-bottom: 2px solid #1d4e89; padding-bottom: 8px; margin-bottom: 10px; }
.masthead .issuer { font-size: 10pt; color: #52606d; }
.masthead h1 { font-size: 17pt; color: #1d4e89; margin-top: 4px; }
.masthead h2 { font-size: 15pt; margin-top: 2px; }
.masthead .year { font-size: 13pt; font-weight: 700; margin-top: 2px; }
.en { color: #52606d; font-size: 9pt; font-weight: 400; }
.masthead .en { display: block; margin-top: 2px; }
.meta { width: 100%; font-size: 9.5pt; color: #3e4c59; margin: 6px 0 4px; border-collapse: collapse; }
.meta td { padding: 1px 4px; vertical-align: top; }
.meta td:first-child { width: 38%; color: #52606d; white-space: nowrap; }
section { margin-top: 8px; }
section > h3 { font-size: 13pt; color: #1d4e89; border-bottom: 1px solid #cbd2d9; padding: 4px 0 2px; margin-bottom: 6px; break-after: avoid; }
section > h3 .en { font-size: 9.5pt; margin-left: 6px; }
.tiles { display: grid; grid-template-columns: repeat(3, 1fr); gap: 6px; }
.tile { border: 1px solid #cbd2d9; border-radius: 6px; padding: 6px 8px; break-inside: avoid; }
.tile .label { font-size: 9.5pt; color: #3e4c59; line-height: 1.3; }
.tile .label .en { display: block; font-size: 8pt; }
.tile .value { font-size: 16pt; font-weight: 700; line-height: 1.25; }
.tile .note { font-size: 9pt; color: #52606d; line-height: 1.3; }
.tile.good .value { color: #1f7a4d; }
.tile.short .value { color: #c05621; }
table.data { width: 100%; border-collapse: collapse; table-layout: fixed; font-size: 10pt; line-height: 1.45; }
table.data th, table.data td { border: 1px solid #cbd2d9; padding: 3px 5px; vertical-align: top; }
table.data td { overflow-wrap: break-word; }
table.data th { background: #e8eef7; font-weight: 700; text-align: center; vertical-align: middle; }
table.data th { font-size: 9.5pt; line-height: 1.25; }
table.data th .en { display: block; font-size: 7.5pt; }
table.data td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
table.data td.center { text-align: center; }
table.data tr.total td { font-weight: 700; background: #f5f7fa; }
table.data tr { break-inside: avoid; }
table.data thead { display: table-header-group; }
.status { display: inline-block; padding: 0 6px; border-radius: 8px; font-size: 9pt; }
.status.good { background: #e3f4ea; color: #1f7a4d; }
.status.short { background: #fdebd8; color: #9c4221; }
.chart { margin-top: 8px; break-inside: avoid; }
.charts { display: flex; justify-content: space-between; gap: 12px; break-inside: avoid; }
.definition { border-left: 3px solid #1d4e89; background: #f5f7fa; padding: 5px 8px; margin-top: 6px; font-size: 10pt; break-inside: avoid; }
.definition p { margin: 0 0 3px; }
.lead { margin: 0 0 6px; }
ul.notes { margin: 0; padding-left: 18px; }
ul.notes li { margin-bottom: 3px; }
.small { font-size: 9pt; color: #52606d; }
footer { margin-top: 14px; border-top: 1px solid #cbd2d9; padding-top: 4px; font-size: 8.5pt; color: #52606d; }
`;

const UNIT_TH: Record<AreaReportKpi['unit'], string> = {
  people: 'คน',
  count: 'รายการ',
  points: 'พอยท์',
  score: 'คะแนน',
  percent: 'ร้อยละ',
};

function kpiNumber(kpi: AreaReportKpi, value: number | null): string {
  if (value === null) return '–';
  if (kpi.unit === 'score') return thaiNumber(value, 2);
  if (kpi.unit === 'percent') return `${thaiNumber(value, 1)}%`;
  return thaiNumber(value);
}

function change(kpi: AreaReportKpi): string {
  if (kpi.value === null || kpi.previous === null) return '–';
  const difference = Math.round((kpi.value - kpi.previous) * 100) / 100;
  if (difference === 0) return '0';
  const text = kpiNumber(kpi, Math.abs(difference));
  return `${difference > 0 ? '+' : '−'}${text}`;
}

const heading = (th: string, en: string) => html`<h3>${th}<span class="en">${en}</span></h3>`;

const header = (th: string, en: string) => html`<th>${th}<span class="en">${en}</span></th>`;

/** Baht text minus baht text, exactly, as text. */
function bahtDifference(a: string, b: string): string {
  const satang = (text: string) => {
    const [whole, fraction = '0'] = text.split('.');
    return BigInt(whole!) * 100n + BigInt(fraction.padEnd(2, '0').slice(0, 2));
  };
  const value = satang(a) - satang(b);
  const magnitude = value < 0n ? -value : value;
  return `${value < 0n ? '-' : ''}${magnitude / 100n}.${(magnitude % 100n).toString().padStart(2, '0')}`;
}

/** Per cent of one baht text in another, one decimal. */
function bahtShare(part: string, whole: string): string {
  return percentOf(Number(part), Number(whole));
}

/** The twelve months of the fiscal year (October to September), as their first days. */
function fiscalMonths(from: string): string[] {
  const [year, month] = from.split('-').map(Number);
  return Array.from({ length: 12 }, (_, index) => {
    const date = new Date(Date.UTC(year!, month! - 1 + index, 1));
    return date.toISOString().slice(0, 10);
  });
}

function masthead(data: AreaReportData): SafeHtml {
  const printedDay = thaiDateTime(data.printedAt);
  return html`<div class="masthead">
      <div class="issuer">ชุมชนนวัตกรรมการเรียนรู้ สำนักงานคณะกรรมการการศึกษาขั้นพื้นฐาน (สพฐ.)</div>
      <h1>รายงานผลการดำเนินงานตามเป้าหมาย<br />การแลกเปลี่ยนเรียนรู้การจัดการเรียนรู้เชิงรุก (Active Learning)</h1>
      <h2>${data.area.nameTh}</h2>
      <div class="year">
        ${data.fiscalYear.th} (${thaiDateRange(data.fiscalYear.from, data.fiscalYear.to)})
      </div>
      <span class="en">Report of targets against actuals: ${data.area.nameEn}, ${data.fiscalYear.en}</span>
    </div>
    <table class="meta">
      <tr>
        <td>รหัสเขตพื้นที่ / Area code</td>
        <td>${data.area.code} (${data.area.shortNameTh})</td>
      </tr>
      <tr>
        <td>พิมพ์เมื่อ / Printed</td>
        <td>${printedDay}</td>
      </tr>
      <tr>
        <td>ตัวชี้วัดในแพลตฟอร์ม / Platform indicators</td>
        <td>${thaiDateRange(data.period.from, data.period.to)} (ข้อมูล ณ ${thaiDateTime(data.asOf)})</td>
      </tr>
    </table>`;
}

function summaryTiles(data: AreaReportData): SafeHtml {
  const { totals, threshold } = data;
  const reached = totals.actual >= threshold;
  const progress = progressChart({
    actual: totals.actual,
    target: totals.target,
    threshold,
    width: CONTENT_WIDTH,
    labels: {
      actual: `ผู้เข้าร่วมรวม ${thaiNumber(totals.actual)} คน`,
      target: `เป้าหมาย ${thaiNumber(totals.target)} คน`,
      threshold: `เกณฑ์ ${thaiNumber(threshold)} คน`,
    },
  });
  return html`<section>
    ${heading('1. สรุปผลการดำเนินงาน', 'Summary')}
    <div class="tiles">
      <div class="tile">
        <div class="label">ผู้เข้าร่วมตามเป้าหมาย<span class="en">Participants planned</span></div>
        <div class="value">${thaiNumber(totals.target)} คน</div>
        <div class="note">
          จาก ${thaiNumber(totals.plans)} กิจกรรม (รายงานผลแล้ว ${thaiNumber(totals.reportedPlans)})
        </div>
      </div>
      <div class="tile ${reached ? 'good' : 'short'}">
        <div class="label">ผู้เข้าร่วมแลกเปลี่ยนเรียนรู้จริง<span class="en">Participants who took part</span></div>
        <div class="value">${thaiNumber(totals.actual)} คน</div>
        <div class="note">${percentOf(totals.actual, totals.target)} ของเป้าหมาย</div>
      </div>
      <div class="tile ${reached ? 'good' : 'short'}">
        <div class="label">
          เกณฑ์ขั้นต่ำเขตละ ${thaiNumber(threshold)} คน<span class="en">The minimum per area</span>
        </div>
        <div class="value">${reached ? 'ผ่านเกณฑ์' : 'ต่ำกว่าเกณฑ์'}</div>
        <div class="note">
          ${
            reached
              ? `เกินเกณฑ์ ${thaiNumber(totals.actual - threshold)} คน`
              : `ขาดอีก ${thaiNumber(threshold - totals.actual)} คน`
          }
        </div>
      </div>
      <div class="tile">
        <div class="label">งบประมาณที่ใช้จริง<span class="en">Budget spent</span></div>
        <div class="value">${bahtAmount(totals.budgetSpent)} บาท</div>
        <div class="note">
          จากงบประมาณตามแผน ${bahtAmount(totals.budget)} บาท (${bahtShare(totals.budgetSpent, totals.budget)})
        </div>
      </div>
      <div class="tile">
        <div class="label">การนิเทศชั้นเรียน<span class="en">Classroom supervision visits</span></div>
        <div class="value">${thaiNumber(totals.supervisionVisits)} ครั้ง</div>
        <div class="note">ตามรายงานผลของกิจกรรม</div>
      </div>
      <div class="tile">
        <div class="label">
          ตัวชี้วัดที่ 18<span class="en">Indicator 18: teachers able to run Active Learning</span>
        </div>
        <div class="value">${thaiNumber(data.indicator18.value)} คน</div>
        <div class="note">
          ครูที่จัดการเรียนรู้เชิงรุกได้ (ใหม่ใน${data.fiscalYear.th} จำนวน ${thaiNumber(data.indicator18.newThisYear)}
          คน)
        </div>
      </div>
    </div>
    <div class="chart">${raw(progress)}</div>
  </section>`;
}

function roles(data: AreaReportData): SafeHtml {
  const { totals } = data;
  const rows = data.roles.map(
    (role) =>
      html`<tr>
        <td>${role.th}<span class="en"> · ${role.en}</span></td>
        <td class="num">${thaiNumber(role.target)}</td>
        <td class="num">${thaiNumber(role.actual)}</td>
        <td class="num">${thaiNumber(role.actual - role.target)}</td>
        <td class="num">${percentOf(role.actual, role.target)}</td>
      </tr>`,
  );
  const bars = groupedBarChart({
    title: 'เป้าหมายและผลการดำเนินงานจำแนกตามบทบาท (คน)',
    categories: data.roles.map((role) => role.th),
    series: [
      { name: 'เป้าหมาย (Target)', color: '#9ec1e8', values: data.roles.map((role) => role.target) },
      { name: 'ผลการดำเนินงาน (Actual)', color: '#1d4e89', values: data.roles.map((role) => role.actual) },
    ],
    width: CONTENT_WIDTH,
    height: 175,
  });
  return html`<section>
    ${heading('2. เป้าหมายและผลการดำเนินงานจำแนกตามบทบาท', 'Targets against actuals by role')}
    <table class="data">
      <colgroup>
        <col style="width: 32%" />
        <col style="width: 17%" />
        <col style="width: 17%" />
        <col style="width: 17%" />
        <col style="width: 17%" />
      </colgroup>
      <thead>
        <tr>
          ${header('บทบาท', 'Role')} ${header('เป้าหมาย (คน)', 'Target')}
          ${header('ผลการดำเนินงาน (คน)', 'Actual')} ${header('ผลต่าง (คน)', 'Difference')}
          ${header('ร้อยละของเป้าหมาย', '% of target')}
        </tr>
      </thead>
      <tbody>
        ${rows}
        <tr class="total">
          <td>รวม<span class="en"> · total</span></td>
          <td class="num">${thaiNumber(totals.target)}</td>
          <td class="num">${thaiNumber(totals.actual)}</td>
          <td class="num">${thaiNumber(totals.actual - totals.target)}</td>
          <td class="num">${percentOf(totals.actual, totals.target)}</td>
        </tr>
      </tbody>
    </table>
    ${data.plans.length > 0 && html`<div class="chart">${raw(bars)}</div>`}
  </section>`;
}

function activities(data: AreaReportData): SafeHtml {
  const rows = data.plans.map(
    (plan, index) =>
      html`<tr>
        <td class="center">${index + 1}</td>
        <td>
          ${plan.title}${
            plan.level === 'school' && plan.schoolTh
              ? html`<div class="small">${plan.schoolTh}</div>`
              : html`<div class="small">ระดับเขตพื้นที่การศึกษา</div>`
          }
        </td>
        <td class="center">
          ${
            plan.startsOn === plan.endsOn
              ? thaiShortDate(plan.startsOn)
              : `${thaiShortDate(plan.startsOn)} – ${thaiShortDate(plan.endsOn)}`
          }
        </td>
        <td class="num">${thaiNumber(plan.target)}</td>
        <td class="num">${plan.actual === null ? 'ยังไม่รายงาน' : thaiNumber(plan.actual)}</td>
        <td class="num">${plan.supervisionVisits === null ? '–' : thaiNumber(plan.supervisionVisits)}</td>
        <td class="num">${bahtAmount(plan.budget)}</td>
        <td class="num">${plan.budgetSpent === null ? '–' : bahtAmount(plan.budgetSpent)}</td>
      </tr>`,
  );
  return html`<section>
    ${heading('3. กิจกรรมและการดำเนินการ', 'Activities')}
    ${
      data.plans.length === 0
        ? html`<p class="lead">- ยังไม่มีแผนการจัดกิจกรรมในปีงบประมาณนี้ -</p>`
        : html`<table class="data">
            <colgroup>
              <col style="width: 5%" />
              <col style="width: 27%" />
              <col style="width: 15%" />
              <col style="width: 10%" />
              <col style="width: 10%" />
              <col style="width: 8%" />
              <col style="width: 12.5%" />
              <col style="width: 12.5%" />
            </colgroup>
            <thead>
              <tr>
                ${header('ที่', 'No.')} ${header('กิจกรรม', 'Activity')} ${header('ระยะเวลา', 'Dates')}
                ${header('เป้าหมาย (คน)', 'Target')} ${header('ผลจริง (คน)', 'Actual')}
                ${header('นิเทศ (ครั้ง)', 'Visits')} ${header('งบตามแผน (บาท)', 'Budget')}
                ${header('ใช้จริง (บาท)', 'Spent')}
              </tr>
            </thead>
            <tbody>
              ${rows}
            </tbody>
          </table>`
    }
  </section>`;
}

function budget(data: AreaReportData): SafeHtml {
  const { totals } = data;
  return html`<section>
    ${heading('4. งบประมาณที่ใช้', 'Budget')}
    <table class="data">
      <thead>
        <tr>
          ${header('งบประมาณตามแผน (บาท)', 'Planned (baht)')} ${header('ใช้จริง (บาท)', 'Spent (baht)')}
          ${header('คงเหลือ (บาท)', 'Remaining (baht)')} ${header('ร้อยละการใช้จ่าย', '% spent')}
        </tr>
      </thead>
      <tbody>
        <tr>
          <td class="num">${bahtAmount(totals.budget)}</td>
          <td class="num">${bahtAmount(totals.budgetSpent)}</td>
          <td class="num">${bahtAmount(bahtDifference(totals.budget, totals.budgetSpent))}</td>
          <td class="num">${bahtShare(totals.budgetSpent, totals.budget)}</td>
        </tr>
      </tbody>
    </table>
    <p class="small">
      งบประมาณที่ใช้จริงนับเฉพาะกิจกรรมที่รายงานผลแล้ว (${thaiNumber(totals.reportedPlans)} จาก
      ${thaiNumber(totals.plans)} กิจกรรม) · Spending counts reported activities only.
    </p>
  </section>`;
}

function indicator18(data: AreaReportData): SafeHtml {
  const item = data.indicator18;
  return html`<section>
    ${heading('5. การนิเทศชั้นเรียนและตัวชี้วัดที่ 18', 'Supervision and indicator 18')}
    <p class="lead">
      การนิเทศชั้นเรียนตามรายงานผลกิจกรรม <b>${thaiNumber(data.totals.supervisionVisits)} ครั้ง</b> · ${item.th}
      <b>${thaiNumber(item.value)} คน</b> (ใหม่ใน${data.fiscalYear.th} จำนวน ${thaiNumber(item.newThisYear)}
      คน, ณ วันที่ ${thaiDate(data.period.to)})
    </p>
    <div class="definition">
      <p><b>นิยาม:</b> ${item.definition.th}</p>
      <p class="en"><b>Definition:</b> ${item.definition.en}</p>
    </div>
  </section>`;
}

function kpis(data: AreaReportData): SafeHtml {
  const rows = data.kpis.map(
    (kpi) =>
      html`<tr>
        <td>${kpi.th}<span class="en"> · ${kpi.en}</span></td>
        <td class="center">${UNIT_TH[kpi.unit]}</td>
        <td class="num">${kpiNumber(kpi, kpi.value)}</td>
        <td class="num">${kpiNumber(kpi, kpi.previous)}</td>
        <td class="num">${change(kpi)}</td>
      </tr>`,
  );
  return html`<section>
    ${heading('6. ตัวชี้วัดของเขตพื้นที่ในแพลตฟอร์ม', 'Platform indicators of the area')}
    <p class="small">
      ${thaiDateRange(data.period.from, data.period.to)} เทียบกับช่วงก่อนหน้าที่ยาวเท่ากัน
      (${thaiDateRange(data.period.previousFrom, data.period.previousTo)}) · compared with the previous period
      of the same length
    </p>
    <table class="data">
      <colgroup>
        <col style="width: 46%" />
        <col style="width: 10%" />
        <col style="width: 15%" />
        <col style="width: 15%" />
        <col style="width: 14%" />
      </colgroup>
      <thead>
        <tr>
          ${header('ตัวชี้วัด', 'Indicator')} ${header('หน่วย', 'Unit')} ${header('ปีงบประมาณนี้', 'This year')}
          ${header('ช่วงก่อนหน้า', 'Previous')} ${header('เปลี่ยนแปลง', 'Change')}
        </tr>
      </thead>
      <tbody>
        ${rows}
      </tbody>
    </table>
  </section>`;
}

function monthly(data: AreaReportData): SafeHtml {
  const months = fiscalMonths(data.fiscalYear.from);
  const categories = months.map(thaiMonthLabel);
  const valuesOf = (code: string) => {
    const series = data.monthly.find((s) => s.code === code);
    const byMonth = new Map((series?.points ?? []).map((point) => [point.t.slice(0, 7), point.value]));
    return months.map((month) => byMonth.get(month.slice(0, 7)) ?? null);
  };
  const named = (code: string) => data.monthly.find((s) => s.code === code);
  const activity = groupedBarChart({
    title: 'การเผยแพร่และการนำนวัตกรรมไปใช้รายเดือน',
    categories,
    series: [
      {
        name: named('innovations_published')?.th ?? 'นวัตกรรมที่เผยแพร่',
        color: '#3b82c4',
        values: valuesOf('innovations_published'),
      },
      {
        name: named('adoptions')?.th ?? 'การนำนวัตกรรมไปใช้',
        color: '#e09f3e',
        values: valuesOf('adoptions'),
      },
    ],
    width: CONTENT_WIDTH,
    height: 220,
  });
  const capable = lineChart({
    title: 'ครูและบุคลากรที่จัดการเรียนรู้เชิงรุกได้ (ตัวชี้วัดที่ 18) สะสม ณ สิ้นเดือน',
    name: 'จำนวนคน (สะสม)',
    categories,
    values: valuesOf('al_capable_teachers'),
    color: '#1f7a4d',
    width: CONTENT_WIDTH,
    height: 210,
  });
  return html`<section>
    ${heading('7. แนวโน้มรายเดือน', 'Month by month')}
    <div class="chart">${raw(activity)}</div>
    <div class="chart">${raw(capable)}</div>
  </section>`;
}

function innovations(data: AreaReportData): SafeHtml {
  const rows = data.topInnovations.map(
    (item, index) =>
      html`<tr>
        <td class="center">${index + 1}</td>
        <td>${item.title}</td>
        <td>${item.author}${item.school ? html`<div class="small">${item.school}</div>` : ''}</td>
        <td class="num">${thaiNumber(item.average, 2)}</td>
        <td class="num">${thaiNumber(item.ratings)}</td>
        <td class="num">${thaiNumber(item.adoptions)}</td>
        <td class="center">${item.publishedOn ? thaiShortDate(bangkokDay(item.publishedOn)) : '–'}</td>
      </tr>`,
  );
  return html`<section>
    ${heading('8. นวัตกรรมเด่นของเขตพื้นที่', 'Top innovations of the area')}
    <p class="small">
      เรียงตามคะแนนคุณภาพของแพลตฟอร์ม (ค่าเฉลี่ยแบบถ่วงน้ำหนักตามจำนวนผู้ให้คะแนน) เฉพาะนวัตกรรมที่เผยแพร่และได้รับคะแนนแล้ว ·
      ranked by the platform's quality score
    </p>
    ${
      data.topInnovations.length === 0
        ? html`<p class="lead">- ยังไม่มีนวัตกรรมที่ได้รับคะแนน -</p>`
        : html`<table class="data">
            <colgroup>
              <col style="width: 7%" />
              <col style="width: 33%" />
              <col style="width: 21%" />
              <col style="width: 9%" />
              <col style="width: 9%" />
              <col style="width: 10%" />
              <col style="width: 11%" />
            </colgroup>
            <thead>
              <tr>
                ${header('อันดับ', 'Rank')} ${header('นวัตกรรม', 'Innovation')}
                ${header('ผู้สร้างสรรค์ / โรงเรียน', 'Author / school')} ${header('คะแนนเฉลี่ย', 'Average')}
                ${header('ผู้ให้คะแนน', 'Ratings')} ${header('นำไปใช้', 'Adopted')}
                ${header('เผยแพร่', 'Published')}
              </tr>
            </thead>
            <tbody>
              ${rows}
            </tbody>
          </table>`
    }
  </section>`;
}

function notes(data: AreaReportData): SafeHtml {
  const written = data.plans.filter((plan) => plan.notes && plan.notes.trim() !== '');
  return html`<section>
    ${heading('9. ปัญหา อุปสรรค และข้อเสนอแนะ', 'Problems and suggestions (from the reports)')}
    ${
      written.length === 0
        ? html`<p class="lead">- ไม่มี -</p>`
        : html`<ul class="notes">
            ${written.map((plan) => html`<li><b>${plan.title}:</b> ${plan.notes}</li>`)}
          </ul>`
    }
  </section>`;
}

function bangkokDay(instant: string): string {
  return new Date(new Date(instant).getTime() + 7 * 60 * 60 * 1000).toISOString().slice(0, 10);
}

export function areaReportHtml(data: AreaReportData): SafeHtml {
  return html`${masthead(data)} ${summaryTiles(data)} ${roles(data)} ${activities(data)} ${budget(data)}
    ${indicator18(data)} ${kpis(data)} ${monthly(data)} ${innovations(data)} ${notes(data)}
    <footer>
      จัดทำโดยค็อกพิท ชุมชนนวัตกรรมการเรียนรู้ สพฐ. จากแผนและรายงานผลกิจกรรมของเขตพื้นที่และข้อมูลในแพลตฟอร์ม พิมพ์เมื่อ
      ${thaiDateTime(data.printedAt)} · Made by the Learning Community cockpit from the area's activity plans
      and reports and the platform's data, printed ${englishDate(bangkokDay(data.printedAt))}.
    </footer>`;
}
