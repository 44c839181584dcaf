import { Module } from '@nestjs/common';
import { CockpitModule } from '@lc/cockpit';
import { CockpitController } from './cockpit.controller';

@Module({ imports: [CockpitModule], controllers: [CockpitController] })
export class CockpitHttpModule {}
