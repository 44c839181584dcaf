import { Module } from '@nestjs/common';
import { IdentityModule } from '@lc/identity';
import { InnovationsModule } from '@lc/innovations';
import { LedgerModule } from '@lc/ledger';
import { MarketplaceModule } from '@lc/marketplace';
import { MessagingModule } from '@lc/messaging';
import { CockpitLabels } from './cockpit-labels';
import { CockpitLive } from './cockpit-live';
import { CockpitReadDatabase } from './cockpit-read-db';
import { CockpitReadRepository } from './cockpit-read.repository';
import { CockpitRebuildRepository } from './cockpit-rebuild.repository';
import { CockpitRebuildService } from './cockpit-rebuild.service';
import { CockpitSchedules } from './cockpit.schedules';
import { ACTIVITY_PARTICIPANTS, CockpitService } from './cockpit.service';
import { CockpitSubscriber, CockpitSubscription } from './cockpit.subscriber';
import { MirrorRepository } from './mirror.repository';
import { ActivityPlansModule, ActivityPlansService } from './plans';
import { AreaReportTemplate } from './report/area-report.template';
import { RollupUpdater } from './rollup-updater';
import { RollupsRepository } from './rollups.repository';

/**
 * The cockpit's reads (KPIs, breakdowns, time series, indicator 18) over its rollups, through the read database, and
 * the `cockpit` subscriber's subscription (registered here so the api and the worker route the same events).
 */
@Module({
  imports: [
    IdentityModule,
    InnovationsModule,
    LedgerModule,
    MarketplaceModule,
    ActivityPlansModule,
    MessagingModule.forFeature('cockpit', { subscriptions: [CockpitSubscription] }),
  ],
  providers: [
    CockpitReadDatabase,
    CockpitReadRepository,
    CockpitLabels,
    CockpitService,
    { provide: ACTIVITY_PARTICIPANTS, useExisting: ActivityPlansService },
  ],
  exports: [CockpitService],
})
export class CockpitModule {}

/** The worker's side: the `cockpit` subscriber, the daily rebuild and the school directory refresh. */
@Module({
  imports: [CockpitModule, IdentityModule, MarketplaceModule],
  providers: [
    MirrorRepository,
    RollupsRepository,
    RollupUpdater,
    CockpitLive,
    CockpitSubscriber,
    CockpitRebuildRepository,
    CockpitRebuildService,
    CockpitSchedules,
    AreaReportTemplate,
  ],
  exports: [CockpitRebuildService],
})
export class CockpitWorkerModule {}
