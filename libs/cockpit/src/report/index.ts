// What libs/cockpit's index re-exports of the printable area report; everything else in this folder is its own.

export { AREA_REPORT_KIND } from './area-report.data';
export type { AreaReportData } from './area-report.data';
export { AreaReportModule } from './area-report.module';
export { AreaReportService, parseFiscalYear } from './area-report.service';
export type { AreaReportFile } from './area-report.service';
export { AreaReportTemplate } from './area-report.template';
