/**
 * What the printed area report shows, gathered by the api (which checked the scope) and sent to the worker in the
 * `pdf` job: plain JSON, every text already in Thai and English, every amount of baht as exact text.
 */

/** The `pdf` queue's kind of the area report (a shipped name: never renamed). */
export const AREA_REPORT_KIND = 'cockpit.area-report';

export interface AreaReportRole {
  key: string;
  th: string;
  en: string;
  target: number;
  actual: number;
}

export interface AreaReportPlan {
  title: string;
  titleEn: string | null;
  level: 'area' | 'school';
  schoolTh: string | null;
  startsOn: string;
  endsOn: string;
  target: number;
  /** Null while the plan has no report. */
  actual: number | null;
  supervisionVisits: number | null;
  /** Baht as text ("497000.00"). */
  budget: string;
  budgetSpent: string | null;
  notes: string | null;
}

export interface AreaReportKpi {
  code: string;
  th: string;
  en: string;
  unit: 'people' | 'count' | 'points' | 'score' | 'percent';
  value: number | null;
  previous: number | null;
}

export interface AreaReportSeries {
  code: string;
  th: string;
  en: string;
  points: { t: string; value: number | null }[];
}

export interface AreaReportInnovation {
  title: string;
  author: string;
  school: string | null;
  average: number | null;
  ratings: number;
  adoptions: number;
  publishedOn: string | null;
}

export interface AreaReportData {
  version: 1;
  area: { id: string; code: string; nameTh: string; shortNameTh: string; nameEn: string };
  fiscalYear: { year: number; th: string; en: string; from: string; to: string };
  /** The days the KPIs cover: the fiscal year up to today (or the whole year once it is over). */
  period: { from: string; to: string; previousFrom: string; previousTo: string };
  /** When the report was made, and when the cockpit's numbers last changed (ISO instants). */
  printedAt: string;
  asOf: string;
  threshold: number;
  roles: AreaReportRole[];
  totals: {
    plans: number;
    reportedPlans: number;
    target: number;
    actual: number;
    supervisionVisits: number;
    budget: string;
    budgetSpent: string;
  };
  plans: AreaReportPlan[];
  indicator18: {
    value: number;
    newThisYear: number;
    th: string;
    en: string;
    definition: { th: string; en: string };
  };
  kpis: AreaReportKpi[];
  monthly: AreaReportSeries[];
  topInnovations: AreaReportInnovation[];
}
