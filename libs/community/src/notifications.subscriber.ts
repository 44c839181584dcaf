import { Injectable, Optional } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ActivityEvents, EventsService } from '@lc/activities';
import { InnovationEvents } from '@lc/innovations';
import { LedgerEvents, LedgerService } from '@lc/ledger';
import { MarketplaceEvents, REDEMPTION_CHANGES, RedemptionFacts } from '@lc/marketplace';
import { AfterCommit, defineSubscription, EnvelopeOf, EventEnvelope, OnEvent } from '@lc/messaging';
import { RealtimePublisher, Rooms } from '@lc/realtime';
import { BadgesService, LevelsService, RecognitionEvents } from '@lc/recognition';
import { Lookups } from './lookups';
import { NewNotification, NotificationsService } from './notifications.service';
import { Texts } from './texts';

/**
 * The inbox, its e-mail, and the member's live wallet and redemption status: each event here has one `@OnEvent`
 * handler below (checked when the worker starts). Registered by `CommunityModule`.
 */
export const NotificationsSubscription = defineSubscription('notifications', [
  InnovationEvents.ratingSubmitted,
  InnovationEvents.commentCreated,
  InnovationEvents.adoptionReported,
  InnovationEvents.endorsed,
  InnovationEvents.hidden,
  InnovationEvents.removed,
  LedgerEvents.pointsChanged,
  ...REDEMPTION_CHANGES,
  RecognitionEvents.levelReached,
  RecognitionEvents.badgeAwarded,
  ActivityEvents.certificateIssued,
  ActivityEvents.registrationPromoted,
  ActivityEvents.eventCancelled,
]);

/**
 * Notifications from events (once per member, event and type; as each member's preferences say) and, after the
 * commit, the live pushes a member's open app needs: the notification with the unread count, the wallet when
 * points moved, the redemption when its state changed.
 */
@Injectable()
export class NotificationsSubscriber {
  constructor(
    private readonly dataSource: DataSource,
    private readonly notifications: NotificationsService,
    private readonly ledger: LedgerService,
    private readonly lookups: Lookups,
    private readonly levels: LevelsService,
    private readonly badges: BadgesService,
    private readonly events: EventsService,
    @Optional() private readonly realtime?: RealtimePublisher,
  ) {}

  /** A badge awarded: the member hears of it. */
  @OnEvent(NotificationsSubscription, RecognitionEvents.badgeAwarded)
  async badgeAwarded(event: EnvelopeOf<typeof RecognitionEvents.badgeAwarded>, manager: EntityManager) {
    const p = event.payload;
    return this.notify(manager, event, [
      {
        memberId: p.memberId,
        type: 'badge.awarded',
        text: Texts.badgeAwarded(await this.badges.get(p.badge)),
        link: { type: 'badge', id: p.awardId },
      },
    ]);
  }

  /** A certificate issued: the member hears of it, by e-mail too unless they turned it off. */
  @OnEvent(NotificationsSubscription, ActivityEvents.certificateIssued)
  async certificateIssued(
    event: EnvelopeOf<typeof ActivityEvents.certificateIssued>,
    manager: EntityManager,
  ) {
    const p = event.payload;
    return this.notify(manager, event, [
      {
        memberId: p.memberId,
        type: 'certificate.issued',
        text: Texts.certificateIssued(p.title),
        link: { type: 'certificate', id: p.certificateId },
      },
    ]);
  }

  /** An event cancelled: everyone registered or waitlisted hears of it, with the organisers' reason. */
  @OnEvent(NotificationsSubscription, ActivityEvents.eventCancelled)
  async eventCancelled(event: EnvelopeOf<typeof ActivityEvents.eventCancelled>, manager: EntityManager) {
    const p = event.payload;
    const members = await this.events.registrantIds(manager, p.eventId);
    return this.notify(
      manager,
      event,
      members.map((memberId) => ({
        memberId,
        type: 'event.cancelled' as const,
        text: Texts.eventCancelled(p.title, p.reason),
        link: { type: 'event', id: p.eventId },
      })),
    );
  }

