import { Injectable, Optional } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { InnovationEvents } from '@lc/innovations';
import { LedgerEvents } from '@lc/ledger';
import { MarketplaceEvents, REDEMPTION_CHANGES, RedemptionFacts } from '@lc/marketplace';
import { AfterCommit, defineSubscription, EnvelopeOf, EventEnvelope, OnEvent } from '@lc/messaging';
import { RealtimePublisher } from '@lc/realtime';
import { BadgesService, LevelsService, RecognitionEvents } from '@lc/recognition';
import { CommunityEvents } from './community.events';
import { FeedService, NewFeedItem, scopeKey } from './feed.service';
import { Lookups } from './lookups';
import { Texts } from './texts';

/**
 * Feed items (global, area, school, mine) and their push to connected clients: each event here has one
 * `@OnEvent` handler below (checked when the worker starts). Registered by `CommunityModule`.
 */
export const FeedSubscription = defineSubscription('feed', [
  InnovationEvents.published,
  InnovationEvents.endorsed,
  MarketplaceEvents.perkLive,
  CommunityEvents.announcementPublished,
  InnovationEvents.ratingSubmitted,
  InnovationEvents.commentCreated,
  InnovationEvents.adoptionReported,
  LedgerEvents.pointsChanged,
  ...REDEMPTION_CHANGES,
  RecognitionEvents.levelReached,
  RecognitionEvents.badgeAwarded,
]);

/**
 * Turns events into feed items (exactly once per event and scope, in the event's transaction) and, after the
 * commit, pushes each new item to its room: everyone, an area, a school, or the member whose work it is about.
 */
@Injectable()
export class FeedSubscriber {
  constructor(
    private readonly feed: FeedService,
    private readonly lookups: Lookups,
    private readonly levels: LevelsService,
    private readonly badges: BadgesService,
    @Optional() private readonly realtime?: RealtimePublisher,
  ) {}

  /** A badge awarded: the member's own feed shows it, leading to their badges. */
  @OnEvent(FeedSubscription, RecognitionEvents.badgeAwarded)
  async badgeAwarded(event: EnvelopeOf<typeof RecognitionEvents.badgeAwarded>, manager: EntityManager) {
    const p = event.payload;
    const badge = await this.badges.get(p.badge);
    return this.write(manager, event, [
      {
        scope: scopeKey.member(p.memberId),
        kind: event.type,
        actorId: p.memberId,
        innovationId: null,
        learningAreas: [],
        text: Texts.badgeAwarded(badge),
        link: { type: 'badge', id: p.awardId },
      },
    ]);
  }

  /** A level reached: the member's own feed congratulates them, their school's and area's feeds hear of it. */
  @OnEvent(FeedSubscription, RecognitionEvents.levelReached)
  async levelReached(event: EnvelopeOf<typeof RecognitionEvents.levelReached>, manager: EntityManager) {
    const p = event.payload;
    const level = this.levels.labelOf(p.level);
    const base = {
      kind: event.type,
      actorId: p.memberId,
      innovationId: null,
      learningAreas: [],
      link: { type: 'level', id: p.memberId },
    };
    return this.write(manager, event, [
      { ...base, scope: scopeKey.member(p.memberId), text: Texts.levelReachedMine(level) },
      ...(p.schoolId
        ? [{ ...base, scope: scopeKey.school(p.schoolId), text: Texts.levelReached(level) }]
        : []),
      ...(p.areaId ? [{ ...base, scope: scopeKey.area(p.areaId), text: Texts.levelReached(level) }] : []),
    ]);
  }

  @OnEvent(FeedSubscription, InnovationEvents.published)
  async innovationPublished(event: EnvelopeOf<typeof InnovationEvents.published>, manager: EntityManager) {
    const p = event.payload;
    const base = {
      kind: event.type,
      actorId: p.authorId,
      innovationId: p.innovationId,
      learningAreas: p.learningAreas,
      text: Texts.innovationPublished(await this.lookups.innovationTitle(manager, p.innovationId)),
      link: { type: 'innovation', id: p.innovationId },
    };
    return this.write(manager, event, [
      { ...base, scope: scopeKey.global },
      ...(p.areaId ? [{ ...base, scope: scopeKey.area(p.areaId) }] : []),
      ...(p.schoolId ? [{ ...base, scope: scopeKey.school(p.schoolId) }] : []),
    ]);
  }

  @OnEvent(FeedSubscription, InnovationEvents.endorsed)
  async innovationEndorsed(event: EnvelopeOf<typeof InnovationEvents.endorsed>, manager: EntityManager) {
    const p = event.payload;
    const title = await this.lookups.innovationTitle(manager, p.innovationId);
    const partner = await this.lookups.partnerName(manager, p.partnerId);
    const base = {
      kind: event.type,
      actorId: null,
      innovationId: p.innovationId,
      learningAreas: p.learningAreas,
    };
    const link = { type: 'innovation', id: p.innovationId };
    return this.write(manager, event, [
      { ...base, scope: scopeKey.global, text: Texts.innovationEndorsed(title, partner), link },
      { ...base, scope: scopeKey.member(p.authorId), text: Texts.endorsedMine(title, partner), link },
    ]);
  }

  @OnEvent(FeedSubscription, MarketplaceEvents.perkLive)
  async perkLive(event: EnvelopeOf<typeof MarketplaceEvents.perkLive>, manager: EntityManager) {
    const { perk, partner } = await this.lookups.perkNames(manager, event.payload.perkId);
    return this.write(manager, event, [
      {
        scope: scopeKey.global,
        kind: event.type,
        actorId: null,
        innovationId: null,
        learningAreas: [],
        text: Texts.perkLive(perk, partner),
        link: { type: 'perk', id: event.payload.perkId },
      },
    ]);
  }

