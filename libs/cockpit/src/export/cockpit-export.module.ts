import { Module } from '@nestjs/common';
import { IdentityModule } from '@lc/identity';
import { CockpitModule } from '../cockpit.module';
import { ActivityPlansModule } from '../plans';
import { CockpitExportService } from './cockpit-export.service';

/** The cockpit's tables as CSV and XLSX files (the api's side; the reads are CockpitService's). */
@Module({
  imports: [CockpitModule, ActivityPlansModule, IdentityModule],
  providers: [CockpitExportService],
  exports: [CockpitExportService],
})
export class CockpitExportModule {}
