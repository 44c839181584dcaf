import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ActivityEvents } from '@lc/activities';
import { InnovationEvents } from '@lc/innovations';
import { LedgerEvents } from '@lc/ledger';
import { defineSubscription, EnvelopeOf, EventEnvelope, OnEventBatch } from '@lc/messaging';
import { BadgesService } from './badges/badges.service';
import { LevelsService } from './levels/levels.service';
import { RecognitionEvents } from './recognition.events';

/**
 * What can move a member up a level or earn them a badge: their work published, rated, adopted and endorsed, feedback they gave, points
 * they earned, an event they completed, an approved nomination; and a completed campaign, which gives its badge (if it names one). Batched: one job per relay batch, one transaction, each member's evidence read
 * once per batch.
 */
export const RecognitionSubscription = defineSubscription(
  'recognition',
  [
    InnovationEvents.published,
    InnovationEvents.ratingSubmitted,
    InnovationEvents.commentCreated,
    InnovationEvents.adoptionReported,
    InnovationEvents.endorsed,
    LedgerEvents.pointsChanged,
    LedgerEvents.pointsAdjusted,
    RecognitionEvents.nominationApproved,
    ActivityEvents.campaignCompleted,
    ActivityEvents.eventCompleted,
  ],
  { batched: true },
);

/** The members an event may have moved: whose evidence it adds to. */
function membersOf(event: EventEnvelope): string[] {
  const p = event.payload as { authorId?: string; actorId?: string; memberId?: string };
  switch (event.type) {
    case InnovationEvents.ratingSubmitted.type:
    case InnovationEvents.commentCreated.type:
      // The giver's feedback and, for a rating, the author's quality.
      return [
        p.actorId,
        event.type === InnovationEvents.ratingSubmitted.type ? p.authorId : undefined,
      ].filter((id): id is string => typeof id === 'string');
    case InnovationEvents.published.type:
    case InnovationEvents.adoptionReported.type:
    case InnovationEvents.endorsed.type:
      return p.authorId ? [p.authorId] : [];
    default:
      return p.memberId ? [p.memberId] : [];
  }
}

@Injectable()
export class RecognitionSubscriber {
  constructor(
    private readonly levels: LevelsService,
    private readonly badges: BadgesService,
  ) {}

  @OnEventBatch(RecognitionSubscription)
  async onEvents(events: EventEnvelope[], manager: EntityManager): Promise<void> {
    // A completed campaign gives its own badge, once per member and badge; it adds no evidence.
    const evidenced: EventEnvelope[] = [];
    for (const event of events) {
      if (event.type !== ActivityEvents.campaignCompleted.type) {
        evidenced.push(event);
        continue;
      }
      const { memberId, badgeCode } = (event as EnvelopeOf<typeof ActivityEvents.campaignCompleted>).payload;
      if (badgeCode) await this.badges.awardCampaignBadge(manager, memberId, badgeCode, event.id);
    }
    // The last event of the batch about a member is the one that made them qualify, if any did.
    const last = new Map<string, string>();
    for (const event of evidenced) for (const memberId of membersOf(event)) last.set(memberId, event.id);
    const members = [...last].map(([memberId, eventId]) => ({ memberId, eventId }));
    if (members.length === 0) return;
    // Each member's evidence is read once for the batch; levels and badges are decided on the same numbers.
    const evidence = await this.levels.evidence(manager, [...last.keys()]);
    await this.levels.evaluate(manager, members, evidence);
    await this.badges.awardEarned(manager, members, evidence);
  }
}
