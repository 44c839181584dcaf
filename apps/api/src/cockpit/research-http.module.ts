import { Module } from '@nestjs/common';
import { ResearchModule } from '@lc/cockpit';
import { ResearchController } from './research.controller';

@Module({ imports: [ResearchModule], controllers: [ResearchController] })
export class ResearchHttpModule {}
