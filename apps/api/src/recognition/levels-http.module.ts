import { Module } from '@nestjs/common';
import { RecognitionModule } from '@lc/recognition';
import { BadgesController } from './badges.controller';
import { DevelopmentPlansController } from './development-plans.controller';
import { EvidenceController } from './evidence.controller';
import { LevelsController } from './levels.controller';
import { PortfolioController } from './portfolio.controller';
import { PrivacyController } from './privacy.controller';

@Module({
  imports: [RecognitionModule],
  controllers: [
    LevelsController,
    BadgesController,
    PrivacyController,
    PortfolioController,
    DevelopmentPlansController,
    EvidenceController,
  ],
})
export class LevelsHttpModule {}