  @OnEvent(FeedSubscription, CommunityEvents.announcementPublished)
  async announcement(
    event: EnvelopeOf<typeof CommunityEvents.announcementPublished>,
    manager: EntityManager,
  ) {
    const p = event.payload;
    const rows: { title: string; body: string }[] = await manager.query(
      `SELECT title, body FROM announcement WHERE id = $1`,
      [p.announcementId],
    );
    if (!rows[0]) return undefined;
    return this.write(manager, event, [
      {
        scope: p.scope === 'area' && p.areaId ? scopeKey.area(p.areaId) : scopeKey.global,
        kind: event.type,
        actorId: p.authorId,
        innovationId: null,
        learningAreas: [],
        text: Texts.announcement(rows[0].title, rows[0].body),
        link: { type: 'announcement', id: p.announcementId },
      },
    ]);
  }

  @OnEvent(FeedSubscription, InnovationEvents.ratingSubmitted)
  async rated(event: EnvelopeOf<typeof InnovationEvents.ratingSubmitted>, manager: EntityManager) {
    const p = event.payload;
    if (p.actorId === p.authorId) return undefined;
    return this.mine(manager, event, p.authorId, p.actorId, p.innovationId, (title) =>
      Texts.ratingReceived(title, p.overall),
    );
  }

  @OnEvent(FeedSubscription, InnovationEvents.commentCreated)
  async commented(event: EnvelopeOf<typeof InnovationEvents.commentCreated>, manager: EntityManager) {
    const p = event.payload;
    if (p.actorId === p.authorId) return undefined;
    return this.mine(manager, event, p.authorId, p.actorId, p.innovationId, Texts.commentReceived);
  }

  @OnEvent(FeedSubscription, InnovationEvents.adoptionReported)
  async adopted(event: EnvelopeOf<typeof InnovationEvents.adoptionReported>, manager: EntityManager) {
    const p = event.payload;
    if (p.actorId === p.authorId) return undefined;
    return this.mine(manager, event, p.authorId, p.actorId, p.innovationId, Texts.adoptionReported);
  }

  @OnEvent(FeedSubscription, LedgerEvents.pointsChanged)
  async points(event: EnvelopeOf<typeof LedgerEvents.pointsChanged>, manager: EntityManager) {
    const p = event.payload;
    return this.write(manager, event, [
      {
        scope: scopeKey.member(p.memberId),
        kind: event.type,
        actorId: null,
        // Not tied to the innovation's visibility: a reversal must stay visible when its content is hidden.
        innovationId: null,
        learningAreas: [],
        text: Texts.pointsChanged(p.amount, p.reason),
        link: { type: 'transfer', id: p.transferId },
        extra: { amount: p.amount },
      },
    ]);
  }

  @OnEvent(FeedSubscription, MarketplaceEvents.redemptionCreated)
  redemptionCreated(event: EnvelopeOf<typeof MarketplaceEvents.redemptionCreated>, manager: EntityManager) {
    return this.redemption(event, manager);
  }

  @OnEvent(FeedSubscription, MarketplaceEvents.redemptionFulfilled)
  redemptionFulfilled(
    event: EnvelopeOf<typeof MarketplaceEvents.redemptionFulfilled>,
    manager: EntityManager,
  ) {
    return this.redemption(event, manager);
  }

  @OnEvent(FeedSubscription, MarketplaceEvents.redemptionRejected)
  redemptionRejected(event: EnvelopeOf<typeof MarketplaceEvents.redemptionRejected>, manager: EntityManager) {
    return this.redemption(event, manager);
  }

  @OnEvent(FeedSubscription, MarketplaceEvents.redemptionCancelled)
  redemptionCancelled(
    event: EnvelopeOf<typeof MarketplaceEvents.redemptionCancelled>,
    manager: EntityManager,
  ) {
    return this.redemption(event, manager);
  }

  @OnEvent(FeedSubscription, MarketplaceEvents.redemptionExpired)
  redemptionExpired(event: EnvelopeOf<typeof MarketplaceEvents.redemptionExpired>, manager: EntityManager) {
    return this.redemption(event, manager);
  }

  private async redemption(event: EventEnvelope<RedemptionFacts>, manager: EntityManager) {
    const p = event.payload;
    const { perk } = await this.lookups.perkNames(manager, p.perkId);
    return this.write(manager, event, [
      {
        scope: scopeKey.member(p.memberId),
        kind: event.type,
        actorId: null,
        innovationId: null,
        learningAreas: [],
        text: Texts.redemptionUpdated(perk, p.status),
        link: { type: 'redemption', id: p.redemptionId },
      },
    ]);
  }

  private async mine(
    manager: EntityManager,
    event: EventEnvelope<{ learningAreas: string[] }>,
    ownerId: string,
    actorId: string,
    innovationId: string,
    text: (title: string) => ReturnType<typeof Texts.commentReceived>,
  ) {
    return this.write(manager, event, [
      {
        scope: scopeKey.member(ownerId),
        kind: event.type,
        actorId,
        innovationId,
        learningAreas: event.payload.learningAreas,
        text: text(await this.lookups.innovationTitle(manager, innovationId)),
        link: { type: 'innovation', id: innovationId },
      },
    ]);
  }

  private async write(
    manager: EntityManager,
    event: EventEnvelope,
    items: NewFeedItem[],
  ): Promise<AfterCommit> {
    const written = await this.feed.write(manager, event.id, items);
    return async () => {
      for (const { room, item } of written)
        await this.realtime?.publish([room], 'feed.item', { scope: item.scope, item: { ...item } });
    };
  }
}
