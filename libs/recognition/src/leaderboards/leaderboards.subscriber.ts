import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { IdentityEvents } from '@lc/identity';
import { InnovationEvents } from '@lc/innovations';
import { LedgerEvents } from '@lc/ledger';
import { defineSubscription, EventEnvelope, OnEventBatch } from '@lc/messaging';
import { RecognitionEvents } from '../recognition.events';
import { LeaderboardsService } from './leaderboards.service';

/**
 * What can move a member on a board: points earned or reversed, adoptions and ratings of their work, their work
 * published, hidden, restored, removed or re-tagged, and whether they are ranked at all (privacy, roles, their
 * account). Batched: the members of a batch are recomputed from PostgreSQL once each.
 */
export const LeaderboardsSubscription = defineSubscription(
  'leaderboards',
  [
    LedgerEvents.pointsChanged,
    InnovationEvents.adoptionReported,
    InnovationEvents.ratingSubmitted,
    InnovationEvents.published,
    InnovationEvents.updated,
    InnovationEvents.hidden,
    InnovationEvents.restored,
    InnovationEvents.removed,
    RecognitionEvents.privacyChanged,
    IdentityEvents.roleGranted,
    IdentityEvents.roleRevoked,
    IdentityEvents.memberDisabled,
    IdentityEvents.memberErased,
  ],
  { batched: true },
);

/** Whose values an event may have changed. */
function membersOf(event: EventEnvelope): string[] {
  const p = event.payload as { authorId?: string; memberId?: string };
  const id = p.memberId ?? p.authorId;
  return id ? [id] : [];
}

@Injectable()
export class LeaderboardsSubscriber {
  constructor(private readonly leaderboards: LeaderboardsService) {}

  /**
   * Recomputes, never increments: each member touched by the batch is put at the value PostgreSQL gives now, so a
   * batch handled twice (or after a later one) writes the same scores. The Redis writes happen inside the job, not
   * after its commit: if Redis is away the job fails and is retried instead of the boards silently missing it.
   */
  @OnEventBatch(LeaderboardsSubscription)
  async onEvents(events: EventEnvelope[], manager: EntityManager): Promise<void> {
    const members = new Set(events.flatMap(membersOf));
    await this.leaderboards.refresh(manager, [...members]);
  }
}
