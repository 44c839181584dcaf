import { Injectable, Optional } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { LedgerService } from '@lc/ledger';
import { AfterCommit, EventEnvelope, OnEvent, RedemptionFacts, Subscribers } from '@lc/messaging';
import { RealtimePublisher, Rooms } from '@lc/realtime';
import { innovationTitle, partnerName, perkNames } from './lookups';
import { NewNotification, NotificationsService } from './notifications.service';
import { Texts } from './texts';

type Envelope<T extends string> = EventEnvelope<T>;

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
    @Optional() private readonly realtime?: RealtimePublisher,
  ) {}

  @OnEvent(Subscribers.NOTIFICATIONS, 'rating.submitted')
  async rated(event: Envelope<'rating.submitted'>, manager: EntityManager) {
    const p = event.payload;
    if (p.actorId === p.authorId) return undefined;
    const title = await innovationTitle(manager, p.innovationId);
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

  @OnEvent(Subscribers.NOTIFICATIONS, 'comment.created')
  async commented(event: Envelope<'comment.created'>, manager: EntityManager) {
    const p = event.payload;
    if (p.actorId === p.authorId) return undefined;
    return this.notify(manager, event, [
      {
        memberId: p.authorId,
        type: 'comment.received',
        text: Texts.commentReceived(await innovationTitle(manager, p.innovationId)),
        link: { type: 'innovation', id: p.innovationId },
        actorId: p.actorId,
      },
    ]);
  }

  @OnEvent(Subscribers.NOTIFICATIONS, 'adoption.reported')
  async adopted(event: Envelope<'adoption.reported'>, manager: EntityManager) {
    const p = event.payload;
    if (p.actorId === p.authorId) return undefined;
    return this.notify(manager, event, [
      {
        memberId: p.authorId,
        type: 'adoption.reported',
        text: Texts.adoptionReported(await innovationTitle(manager, p.innovationId)),
        link: { type: 'innovation', id: p.innovationId },
        actorId: p.actorId,
      },
    ]);
  }

  @OnEvent(Subscribers.NOTIFICATIONS, 'innovation.endorsed')
  async endorsed(event: Envelope<'innovation.endorsed'>, manager: EntityManager) {
    const p = event.payload;
    const text = Texts.endorsedMine(
      await innovationTitle(manager, p.innovationId),
      await partnerName(manager, p.partnerId),
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

  @OnEvent(Subscribers.NOTIFICATIONS, 'innovation.hidden')
  hidden(event: Envelope<'innovation.hidden'>, manager: EntityManager) {
    return this.moderated(event, manager, false);
  }

  @OnEvent(Subscribers.NOTIFICATIONS, 'innovation.removed')
  removed(event: Envelope<'innovation.removed'>, manager: EntityManager) {
    return this.moderated(event, manager, true);
  }

  @OnEvent(Subscribers.NOTIFICATIONS, 'points.changed')
  async points(event: Envelope<'points.changed'>, manager: EntityManager) {
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

  @OnEvent(Subscribers.NOTIFICATIONS, 'redemption.created')
  redemptionCreated(event: Envelope<'redemption.created'>, manager: EntityManager) {
    return this.redemption(event, manager);
  }

  @OnEvent(Subscribers.NOTIFICATIONS, 'redemption.fulfilled')
  redemptionFulfilled(event: Envelope<'redemption.fulfilled'>, manager: EntityManager) {
    return this.redemption(event, manager);
  }

  @OnEvent(Subscribers.NOTIFICATIONS, 'redemption.rejected')
  redemptionRejected(event: Envelope<'redemption.rejected'>, manager: EntityManager) {
    return this.redemption(event, manager);
  }

  @OnEvent(Subscribers.NOTIFICATIONS, 'redemption.cancelled')
  redemptionCancelled(event: Envelope<'redemption.cancelled'>, manager: EntityManager) {
    return this.redemption(event, manager);
  }

  @OnEvent(Subscribers.NOTIFICATIONS, 'redemption.expired')
  redemptionExpired(event: Envelope<'redemption.expired'>, manager: EntityManager) {
    return this.redemption(event, manager);
  }

  private async redemption(event: EventEnvelope<string, RedemptionFacts>, manager: EntityManager) {
    const p = event.payload;
    const { perk } = await perkNames(manager, p.perkId);
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
    event: EventEnvelope<string, { innovationId: string; authorId: string }>,
    manager: EntityManager,
    removed: boolean,
  ) {
    const p = event.payload;
    return this.notify(manager, event, [
      {
        memberId: p.authorId,
        type: 'content.moderated',
        text: Texts.contentModerated(await innovationTitle(manager, p.innovationId), removed),
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
