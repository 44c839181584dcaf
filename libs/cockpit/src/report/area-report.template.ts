import { Injectable } from '@nestjs/common';
import { PdfSource, PdfTemplate } from '@lc/pdf';
import { AREA_REPORT_KIND, AreaReportData } from './area-report.data';
import { AREA_REPORT_CSS, areaReportHtml } from './area-report.html';

/**
 * The worker's side of the area report: prints the numbers the api gathered (AreaReportService) with the process's
 * one Chromium. Provided by CockpitWorkerModule; PdfTemplates finds it by its decorator.
 */
@Injectable()
export class AreaReportTemplate {
  @PdfTemplate(AREA_REPORT_KIND)
  areaReport(input: AreaReportData): PdfSource {
    if (input?.version !== 1 || !input.area || !input.fiscalYear)
      throw new Error(`An area report job of an unknown shape (version ${String(input?.version)})`);
    return {
      html: areaReportHtml(input),
      css: AREA_REPORT_CSS,
      title: `รายงานผลการดำเนินงาน ${input.area.nameTh} ${input.fiscalYear.th}`,
      lang: 'th',
    };
  }
}
