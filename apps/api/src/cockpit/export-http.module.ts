import { Module } from '@nestjs/common';
import { CockpitExportModule } from '@lc/cockpit';
import { CockpitExportController } from './export.controller';

@Module({ imports: [CockpitExportModule], controllers: [CockpitExportController] })
export class CockpitExportHttpModule {}
