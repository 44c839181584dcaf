import { defineErrors } from '@lc/core';

export const LedgerChainErrors = defineErrors({
  LEDGER_TRANSFER_NOT_SEALED: {
    status: 404,
    th: 'รายการนี้ยังไม่ถูกบันทึกลงบล็อกที่ลงนามแล้ว กรุณาลองใหม่ในอีกครู่',
    en: 'The transfer is not in a signed block yet; try again shortly',
  },
  LEDGER_TRANSFER_NOT_FOUND: { status: 404, th: 'ไม่พบรายการพอยท์', en: 'The transfer does not exist' },
  LEDGER_NO_SIGNED_HEAD: {
    status: 404,
    th: 'บัญชีพอยท์ยังไม่มีบล็อกที่ลงนาม',
    en: 'The ledger has no signed block yet',
  },
});

// The codes above are types too: DomainError takes only registered codes.
declare module '@lc/core' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface RegisteredErrorCodes extends Record<keyof typeof LedgerChainErrors, true> {}
}
