import { defineEvent } from '@lc/messaging';

/** A redemption's state change, for the member's feed and notifications. */
export interface RedemptionFacts {
  redemptionId: string;
  perkId: string;
  partnerId: string;
  memberId: string;
  status: string;
  cost: number;
}

/**
 * The events the marketplace emits (an endorsement's `innovation.endorsed` is declared with the innovations'
 * events). A type, once shipped, is never renamed (rows in the outbox carry it).
 */
export const MarketplaceEvents = {
  perkLive: defineEvent<{ perkId: string; partnerId: string; category: string }>('perk.live'),
  /** Appended by the database itself (`marketplace_redeem()` through `outbox_append()`), as is `fulfilled` at once. */
  redemptionCreated: defineEvent<RedemptionFacts>('redemption.created'),
  redemptionFulfilled: defineEvent<RedemptionFacts>('redemption.fulfilled'),
  redemptionRejected: defineEvent<RedemptionFacts>('redemption.rejected'),
  redemptionCancelled: defineEvent<RedemptionFacts>('redemption.cancelled'),
  redemptionExpired: defineEvent<RedemptionFacts>('redemption.expired'),
} as const;

/** The event of each state a pending redemption settles in. */
export const RedemptionSettled = {
  fulfilled: MarketplaceEvents.redemptionFulfilled,
  rejected: MarketplaceEvents.redemptionRejected,
  cancelled: MarketplaceEvents.redemptionCancelled,
  expired: MarketplaceEvents.redemptionExpired,
} as const;

/** Every change of a redemption's state, for the subscribers that follow them all. */
export const REDEMPTION_CHANGES = [MarketplaceEvents.redemptionCreated, ...Object.values(RedemptionSettled)];