  /** A seat freed and the first waitlisted member took it: they hear they are in. */
  @OnEvent(NotificationsSubscription, ActivityEvents.registrationPromoted)
  async registrationPromoted(
    event: EnvelopeOf<typeof ActivityEvents.registrationPromoted>,
    manager: EntityManager,
  ) {
    const p = event.payload;
    return this.notify(manager, event, [
      {
        memberId: p.memberId,
        type: 'event.seat_confirmed',
        text: Texts.eventSeatConfirmed(p.title),
        link: { type: 'event', id: p.eventId },
      },
    ]);
  }

  /** A level reached: the member hears of it, and their open app shows the new level at once. */
  @OnEvent(NotificationsSubscription, RecognitionEvents.levelReached)
  async levelReached(event: EnvelopeOf<typeof RecognitionEvents.levelReached>, manager: EntityManager) {
    const p = event.payload;
    const level = this.levels.labelOf(p.level);
    const after = await this.notify(manager, event, [
      {
        memberId: p.memberId,
        type: 'level.reached',
        text: Texts.levelReachedMine(level),
        link: { type: 'level', id: p.memberId },
      },
    ]);
    return async () => {
      await after();
      await this.realtime?.publish([Rooms.member(p.memberId)], 'level.reached', { level });
    };
  }

  @OnEvent(NotificationsSubscription, InnovationEvents.ratingSubmitted)
  async rated(event: EnvelopeOf<typeof InnovationEvents.ratingSubmitted>, manager: EntityManager) {
    const p = event.payload;
    if (p.actorId === p.authorId) return undefined;
    const title = await this.lookups.innovationTitle(manager, p.innovationId);
    return this.notify(manager, event, [
      {
        memberId: p.authorId,
        type: 'rating.received',
        text: Texts.ratingReceived(title, p.overall),
        link: { type: 'innovation', id: p.innovationId },
        actorId: p.actorId,
      },
    ]);
  }

  @OnEvent(NotificationsSubscription, InnovationEvents.commentCreated)
  async commented(event: EnvelopeOf<typeof InnovationEvents.commentCreated>, manager: EntityManager) {
    const p = event.payload;
    if (p.actorId === p.authorId) return undefined;
    return this.notify(manager, event, [
      {
        memberId: p.authorId,
        type: 'comment.received',
        text: Texts.commentReceived(await this.lookups.innovationTitle(manager, p.innovationId)),
        link: { type: 'innovation', id: p.innovationId },
        actorId: p.actorId,
      },
    ]);
  }

  @OnEvent(NotificationsSubscription, InnovationEvents.adoptionReported)
  async adopted(event: EnvelopeOf<typeof InnovationEvents.adoptionReported>, manager: EntityManager) {
    const p = event.payload;
    if (p.actorId === p.authorId) return undefined;
    return this.notify(manager, event, [
      {
        memberId: p.authorId,
        type: 'adoption.reported',
        text: Texts.adoptionReported(await this.lookups.innovationTitle(manager, p.innovationId)),
        link: { type: 'innovation', id: p.innovationId },
        actorId: p.actorId,
      },
    ]);
  }

  @OnEvent(NotificationsSubscription, InnovationEvents.endorsed)
  async endorsed(event: EnvelopeOf<typeof InnovationEvents.endorsed>, manager: EntityManager) {
    const p = event.payload;
    const text = Texts.endorsedMine(
      await this.lookups.innovationTitle(manager, p.innovationId),
      await this.lookups.partnerName(manager, p.partnerId),
    );
    return this.notify(manager, event, [
      {
        memberId: p.authorId,
        type: 'innovation.endorsed',
        text,
        link: { type: 'innovation', id: p.innovationId },
      },
    ]);
  }

  @OnEvent(NotificationsSubscription, InnovationEvents.hidden)
  hidden(event: EnvelopeOf<typeof InnovationEvents.hidden>, manager: EntityManager) {
    return this.moderated(event, manager, false);
  }

  @OnEvent(NotificationsSubscription, InnovationEvents.removed)
  removed(event: EnvelopeOf<typeof InnovationEvents.removed>, manager: EntityManager) {
    return this.moderated(event, manager, true);
  }

