import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { InnovationEvents } from '@lc/innovations';
import {
  defineSubscription,
  EventEnvelope,
  OnEventBatch,
  OutboxService,
  type PayloadOf,
} from '@lc/messaging';
import { ActivityEvents } from '../activities.events';
import { CampaignGoal, CampaignRow, CampaignsRepository } from './campaigns.repository';

/**
 * What can count for a campaign: a publication, a first rating or a comment on someone else's innovation, a reported
 * use of someone else's innovation, a completed event. Batched: one job per relay batch, one transaction; the
 * subscriber's processed_event key makes each action count once.
 */
export const CampaignsSubscription = defineSubscription(
  'campaigns',
  [
    InnovationEvents.published,
    InnovationEvents.ratingSubmitted,
    InnovationEvents.commentCreated,
    InnovationEvents.adoptionReported,
    ActivityEvents.eventCompleted,
  ],
  { batched: true },
);

type Published = PayloadOf<typeof InnovationEvents.published>;
type Feedback = PayloadOf<typeof InnovationEvents.commentCreated> & { previousOverall?: number | null };

/** One member's action that a campaign of `goal` may count, when it happened. */
export interface CampaignAction {
  eventId: string;
  memberId: string;
  goal: CampaignGoal;
  at: Date;
  learningAreas: string[];
  innovationId: string | null;
}

/** The action an event records, if it is one any campaign counts. */
export function actionOf(event: EventEnvelope): CampaignAction | null {
  const at = new Date(event.occurredAt);
  const base = { eventId: event.id, at };
  switch (event.type) {
    case InnovationEvents.published.type: {
      const p = event.payload as Published;
      return {
        ...base,
        memberId: p.authorId,
        goal: 'publish_innovations',
        learningAreas: p.learningAreas ?? [],
        innovationId: p.innovationId,
      };
    }
    case InnovationEvents.ratingSubmitted.type:
    case InnovationEvents.commentCreated.type:
    case InnovationEvents.adoptionReported.type: {
      const p = event.payload as Feedback;
      if (!p.actorId || p.actorId === p.authorId) return null;
      // A changed rating is the same feedback again: only a first rating counts.
      if (event.type === InnovationEvents.ratingSubmitted.type && p.previousOverall !== null) return null;
      return {
        ...base,
        memberId: p.actorId,
        goal: event.type === InnovationEvents.adoptionReported.type ? 'report_adoptions' : 'give_feedback',
        learningAreas: p.learningAreas ?? [],
        innovationId: p.innovationId,
      };
    }
    case ActivityEvents.eventCompleted.type: {
      const p = event.payload as { memberId: string; completedAt?: string };
      return {
        ...base,
        at: p.completedAt ? new Date(p.completedAt) : at,
        memberId: p.memberId,
        goal: 'complete_events',
        learningAreas: [],
        innovationId: null,
      };
    }
    default:
      return null;
  }
}

/** Whether a campaign counts an action: its goal and learning area, inside [starts_at, ends_at), in its area. */
export function counts(campaign: CampaignRow, action: CampaignAction, memberArea: string | null): boolean {
  return (
    campaign.goal === action.goal &&
    campaign.startsAt.getTime() <= action.at.getTime() &&
    action.at.getTime() < campaign.endsAt.getTime() &&
    (campaign.learningArea === null || action.learningAreas.includes(campaign.learningArea)) &&
    (campaign.areaId === null || campaign.areaId === memberArea)
  );
}

/**
 * Counts members' actions for the campaigns running when each happened (the event's occurredAt, so an action
 * handled late still counts and one after the end never does). Per counted action with a bonus, an
 * `activity.campaign_action` (the ledger pays it once); when a member's count first reaches the target, one
 * `activity.campaign_completed` (recognition gives the badge). Counting goes on after completion (7 of 5).
 */
@Injectable()
export class CampaignsSubscriber {
  constructor(
    private readonly campaigns: CampaignsRepository,
    private readonly outbox: OutboxService,
  ) {}

  @OnEventBatch(CampaignsSubscription)
  async onEvents(events: EventEnvelope[], manager: EntityManager): Promise<void> {
    const actions = events.map(actionOf).filter((a): a is CampaignAction => a !== null);
    if (actions.length === 0) return;
    const times = actions.map((a) => a.at.getTime());
    const running = await this.campaigns.running(
      manager,
      [...new Set(actions.map((a) => a.goal))],
      new Date(Math.min(...times)),
      new Date(Math.max(...times)),
    );
    if (running.length === 0) return;
    const areas = running.some((c) => c.areaId !== null)
      ? await this.campaigns.areasOf(manager, [...new Set(actions.map((a) => a.memberId))])
      : new Map<string, string | null>();

    // Per campaign and member: the actions counted, in the order they happened.
    const counted = new Map<string, { campaign: CampaignRow; memberId: string; actions: CampaignAction[] }>();
    for (const action of actions) {
      for (const campaign of running) {
        if (!counts(campaign, action, areas.get(action.memberId) ?? null)) continue;
        const key = `${campaign.id}|${action.memberId}`;
        const entry = counted.get(key) ?? { campaign, memberId: action.memberId, actions: [] };
        entry.actions.push(action);
        counted.set(key, entry);
      }
    }
    if (counted.size === 0) return;
    for (const entry of counted.values()) entry.actions.sort((a, b) => a.at.getTime() - b.at.getTime());

    const after = await this.campaigns.add(
      manager,
      [...counted.values()].map((e) => ({
        campaignId: e.campaign.id,
        memberId: e.memberId,
        added: e.actions.length,
      })),
    );
    const completions: { campaignId: string; memberId: string; badgeCode: string | null }[] = [];
    for (const row of after) {
      const entry = counted.get(`${row.campaignId}|${row.memberId}`)!;
      const { target } = entry.campaign;
      const before = row.count - entry.actions.length;
      // The row is locked by the addition until this commits: exactly one addition crosses the target.
      if (before < target && row.count >= target) {
        const crossing = entry.actions[target - before - 1]!;
        if (await this.campaigns.complete(manager, row.campaignId, row.memberId, crossing.at))
          completions.push({
            campaignId: row.campaignId,
            memberId: row.memberId,
            badgeCode: entry.campaign.badgeCode,
          });
      }
    }

    await this.outbox.appendMany(
      manager,
      [...counted.values()]
        .filter((e) => e.campaign.bonusPoints > 0)
        .flatMap((e) =>
          e.actions.map((action) => ({
            event: ActivityEvents.campaignAction,
            payload: {
              campaignId: e.campaign.id,
              memberId: e.memberId,
              points: e.campaign.bonusPoints,
              sourceEventId: action.eventId,
              innovationId: action.innovationId,
            },
          })),
        ),
    );
    await this.outbox.appendMany(
      manager,
      completions.map((payload) => ({ event: ActivityEvents.campaignCompleted, payload })),
    );
  }
}
