import { Module } from '@nestjs/common';
import { IdentityModule } from '@lc/identity';
import { InnovationsModule } from '@lc/innovations';
import { PdfModule } from '@lc/pdf';
import { CockpitModule } from '../cockpit.module';
import { ActivityPlansModule } from '../plans';
import { AreaReportService } from './area-report.service';

/**
 * The api's side of the printable area report: gathers its numbers and asks the worker for the PDF. The worker's
 * side (AreaReportTemplate) is provided by CockpitWorkerModule.
 */
@Module({
  imports: [CockpitModule, ActivityPlansModule, IdentityModule, InnovationsModule, PdfModule],
  providers: [AreaReportService],
  exports: [AreaReportService],
})
export class AreaReportModule {}
