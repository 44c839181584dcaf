import { Injectable, Optional } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AfterCommit, EventEnvelope, OnEvent, Subscribers } from '@lc/messaging';
import { RealtimePublisher } from '@lc/realtime';
import { FeedService, NewFeedItem, scopeKey } from './feed.service';
import { innovationTitle, partnerName, perkNames } from './lookups';
import { Texts } from './texts';

type Envelope<T extends string> = EventEnvelope<T>;

/**
 * Turns events into feed items (exactly once per event and scope, in the event's transaction) and, after the
 * commit, pushes each new item to its room: everyone, an area, a school, or the member whose work it is about.
 */
@Injectable()
export class FeedSubscriber {
  constructor(
    private readonly feed: FeedService,
    @Optional() private readonly realtime?: RealtimePublisher,
  ) {}

  @OnEvent(Subscribers.FEED, 'innovation.published')
  async innovationPublished(event: Envelope<'innovation.published'>, manager: EntityManager) {
    const p = event.payload;
    const base = {
      kind: event.type,
      actorId: p.authorId,
      innovationId: p.innovationId,
      learningAreas: p.learningAreas,
      text: Texts.innovationPublished(await innovationTitle(manager, p.innovationId)),
      link: { type: 'innovation', id: p.innovationId },
    };
    return this.write(manager, event, [
      { ...base, scope: scopeKey.global },
      ...(p.areaId ? [{ ...base, scope: scopeKey.area(p.areaId) }] : []),
      ...(p.schoolId ? [{ ...base, scope: scopeKey.school(p.schoolId) }] : []),
    ]);
  }

  @OnEvent(Subscribers.FEED, 'innovation.endorsed')
  async innovationEndorsed(event: Envelope<'innovation.endorsed'>, manager: EntityManager) {
    const p = event.payload;
    const title = await innovationTitle(manager, p.innovationId);
    const partner = await partnerName(manager, p.partnerId);
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

  @OnEvent(Subscribers.FEED, 'perk.live')
  async perkLive(event: Envelope<'perk.live'>, manager: EntityManager) {
    const { perk, partner } = await perkNames(manager, event.payload.perkId);
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

  @OnEvent(Subscribers.FEED, 'announcement.published')
  async announcement(event: Envelope<'announcement.published'>, manager: EntityManager) {
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

  @OnEvent(Subscribers.FEED, 'rating.submitted')
  async rated(event: Envelope<'rating.submitted'>, manager: EntityManager) {
    const p = event.payload;
    if (p.actorId === p.authorId) return undefined;
    return this.mine(manager, event, p.authorId, p.actorId, p.innovationId, (title) =>
      Texts.ratingReceived(title, p.overall),
    );
  }

  @OnEvent(Subscribers.FEED, 'comment.created')
  async commented(event: Envelope<'comment.created'>, manager: EntityManager) {
    const p = event.payload;
    if (p.actorId === p.authorId) return undefined;
    return this.mine(manager, event, p.authorId, p.actorId, p.innovationId, Texts.commentReceived);
  }

  @OnEvent(Subscribers.FEED, 'adoption.reported')
  async adopted(event: Envelope<'adoption.reported'>, manager: EntityManager) {
    const p = event.payload;
    if (p.actorId === p.authorId) return undefined;
    return this.mine(manager, event, p.authorId, p.actorId, p.innovationId, Texts.adoptionReported);
  }

  @OnEvent(Subscribers.FEED, 'points.changed')
  async points(event: Envelope<'points.changed'>, manager: EntityManager) {
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

  @OnEvent(Subscribers.FEED, 'redemption.created')
  redemptionCreated(event: Envelope<'redemption.created'>, manager: EntityManager) {
    return this.redemption(event, manager);
  }

  @OnEvent(Subscribers.FEED, 'redemption.fulfilled')
  redemptionFulfilled(event: Envelope<'redemption.fulfilled'>, manager: EntityManager) {
    return this.redemption(event, manager);
  }

  @OnEvent(Subscribers.FEED, 'redemption.rejected')
  redemptionRejected(event: Envelope<'redemption.rejected'>, manager: EntityManager) {
    return this.redemption(event, manager);
  }

  @OnEvent(Subscribers.FEED, 'redemption.cancelled')
  redemptionCancelled(event: Envelope<'redemption.cancelled'>, manager: EntityManager) {
    return this.redemption(event, manager);
  }

  @OnEvent(Subscribers.FEED, 'redemption.expired')
  redemptionExpired(event: Envelope<'redemption.expired'>, manager: EntityManager) {
    return this.redemption(event, manager);
  }

  private async redemption(
    event: Envelope<`redemption.${'created' | 'fulfilled' | 'rejected' | 'cancelled' | 'expired'}`>,
    manager: EntityManager,
  ) {
    const p = event.payload;
    const { perk } = await perkNames(manager, p.perkId);
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
    event: EventEnvelope<string, { learningAreas: string[] }>,
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
        text: text(await innovationTitle(manager, innovationId)),
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
