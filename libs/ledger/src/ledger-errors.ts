import { defineErrors, DomainError } from '@lc/core';
import { refusalError, refusalOf } from '@lc/database';

export const LedgerErrors = defineErrors({
  LEDGER_INSUFFICIENT_POINTS: { status: 422, th: 'พอยท์ไม่เพียงพอ', en: 'Not enough points' },
  LEDGER_HOLD_NOT_FOUND: { status: 404, th: 'ไม่พบรายการกันพอยท์', en: 'The hold does not exist' },
  LEDGER_HOLD_RESOLVED: {
    status: 409,
    th: 'รายการกันพอยท์นี้ดำเนินการไปแล้ว',
    en: 'The hold has already been posted or voided',
  },
  LEDGER_RULE_NOT_FOUND: { status: 404, th: 'ไม่พบกติกาการให้พอยท์', en: 'Earning rule not found' },
  LEDGER_ADJUSTMENT_ZERO: { status: 400, th: 'จำนวนพอยท์ต้องไม่เป็นศูนย์', en: 'The amount must not be zero' },
});

/**
 * What a failed `ledger_transfer` call means: the ledger's refusals as domain errors (a hold resolved by a
 * concurrent call meets the unique index on `pending_id`), anything else unchanged.
 */
export function ledgerError(error: unknown): unknown {
  const refusal = refusalOf(error);
  if (refusal) return refusalError(refusal.code, refusal.detail);
  const constraint = (error as { constraint?: string; driverError?: { constraint?: string } })?.constraint;
  if (constraint === 'ledger_transfer_resolves_once')
    return new DomainError(LedgerErrors.LEDGER_HOLD_RESOLVED);
  return error;
}

// The codes above are types too: DomainError takes only registered codes.
declare module '@lc/core' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface RegisteredErrorCodes extends Record<keyof typeof LedgerErrors, true> {}
}