  @OnEvent(NotificationsSubscription, LedgerEvents.pointsChanged)
  async points(event: EnvelopeOf<typeof LedgerEvents.pointsChanged>, manager: EntityManager) {
    const p = event.payload;
    const after = await this.notify(manager, event, [
      {
        memberId: p.memberId,
        type: 'points.changed',
        text: Texts.pointsChanged(p.amount, p.reason),
        link: { type: 'transfer', id: p.transferId },
      },
    ]);
    return async () => {
      await after();
      await this.pushWallet(p.memberId);
    };
  }

  @OnEvent(NotificationsSubscription, MarketplaceEvents.redemptionCreated)
  redemptionCreated(event: EnvelopeOf<typeof MarketplaceEvents.redemptionCreated>, manager: EntityManager) {
    return this.redemption(event, manager);
  }

  @OnEvent(NotificationsSubscription, MarketplaceEvents.redemptionFulfilled)
  redemptionFulfilled(
    event: EnvelopeOf<typeof MarketplaceEvents.redemptionFulfilled>,
    manager: EntityManager,
  ) {
    return this.redemption(event, manager);
  }

  @OnEvent(NotificationsSubscription, MarketplaceEvents.redemptionRejected)
  redemptionRejected(event: EnvelopeOf<typeof MarketplaceEvents.redemptionRejected>, manager: EntityManager) {
    return this.redemption(event, manager);
  }

  @OnEvent(NotificationsSubscription, MarketplaceEvents.redemptionCancelled)
  redemptionCancelled(
    event: EnvelopeOf<typeof MarketplaceEvents.redemptionCancelled>,
    manager: EntityManager,
  ) {
    return this.redemption(event, manager);
  }

  @OnEvent(NotificationsSubscription, MarketplaceEvents.redemptionExpired)
  redemptionExpired(event: EnvelopeOf<typeof MarketplaceEvents.redemptionExpired>, manager: EntityManager) {
    return this.redemption(event, manager);
  }

  private async redemption(event: EventEnvelope<RedemptionFacts>, manager: EntityManager) {
    const p = event.payload;
    const { perk } = await this.lookups.perkNames(manager, p.perkId);
    const after = await this.notify(manager, event, [
      {
        memberId: p.memberId,
        type: 'redemption.updated',
        text: Texts.redemptionUpdated(perk, p.status),
        link: { type: 'redemption', id: p.redemptionId },
      },
    ]);
    return async () => {
      await after();
      await this.realtime?.publish([Rooms.member(p.memberId)], 'redemption.updated', {
        id: p.redemptionId,
        perkId: p.perkId,
        status: p.status,
      });
      await this.pushWallet(p.memberId);
    };
  }

  private async moderated(
    event: EventEnvelope<{ innovationId: string; authorId: string }>,
    manager: EntityManager,
    removed: boolean,
  ) {
    const p = event.payload;
    return this.notify(manager, event, [
      {
        memberId: p.authorId,
        type: 'content.moderated',
        text: Texts.contentModerated(await this.lookups.innovationTitle(manager, p.innovationId), removed),
        link: { type: 'innovation', id: p.innovationId },
      },
    ]);
  }

  private async notify(
    manager: EntityManager,
    event: EventEnvelope,
    items: NewNotification[],
  ): Promise<AfterCommit> {
    const created = await this.notifications.create(manager, event.id, items);
    return async () => {
      for (const row of created) {
        const unread = await this.notifications.unread(this.dataSource.manager, row.memberId);
        await this.realtime?.publish([Rooms.member(row.memberId)], 'notification', {
          item: { ...this.notifications.view(row) },
          unread,
        });
      }
    };
  }

  private async pushWallet(memberId: string) {
    if (!this.realtime) return;
    const wallet = await this.ledger.wallet(memberId);
    await this.realtime.publish([Rooms.member(memberId)], 'wallet.updated', {
      balance: wallet.balance,
      spendable: wallet.spendable,
    });
  }
}
