import { defineEvent } from '@lc/messaging';

/**
 * The events the ledger emits. A type, once shipped, is never renamed (rows in the outbox carry it).
 */
export const LedgerEvents = {
  /** The ledger subscriber credited (award) or debited (reversal) a member's wallet, once per new transfer. */
  pointsChanged: defineEvent<{
    memberId: string;
    transferId: string;
    kind: 'award' | 'reversal';
    /** Signed: positive for a credit, negative for a reversal. */
    amount: number;
    reason: { code: string; th: string; en: string };
    innovationId: string | null;
  }>('points.changed'),
  /** An OBEC administrator adjusted a member's wallet (signed amount: positive credits, negative takes back). */
  pointsAdjusted: defineEvent<{ memberId: string; transferId: string; amount: number }>('points.adjusted'),
} as const;
