import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ActivityEvents } from '@lc/activities';
import { InnovationEvents } from '@lc/innovations';
import { defineSubscription, EventEnvelope, OnEventBatch } from '@lc/messaging';
import { AwardService } from './award.service';

/**
 * What the ledger awards, reverses and re-awards points for. Batched: one job per relay batch, handled in one
 * transaction, because awards must move faster than one job per event allows. Registered by `LedgerModule`.
 */
export const LedgerSubscription = defineSubscription(
  'ledger',
  [
    InnovationEvents.published,
    InnovationEvents.hidden,
    InnovationEvents.removed,
    InnovationEvents.restored,
    InnovationEvents.ratingSubmitted,
    InnovationEvents.commentCreated,
    InnovationEvents.adoptionReported,
    InnovationEvents.endorsed,
    ActivityEvents.sessionAttended,
    ActivityEvents.eventCompleted,
    ActivityEvents.campaignAction,
  ],
  { batched: true },
);

/** The ledger's one handler: every subscribed event, in batches, exactly once. */
@Injectable()
export class LedgerSubscriber {
  constructor(private readonly awards: AwardService) {}

  @OnEventBatch(LedgerSubscription)
  async onEvents(events: EventEnvelope[], manager: EntityManager): Promise<void> {
    await this.awards.handle(events, manager);
  }
}
