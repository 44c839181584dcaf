export type AccountKind = 'member' | 'partner' | 'system_issuance' | 'system_expiry';
export type TransferKind = 'award' | 'reversal' | 'adjustment' | 'hold' | 'post' | 'void' | 'expiry';

export type AccountRef =
  { kind: 'member' | 'partner'; ownerId: string } | { kind: 'system_issuance' | 'system_expiry' };

export const ISSUANCE: AccountRef = { kind: 'system_issuance' };
export const EXPIRY: AccountRef = { kind: 'system_expiry' };
export const memberWallet = (memberId: string): AccountRef => ({ kind: 'member', ownerId: memberId });
export const partnerClearing = (partnerId: string): AccountRef => ({ kind: 'partner', ownerId: partnerId });

export interface Reason {
  code: string;
  th: string;
  en: string;
}

export interface TransferSpec {
  /** Optional: lets a post or void in the same call refer to this hold. */
  id?: string;
  idempotencyKey: string;
  debit: AccountRef;
  credit: AccountRef;
  amount: number;
  kind: TransferKind;
  reason: Reason;
  /** post and void: the hold they resolve. */
  pendingId?: string;
  /** reversal: the transfer it corrects. */
  reversesId?: string;
  sourceEventId?: string | null;
  sourceType?: string | null;
  sourceId?: string | null;
  subjectInnovationId?: string | null;
  holdExpiresAt?: Date | null;
  createdBy?: string | null;
}

export interface TransferResult {
  id: string;
  idempotencyKey: string;
  /** false when a transfer with this key already existed: the call was a repeat. */
  created: boolean;
}

export interface Wallet {
  balance: number;
  pending: number;
  spendable: number;
  lifetimeEarned: number;
}
