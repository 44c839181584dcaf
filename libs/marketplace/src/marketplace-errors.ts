import { defineErrors } from '@lc/core';

export const MarketplaceErrors = defineErrors({
  PERK_NOT_FOUND: { status: 404, th: 'ไม่พบสิทธิประโยชน์', en: 'Perk not found' },
  PERK_OUT_OF_STOCK: { status: 409, th: 'สิทธิประโยชน์นี้หมดแล้ว', en: 'This perk is out of stock' },
  PERK_NOT_ELIGIBLE: { status: 403, th: 'คุณไม่มีสิทธิ์แลกสิทธิประโยชน์นี้', en: 'You are not eligible for this perk' },
  PERK_LIMIT_REACHED: {
    status: 409,
    th: 'คุณแลกสิทธิประโยชน์นี้ครบจำนวนที่กำหนดแล้ว',
    en: 'You have reached the limit for this perk',
  },
  PERK_NOT_AVAILABLE: {
    status: 409,
    th: 'สิทธิประโยชน์นี้ยังไม่เปิดให้แลกหรือหมดเวลาแล้ว',
    en: 'This perk is not open for redemption',
  },
  PERK_INVALID_TRANSITION: {
    status: 409,
    th: 'ไม่สามารถเปลี่ยนสถานะสิทธิประโยชน์นี้ได้',
    en: 'The perk cannot move to that status',
  },
  PERK_UNKNOWN_CATEGORY: { status: 400, th: 'ไม่พบหมวดหมู่สิทธิประโยชน์', en: 'Unknown perk category' },
  PERK_NOT_POOL: {
    status: 409,
    th: 'สิทธิประโยชน์นี้ไม่ได้ใช้รหัสจากคลังรหัส',
    en: 'This perk does not use a code pool',
  },
  PERK_IMAGE_UNSUPPORTED_TYPE: {
    status: 415,
    th: 'รูปของสิทธิประโยชน์ต้องเป็นไฟล์ JPEG, PNG หรือ WebP (ตรวจจากเนื้อหาไฟล์)',
    en: 'A perk picture must be a JPEG, PNG or WebP image, judged by its content',
  },
  PERK_IMAGE_NOT_FOUND: { status: 404, th: 'ไม่พบรูปของสิทธิประโยชน์', en: 'Perk picture not found' },
  PERK_IMAGE_NOT_OWN: {
    status: 422,
    th: 'ใช้ได้เฉพาะรูปที่ภาคีเครือข่ายของคุณอัปโหลดไว้เท่านั้น',
    en: 'Only pictures your partner uploaded can be used',
  },
  IDEMPOTENCY_KEY_REQUIRED: {
    status: 400,
    th: 'ต้องระบุ Idempotency-Key',
    en: 'The Idempotency-Key header is required',
  },
  IDEMPOTENCY_KEY_TOO_LONG: {
    status: 400,
    th: 'Idempotency-Key ยาวเกิน 200 ตัวอักษร',
    en: 'The Idempotency-Key header is longer than 200 characters',
  },
  IDEMPOTENCY_KEY_REUSED: {
    status: 422,
    th: 'Idempotency-Key นี้ถูกใช้กับคำขออื่นแล้ว',
    en: 'This Idempotency-Key was used for a different request',
  },
  REDEMPTION_NOT_FOUND: { status: 404, th: 'ไม่พบรายการแลกสิทธิ์', en: 'Redemption not found' },
  REDEMPTION_INVALID_TRANSITION: {
    status: 409,
    th: 'ไม่สามารถเปลี่ยนสถานะรายการแลกสิทธิ์นี้ได้',
    en: 'The redemption cannot move to that status',
  },
  PARTNER_NOT_FOUND: { status: 404, th: 'ไม่พบภาคีเครือข่าย', en: 'Partner not found' },
  PARTNER_CODE_TAKEN: { status: 409, th: 'รหัสภาคีเครือข่ายนี้มีอยู่แล้ว', en: 'This partner code is taken' },
  ENDORSEMENT_EXISTS: {
    status: 409,
    th: 'ภาคีเครือข่ายของคุณรับรองนวัตกรรมนี้แล้ว',
    en: 'Your partner has already endorsed this innovation',
  },
});

// The codes above are types too: DomainError takes only registered codes.
declare module '@lc/core' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface RegisteredErrorCodes extends Record<keyof typeof MarketplaceErrors, true> {}
}
