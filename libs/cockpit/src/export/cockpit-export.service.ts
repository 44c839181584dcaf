import { Injectable } from '@nestjs/common';
import { DomainError } from '@lc/core';
import { Actor, OrganisationsService } from '@lc/identity';
import { CockpitErrors } from '../cockpit-errors';
import type { CockpitScope } from '../cockpit-scope';
import { CockpitService } from '../cockpit.service';
import { DIMENSIONS, kpiOf } from '../kpis';
import { INTERVALS } from '../periods';
import { ActivityPlansService } from '../plans';
import { fiscalYear as fiscalYearNamed } from '../fiscal-year';
import { parseFiscalYear } from '../report/area-report.service';
import { thaiDateRange, thaiDateTime } from '@lc/core';
import { ExportErrors } from './export-errors';
import {
  activityPlansTable,
  breakdownTable,
  indicator18Table,
  DIMENSION_LABELS,
  ExportTable,
  INTERVAL_TH,
  summaryTable,
  timeseriesTable,
} from './export-tables';
import { toCsv, toXlsx } from './tabular';
import { AboutLine, finishXlsx } from './xlsx-finish';

export const EXPORT_REPORTS = [
  'summary',
  'breakdown',
  'timeseries',
  'activity-plans',
  'indicator-18',
] as const;
export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportReport = (typeof EXPORT_REPORTS)[number];
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The query of an export: which table, which file, and the parameters of the read it comes from. */
export interface CockpitExportQuery {
  report?: string;
  format?: string;
  scope?: string;
  from?: string;
  to?: string;
  dimension?: string;
  metric?: string;
  interval?: string;
  fiscalYear?: string;
}

export interface CockpitExportFile {
  filename: string;
  contentType: string;
  body: Buffer;
}

const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

const AL_CAPABLE = kpiOf('al_capable_teachers')!;

const REPORT_NAMES: Record<ExportReport, { th: string; en: string }> = {
  summary: { th: 'สรุปตัวชี้วัด', en: 'KPI summary' },
  breakdown: { th: 'ตัวชี้วัดจำแนกตามกลุ่ม', en: 'Breakdown' },
  timeseries: { th: 'ตัวชี้วัดตามช่วงเวลา', en: 'Time series' },
  'activity-plans': { th: 'แผนและผลการจัดกิจกรรม', en: 'Activity plans and reports' },
  'indicator-18': {
    th: 'ตัวบ่งชี้ที่ 18 ครูที่สามารถจัดการเรียนรู้เชิงรุกได้',
    en: 'Indicator 18: teachers able to run Active Learning',
  },
};

/** Text safe in a file name: letters, digits, dots, dashes and underscores. */
const fileSafe = (text: string) => text.replace(/[^A-Za-z0-9._-]+/g, '-');

/**
 * Every table of the cockpit as a file: the same read, with the same scope rules (403 COCKPIT_SCOPE_FORBIDDEN out
 * of scope) and the same refusals of bad parameters, written as CSV (UTF-8 with a BOM) or XLSX with Thai headers
 * above English ones. The file's name says what it holds: `cockpit-summary-area-P81-2026-10-01_2027-09-30.xlsx`.
 */
@Injectable()
export class CockpitExportService {
  constructor(
    private readonly cockpit: CockpitService,
    private readonly plans: ActivityPlansService,
    private readonly organisations: OrganisationsService,
  ) {}

  async export(actor: Actor, query: CockpitExportQuery): Promise<CockpitExportFile> {
    const report = query.report as ExportReport;
    if (!(EXPORT_REPORTS as readonly string[]).includes(report))
      throw new DomainError(
        ExportErrors.COCKPIT_EXPORT_REPORT_UNKNOWN,
        String(query.report ?? '').slice(0, 40),
      );
    const format = query.format as ExportFormat;
    if (!(EXPORT_FORMATS as readonly string[]).includes(format))
      throw new DomainError(
        ExportErrors.COCKPIT_EXPORT_FORMAT_UNKNOWN,
        String(query.format ?? '').slice(0, 40),
      );

    const scope = await this.cockpit.authorise(actor, query.scope);
    const place = await this.place(scope);
    const { table, nameParts, about } = await this.table(report, scope, query);
    const filename = `${['cockpit', report, place.slug, ...nameParts].map(fileSafe).join('-')}.${format}`;
    const aboutLines: AboutLine[] = [
      { th: 'รายงาน', en: 'Report', value: `${REPORT_NAMES[report].th} (${REPORT_NAMES[report].en})` },
      { th: 'ขอบเขต', en: 'Scope', value: place.label },
      ...about,
      { th: 'จัดทำเมื่อ', en: 'Generated', value: thaiDateTime(new Date()) },
      { th: 'ที่มา', en: 'Source', value: 'ค็อกพิท ชุมชนนวัตกรรมการเรียนรู้ สพฐ. (Learning Community cockpit)' },
    ];
    const body =
      format === 'csv'
        ? toCsv(table.columns, table.rows)
        : await finishXlsx(
            await toXlsx(table.columns, table.rows, { sheetName: table.sheetName }),
            { ...table, headerRows: 2 },
            aboutLines,
          );
    return { filename, contentType: CONTENT_TYPES[format], body };
  }

