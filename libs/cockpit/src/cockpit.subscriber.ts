import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ActivityEvents } from '@lc/activities';
import { IdentityEvents } from '@lc/identity';
import { InnovationEvents } from '@lc/innovations';
import { LedgerEvents } from '@lc/ledger';
import { MarketplaceEvents } from '@lc/marketplace';
import { AfterCommit, defineSubscription, EventEnvelope, OnEventBatch } from '@lc/messaging';
import { CockpitLive } from './cockpit-live';
import { RollupUpdater } from './rollup-updater';

/**
 * What the cockpit counts. Batched: one job per relay batch, handled in one transaction, because every event moves
 * a few rollup rows and a batch writes them in one statement. Registered by `CockpitModule`.
 */
export const CockpitSubscription = defineSubscription(
  'cockpit',
  [
    IdentityEvents.memberRegistered,
    InnovationEvents.published,
    InnovationEvents.updated,
    InnovationEvents.hidden,
    InnovationEvents.removed,
    InnovationEvents.restored,
    InnovationEvents.ratingSubmitted,
    InnovationEvents.commentCreated,
    InnovationEvents.adoptionReported,
    InnovationEvents.endorsed,
    LedgerEvents.pointsChanged,
    LedgerEvents.pointsAdjusted,
    MarketplaceEvents.redemptionFulfilled,
    ActivityEvents.sessionAttended,
    ActivityEvents.eventCompleted,
  ],
  // Its batches take turns under the cockpit's lock: one at a time, so batches waiting for it hold no connections.
  { batched: true, concurrency: 1 },
);

/** The cockpit's one handler: every subscribed event, in batches, exactly once; then the live tiles hear of it. */
@Injectable()
export class CockpitSubscriber {
  constructor(
    private readonly updater: RollupUpdater,
    private readonly live: CockpitLive,
  ) {}

  @OnEventBatch(CockpitSubscription)
  async onEvents(events: EventEnvelope[], manager: EntityManager): Promise<AfterCommit> {
    const { scopes } = await this.updater.handle(events, manager);
    return async () => this.live.changed(scopes);
  }
}
