import { Module } from '@nestjs/common';
import { ActivitiesModule } from '@lc/activities';
import { IdentityModule } from '@lc/identity';
import { InnovationsModule } from '@lc/innovations';
import { LedgerModule } from '@lc/ledger';
import { MessagingModule } from '@lc/messaging';
import { PdfModule } from '@lc/pdf';
import { BadgesRepository } from './badges/badges.repository';
import { BadgesService } from './badges/badges.service';
import { CredentialsModule } from './credentials/credentials.module';
import { LeaderboardsRepository } from './leaderboards/leaderboards.repository';
import { LeaderboardsSchedules } from './leaderboards/leaderboards.schedules';
import { LeaderboardsService } from './leaderboards/leaderboards.service';
import { LeaderboardsStore } from './leaderboards/leaderboards.store';
import { LeaderboardsSubscriber, LeaderboardsSubscription } from './leaderboards/leaderboards.subscriber';
import { LevelsRepository } from './levels/levels.repository';
import { LevelsService } from './levels/levels.service';
import { NominationsService } from './levels/nominations.service';
import { EvidenceService } from './evidence/evidence.service';
import { EvidenceTemplate } from './evidence/evidence.template';
import { DevelopmentPlansService } from './plans/development-plans.service';
import { PortfolioService } from './portfolio/portfolio.service';
import { PrivacyService } from './privacy/privacy.service';
import { RecognitionEvents } from './recognition.events';
import { RecognitionSubscriber, RecognitionSubscription } from './recognition.subscriber';

/**
 * Recognition: levels and nominations, badges and their credentials, leaderboards, privacy choices, portfolios and
 * ID PLANs. Its events and subscriptions are registered here so the api and the worker route the same events.
 */
@Module({
  imports: [
    ActivitiesModule,
    IdentityModule,
    InnovationsModule,
    LedgerModule,
    CredentialsModule,
    PdfModule,
    MessagingModule.forFeature('recognition', {
      events: RecognitionEvents,
      subscriptions: [RecognitionSubscription, LeaderboardsSubscription],
    }),
  ],
  providers: [
    LevelsRepository,
    LevelsService,
    NominationsService,
    BadgesRepository,
    BadgesService,
    PrivacyService,
    PortfolioService,
    DevelopmentPlansService,
    EvidenceService,
    LeaderboardsRepository,
    LeaderboardsStore,
    LeaderboardsService,
  ],
  exports: [
    LeaderboardsService,
    LevelsService,
    NominationsService,
    BadgesService,
    PrivacyService,
    PortfolioService,
    DevelopmentPlansService,
    EvidenceService,
    CredentialsModule,
  ],
})
export class RecognitionModule {}

/** The worker's side: the `recognition` subscriber that promotes members. */
@Module({
  imports: [RecognitionModule],
  providers: [RecognitionSubscriber, LeaderboardsSubscriber, LeaderboardsSchedules, EvidenceTemplate],
})
export class RecognitionWorkerModule {}
