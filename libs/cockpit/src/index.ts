// What other code imports from @lc/cockpit; everything else in this folder is the library's own.

// Area activity plans and reports (libs/cockpit/src/plans)
export {
  ACTIVITY_LEVELS,
  ACTIVITY_PLAN_EXPORT_COLUMNS,
  ActivityEvidenceService,
  ActivityPlansModule,
  ActivityPlansService,
  bahtText,
  EVIDENCE_TYPES,
  evidenceError,
  PARTICIPANT_ROLES,
  PARTICIPANTS_PER_AREA,
  PlansErrors,
  satangToBaht,
} from './plans';
export type { ActivityPlanExportRow, ActivityPlanSummary, ActivityPlanView } from './plans';

// The cockpit: its modules, reads, scope and indicators
export { CockpitModule, CockpitWorkerModule } from './cockpit.module';
export { CockpitService, NATIONAL_SCHOOL_ROWS } from './cockpit.service';
export type {
  BreakdownRow,
  CockpitBreakdown,
  CockpitSummary,
  CockpitTimeseries,
  Indicator18Row,
  KpiValue,
} from './cockpit.service';
export { CockpitRebuildService } from './cockpit-rebuild.service';
export type { RebuildOutcome } from './cockpit-rebuild.service';
export { authorise, defaultScope, parseScope, scopeText } from './cockpit-scope';
export type { CockpitScope, RequestedScope } from './cockpit-scope';
export { CockpitErrors } from './cockpit-errors';
export { DIMENSIONS, GEO_DIMENSIONS, KPIS, kpiOf } from './kpis';
export type { Dimension, Kpi } from './kpis';
export { INTERVALS, fiscalYearPeriod, resolvePeriod } from './periods';
export type { Interval, Period } from './periods';
export { bangkokDay, fiscalYear, fiscalYearOf } from './fiscal-year';
export type { FiscalYear } from './fiscal-year';
export { COCKPIT_READ_APPLICATION } from './cockpit-read-db';
export { CockpitSubscription } from './cockpit.subscriber';

// Research extracts (libs/cockpit/src/research)
export { RESEARCH_DATASETS, ResearchErrors, ResearchModule, ResearchService } from './research';
export type { ResearchDataset, ResearchExtract } from './research';

// Tables as CSV and XLSX (libs/cockpit/src/export)
export { toCsv, toXlsx } from './export/tabular';
export type {
  ColumnType,
  HeaderLanguage,
  TabularColumn,
  TabularOptions,
  TabularRow,
  XlsxOptions,
} from './export/tabular';

// Every cockpit table as CSV or XLSX, and the printable area report (libs/cockpit/src/export, src/report)
export { CockpitExportModule } from './export/cockpit-export.module';
export { CockpitExportService, EXPORT_FORMATS, EXPORT_REPORTS } from './export/cockpit-export.service';
export type { CockpitExportFile, CockpitExportQuery } from './export/cockpit-export.service';
export { ExportErrors } from './export/export-errors';
export { AREA_REPORT_KIND, AreaReportModule, AreaReportService, AreaReportTemplate } from './report';
export type { AreaReportData, AreaReportFile } from './report';
export { englishDate, thaiDate, thaiDateTime, thaiNumber, thaiShortDate } from '@lc/core';
