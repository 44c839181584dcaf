import type { CockpitBreakdown, CockpitSummary, CockpitTimeseries, Indicator18Row } from '../cockpit.service';
import { Dimension, Kpi, kpiOf } from '../kpis';
import { ACTIVITY_LEVELS, ACTIVITY_PLAN_EXPORT_COLUMNS } from '../plans';
import type { ActivityPlanExportRow } from '../plans';
import { thaiShortDate } from '@lc/core';
import type { ColumnType, TabularColumn, TabularRow } from './tabular';

/**
 * Each cockpit table as rows and columns for CSV and XLSX: Thai headers above English ones, numbers as numbers
 * (counts as whole numbers, averages with two decimals, shares in per cent with one), days as dates.
 */

export interface ExportTable {
  /** The sheet's name (Thai; tabular.ts cuts it to Excel's 31 characters). */
  sheetName: string;
  columns: TabularColumn[];
  rows: TabularRow[];
  /** A number format per cell where one column holds numbers of several kinds (the summary's units). */
  cellFormats?: (row: TabularRow, column: TabularColumn) => string | undefined;
}

export const UNITS: Record<Kpi['unit'], { th: string; en: string }> = {
  people: { th: 'คน', en: 'people' },
  count: { th: 'จำนวน', en: 'count' },
  points: { th: 'พอยท์', en: 'points' },
  score: { th: 'คะแนน (1–5)', en: 'score (1–5)' },
  percent: { th: 'ร้อยละ', en: 'per cent' },
};

/** The names of a breakdown's keys, per dimension. */
export const DIMENSION_LABELS: Record<Dimension, { th: string; en: string }> = {
  region: { th: 'ภาค', en: 'Region' },
  province: { th: 'จังหวัด', en: 'Province' },
  area: { th: 'สำนักงานเขตพื้นที่การศึกษา', en: 'Educational service area' },
  school: { th: 'โรงเรียน', en: 'School' },
  learningArea: { th: 'กลุ่มสาระการเรียนรู้', en: 'Learning area' },
  competency: { th: 'สมรรถนะ', en: 'Competency' },
  technique: { th: 'เทคนิคการจัดการเรียนรู้', en: 'Technique' },
  memberKind: { th: 'ประเภทสมาชิก', en: 'Member kind' },
  partner: { th: 'ภาคีเครือข่าย', en: 'Partner' },
  perkCategory: { th: 'หมวดหมู่สิทธิประโยชน์', en: 'Perk category' },
};

/** How a KPI's values are written: whole numbers, or decimals for averages and shares. */
function valueType(unit: Kpi['unit']): { type: ColumnType; decimals?: number } {
  if (unit === 'score') return { type: 'decimal', decimals: 2 };
  if (unit === 'percent') return { type: 'decimal', decimals: 1 };
  return { type: 'integer' };
}

function formatOf(unit: Kpi['unit']): string {
  if (unit === 'score') return '0.00';
  if (unit === 'percent') return '0.0';
  return '#,##0';
}

const SUMMARY_NUMBERS = new Set(['value', 'previous', 'change']);

export function summaryTable(summary: CockpitSummary): ExportTable {
  return {
    sheetName: 'สรุปตัวชี้วัด',
    columns: [
      { key: 'code', th: 'รหัสตัวชี้วัด', en: 'Code' },
      { key: 'th', th: 'ตัวชี้วัด', en: 'Indicator (Thai)', width: 40 },
      { key: 'en', th: 'ตัวชี้วัด (อังกฤษ)', en: 'Indicator', width: 36 },
      { key: 'unit', th: 'หน่วย', en: 'Unit' },
      {
        key: 'value',
        th: `ค่า ${thaiShortDate(summary.from)} – ${thaiShortDate(summary.to)}`,
        en: `Value ${summary.from} – ${summary.to}`,
        type: 'decimal',
      },
      {
        key: 'previous',
        th: `ช่วงก่อนหน้า ${thaiShortDate(summary.previousFrom)} – ${thaiShortDate(summary.previousTo)}`,
        en: `Previous period ${summary.previousFrom} – ${summary.previousTo}`,
        type: 'decimal',
      },
      { key: 'change', th: 'ผลต่าง', en: 'Change', type: 'decimal' },
      { key: 'definitionTh', th: 'นิยาม', en: 'Definition (Thai)', width: 60 },
      { key: 'definitionEn', th: 'นิยาม (อังกฤษ)', en: 'Definition', width: 60 },
    ],
    rows: summary.kpis.map((kpi) => ({
      code: kpi.code,
      th: kpi.th,
      en: kpi.en,
      unit: `${UNITS[kpi.unit].th} (${UNITS[kpi.unit].en})`,
      unitCode: kpi.unit,
      value: kpi.value,
      previous: kpi.previous,
      change:
        kpi.value === null || kpi.previous === null
          ? null
          : Math.round((kpi.value - kpi.previous) * 100) / 100,
      definitionTh: kpi.definition.th,
      definitionEn: kpi.definition.en,
    })),
    cellFormats: (row, column) =>
      SUMMARY_NUMBERS.has(column.key) ? formatOf(row.unitCode as Kpi['unit']) : undefined,
  };
}