  private async table(
    report: ExportReport,
    scope: CockpitScope,
    query: CockpitExportQuery,
  ): Promise<{ table: ExportTable; nameParts: string[]; about: AboutLine[] }> {
    const period = (from: string, to: string): AboutLine => ({
      th: 'ช่วงเวลา',
      en: 'Period',
      value: `${thaiDateRange(from, to)} (${from} – ${to})`,
    });
    const metricLine = (code: string): AboutLine => {
      const kpi = kpiOf(code)!;
      return { th: 'ตัวชี้วัด', en: 'Indicator', value: `${kpi.th} (${kpi.en}): ${kpi.definition.th}` };
    };
    switch (report) {
      case 'summary': {
        const summary = await this.cockpit.summary(scope, query);
        return {
          table: summaryTable(summary),
          nameParts: [`${summary.from}_${summary.to}`],
          about: [
            period(summary.from, summary.to),
            {
              th: 'ช่วงก่อนหน้า',
              en: 'Previous period',
              value: `${thaiDateRange(summary.previousFrom, summary.previousTo)} (${summary.previousFrom} – ${summary.previousTo})`,
            },
            { th: 'ข้อมูล ณ', en: 'As of', value: thaiDateTime(summary.asOf) },
          ],
        };
      }
      case 'breakdown': {
        if (!query.dimension)
          throw new DomainError(
            CockpitErrors.COCKPIT_DIMENSION_UNKNOWN,
            `dimension is required: ${DIMENSIONS.join(', ')}`,
          );
        if (!query.metric) throw new DomainError(CockpitErrors.COCKPIT_METRIC_UNKNOWN, 'metric is required');
        const breakdown = await this.cockpit.breakdown(scope, {
          dimension: query.dimension,
          metric: query.metric,
          from: query.from,
          to: query.to,
        });
        const label = DIMENSION_LABELS[breakdown.dimension];
        return {
          table: breakdownTable(breakdown),
          nameParts: [breakdown.metric, 'by', breakdown.dimension, `${breakdown.from}_${breakdown.to}`],
          about: [
            period(breakdown.from, breakdown.to),
            metricLine(breakdown.metric),
            { th: 'จำแนกตาม', en: 'By', value: `${label.th} (${label.en})` },
            ...(breakdown.truncated
              ? [
                  {
                    th: 'หมายเหตุ',
                    en: 'Note',
                    value: `แสดงเฉพาะ ${breakdown.rows.length.toLocaleString('en-US')} อันดับแรก (only the top rows)`,
                  },
                ]
              : []),
          ],
        };
      }
      case 'timeseries': {
        if (!query.metric) throw new DomainError(CockpitErrors.COCKPIT_METRIC_UNKNOWN, 'metric is required');
        if (!query.interval)
          throw new DomainError(
            CockpitErrors.COCKPIT_INTERVAL_UNKNOWN,
            `interval is required: ${INTERVALS.join(', ')}`,
          );
        const series = await this.cockpit.timeseries(scope, {
          metric: query.metric,
          interval: query.interval,
          from: query.from,
          to: query.to,
        });
        return {
          table: timeseriesTable(series),
          nameParts: [series.metric, series.interval, `${series.from}_${series.to}`],
          about: [
            period(series.from, series.to),
            metricLine(series.metric),
            {
              th: 'ช่วงย่อย',
              en: 'Interval',
              value: `ราย${INTERVAL_TH[series.interval]} (${series.interval})`,
            },
          ],
        };
      }
      case 'activity-plans': {
        const year = parseFiscalYear(query.fiscalYear);
        const rows = await this.plans.rows(scope, year);
        const named = fiscalYearNamed(year);
        return {
          table: activityPlansTable(rows),
          nameParts: [`fy${year}`],
          about: [{ th: 'ปีงบประมาณ', en: 'Fiscal year', value: `${named.th} (${named.en})` }],
        };
      }
      case 'indicator-18': {
        const year = parseFiscalYear(query.fiscalYear);
        const indicator = await this.cockpit.indicator18(scope, String(year));
        return {
          table: indicator18Table(indicator.rows),
          nameParts: [`fy${year}`],
          about: [
            { th: 'ปีงบประมาณ', en: 'Fiscal year', value: `${indicator.th} (${indicator.en})` },
            {
              th: 'ตัวชี้วัด',
              en: 'Indicator',
              value: `${AL_CAPABLE.th} (${AL_CAPABLE.en}): ${AL_CAPABLE.definition.th}`,
            },
          ],
        };
      }
    }
  }

  /** The scope as a file name part (`national`, `area-P81`, `school-<code>`) and as Thai words. */
  private async place(scope: CockpitScope): Promise<{ slug: string; label: string }> {
    switch (scope.kind) {
      case 'national':
        return { slug: 'national', label: 'ทั้งประเทศ (national)' };
      case 'area': {
        const area = await this.organisations.area(scope.areaId);
        return { slug: `area-${area.code}`, label: `${area.nameTh} (${area.code}, ${area.nameEn})` };
      }
      case 'school': {
        const school = await this.organisations.school(scope.schoolId);
        return { slug: `school-${school.code}`, label: `${school.nameTh} (${school.code})` };
      }
    }
  }
}
