import { Module } from '@nestjs/common';
import { AreaReportModule } from '@lc/cockpit';
import { AreaReportController } from './area-report.controller';

@Module({ imports: [AreaReportModule], controllers: [AreaReportController] })
export class AreaReportHttpModule {}