export function breakdownTable(breakdown: CockpitBreakdown): ExportTable {
  const kpi = kpiOf(breakdown.metric)!;
  const label = DIMENSION_LABELS[breakdown.dimension];
  return {
    sheetName: `${kpi.th} ตาม${label.th}`,
    columns: [
      { key: 'rank', th: 'ลำดับ', en: 'Rank', type: 'integer' },
      { key: 'key', th: 'รหัส', en: 'Key' },
      { key: 'th', th: label.th, en: `${label.en} (Thai)`, width: 40 },
      { key: 'en', th: `${label.th} (อังกฤษ)`, en: label.en, width: 36 },
      {
        key: 'value',
        th: `${kpi.th} (${UNITS[kpi.unit].th})`,
        en: `${kpi.en} (${UNITS[kpi.unit].en})`,
        ...valueType(kpi.unit),
      },
    ],
    rows: breakdown.rows.map((row, index) => ({ rank: index + 1, ...row })),
  };
}

export function timeseriesTable(series: CockpitTimeseries): ExportTable {
  const kpi = kpiOf(series.metric)!;
  const fiscal = series.interval === 'fiscalYear';
  const columns: TabularColumn[] = [
    { key: 't', th: 'วันเริ่มต้นช่วง', en: 'Period start', type: 'date' },
    ...(fiscal
      ? [{ key: 'fiscalYear', th: 'ปีงบประมาณ (พ.ศ.)', en: 'Fiscal year (BE)', type: 'integer' as const }]
      : []),
    {
      key: 'value',
      th: `${kpi.th} (${UNITS[kpi.unit].th})`,
      en: `${kpi.en} (${UNITS[kpi.unit].en})`,
      ...valueType(kpi.unit),
    },
  ];
  return {
    sheetName: `${kpi.th} ราย${INTERVAL_TH[series.interval]}`,
    columns,
    rows: series.points.map((point) => ({ ...point })),
    // A Buddhist Era year is a name, not an amount: no thousands separator.
    cellFormats: (_row, column) => (column.key === 'fiscalYear' ? '0' : undefined),
  };
}

export const INTERVAL_TH: Record<CockpitTimeseries['interval'], string> = {
  day: 'วัน',
  week: 'สัปดาห์',
  month: 'เดือน',
  fiscalYear: 'ปีงบประมาณ',
};

const PLAN_TYPES: Partial<Record<keyof ActivityPlanExportRow, { type: ColumnType; decimals?: number }>> = {
  fiscalYear: { type: 'integer' },
  startsOn: { type: 'date' },
  endsOn: { type: 'date' },
  targetEducationExecutives: { type: 'integer' },
  targetSupervisors: { type: 'integer' },
  targetSchoolDirectors: { type: 'integer' },
  targetTeachers: { type: 'integer' },
  targetTotal: { type: 'integer' },
  actualEducationExecutives: { type: 'integer' },
  actualSupervisors: { type: 'integer' },
  actualSchoolDirectors: { type: 'integer' },
  actualTeachers: { type: 'integer' },
  actualTotal: { type: 'integer' },
  supervisionVisits: { type: 'integer' },
  budgetPlanned: { type: 'decimal', decimals: 2 },
  budgetSpent: { type: 'decimal', decimals: 2 },
};

export function activityPlansTable(rows: ActivityPlanExportRow[]): ExportTable {
  return {
    sheetName: 'แผนและผลกิจกรรม',
    columns: ACTIVITY_PLAN_EXPORT_COLUMNS.map((column) => ({
      key: column.key,
      th: column.th,
      en: column.en,
      ...(PLAN_TYPES[column.key] ?? {}),
    })),
    rows: rows.map((row) => ({ ...row, level: ACTIVITY_LEVELS[row.level].th })),
    cellFormats: (_row, column) => (column.key === 'fiscalYear' ? '0' : undefined),
  };
}

/**
 * Indicator 18 per area for a fiscal year: the exchange activities' participants planned and reported (seed 000 asks
 * at least 500 per area) beside the teachers the platform's evidence shows able to run Active Learning.
 */
export function indicator18Table(rows: Indicator18Row[]): ExportTable {
  return {
    sheetName: 'ตัวบ่งชี้ที่ 18',
    columns: [
      { key: 'code', th: 'รหัสเขต', en: 'Area code' },
      { key: 'th', th: 'สำนักงานเขตพื้นที่การศึกษา', en: 'Educational service area (Thai)', width: 44 },
      { key: 'en', th: 'สำนักงานเขตพื้นที่การศึกษา (อังกฤษ)', en: 'Educational service area', width: 40 },
      { key: 'targetParticipants', th: 'เป้าหมายผู้เข้าร่วม (คน)', en: 'Target participants', type: 'integer' },
      { key: 'actualParticipants', th: 'ผู้เข้าร่วมจริง (คน)', en: 'Actual participants', type: 'integer' },
      { key: 'below500', th: 'ต่ำกว่า 500 คน', en: 'Under 500' },
      {
        key: 'alCapableTeachers',
        th: 'ครูที่สามารถจัดการเรียนรู้เชิงรุกได้ (สะสม, คน)',
        en: 'Teachers able to run Active Learning (to date)',
        type: 'integer',
      },
      {
        key: 'alCapableTeachersNew',
        th: 'เพิ่มขึ้นในปีงบประมาณ (คน)',
        en: 'New in the fiscal year',
        type: 'integer',
      },
    ],
    rows: rows.map((row) => ({ ...row, below500: row.below500 ? 'ใช่ (yes)' : 'ไม่ (no)' })),
  };
}
