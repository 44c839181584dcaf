import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, ConfigModule, LoggingModule } from '@lc/core';
import { DatabaseModule } from '@lc/database';
import { MessagingModule } from '@lc/messaging';
import { ActivitiesHttpModule } from './activities/activities-http.module';
import { ActivityPlansHttpModule } from './cockpit/activity-plans-http.module';
import { AreaReportHttpModule } from './cockpit/area-report-http.module';
import { CockpitHttpModule } from './cockpit/cockpit-http.module';
import { CredentialsHttpModule } from './recognition/credentials-http.module';
import { LeaderboardsHttpModule } from './recognition/leaderboards-http.module';
import { LevelsHttpModule } from './recognition/levels-http.module';
import { CockpitExportHttpModule } from './cockpit/export-http.module';
import { ResearchHttpModule } from './cockpit/research-http.module';
import { CommunityHttpModule } from './community/community-http.module';
import { HealthModule } from './health/health.module';
import { IdentityHttpModule } from './identity/identity-http.module';
import { InnovationsHttpModule } from './innovations/innovations-http.module';
import { LedgerChainHttpModule } from './ledger/ledger-chain-http.module';
import { LedgerHttpModule } from './ledger/ledger-http.module';
import { MarketplaceHttpModule } from './marketplace/marketplace-http.module';
import { MetricsController } from './metrics/metrics.controller';
import { RealtimeHttpModule } from './realtime/realtime-http.module';

@Module({})
export class AppModule {
  static forRoot(overrides: Partial<Record<keyof AppConfig, string>> = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(overrides),
        LoggingModule.forRoot(),
        DatabaseModule.forRoot('lc-api'),
        MessagingModule.forRoot(),
        HealthModule,
        IdentityHttpModule,
        InnovationsHttpModule,
        LedgerChainHttpModule,
        LedgerHttpModule,
        MarketplaceHttpModule,
        RealtimeHttpModule,
        CommunityHttpModule,
        ActivityPlansHttpModule,
        CockpitHttpModule,
        LevelsHttpModule,
        LeaderboardsHttpModule,
        CredentialsHttpModule,
        ResearchHttpModule,
        CockpitExportHttpModule,
        AreaReportHttpModule,
        ActivitiesHttpModule,
      ],
      controllers: [MetricsController],
    };
  }
}
