import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, ConfigModule, LoggingModule } from '@lc/core';
import { DatabaseModule } from '@lc/database';
import { EventProcessingModule, MessagingModule, SchedulesModule } from '@lc/messaging';
import { LedgerChainWorkerModule, LedgerWorkerModule } from '@lc/ledger';
import { MarketplaceWorkerModule } from '@lc/marketplace';
import { CommunityWorkerModule } from '@lc/community';
import { CockpitWorkerModule } from '@lc/cockpit';
import { RecognitionWorkerModule } from '@lc/recognition';
import { IdentityWorkerModule } from '@lc/identity';
import { PdfWorkerModule } from '@lc/pdf';
import { ActivitiesWorkerModule } from '@lc/activities';
import { RealtimePublisherModule } from '@lc/realtime';
import { WorkerRunner } from './worker-runner';

@Module({})
export class WorkerModule {
  static forRoot(overrides: Partial<Record<keyof AppConfig, string>> = {}): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(overrides),
        LoggingModule.forRoot(),
        DatabaseModule.forRoot('lc-worker'),
        MessagingModule.forRoot(),
        EventProcessingModule.forRoot(),
        SchedulesModule,
        IdentityWorkerModule,
        LedgerChainWorkerModule,
        LedgerWorkerModule,
        MarketplaceWorkerModule,
        RealtimePublisherModule,
        CommunityWorkerModule,
        CockpitWorkerModule,
        RecognitionWorkerModule,
        ActivitiesWorkerModule,
        PdfWorkerModule,
      ],
      providers: [WorkerRunner],
    };
  }
}
