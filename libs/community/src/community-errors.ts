import { defineErrors } from '@lc/core';

export const CommunityErrors = defineErrors({
  FOLLOW_SELF: { status: 400, th: 'ไม่สามารถติดตามตนเองได้', en: 'You cannot follow yourself' },
  FOLLOW_TARGET_NOT_FOUND: {
    status: 404,
    th: 'ไม่พบสมาชิกหรือกลุ่มสาระที่ต้องการติดตาม',
    en: 'The member or learning area to follow was not found',
  },
  FOLLOW_EXISTS: { status: 409, th: 'คุณติดตามอยู่แล้ว', en: 'You already follow this' },
  FOLLOW_NOT_FOUND: { status: 404, th: 'ไม่พบการติดตามนี้', en: 'Follow not found' },
  NOTIFICATION_TYPE_UNKNOWN: {
    status: 400,
    th: 'ไม่รู้จักประเภทการแจ้งเตือนนี้',
    en: 'Unknown notification type',
  },
  ANNOUNCEMENT_AREA_REQUIRED: {
    status: 400,
    th: 'ประกาศระดับเขตพื้นที่ต้องระบุเขตพื้นที่',
    en: 'An area announcement needs an areaId',
  },
  ANNOUNCEMENT_AREA_NOT_FOUND: {
    status: 404,
    th: 'ไม่พบเขตพื้นที่การศึกษา',
    en: 'Educational service area not found',
  },
  ANNOUNCEMENT_NOT_ALLOWED: {
    status: 403,
    th: 'คุณประกาศในขอบเขตนี้ไม่ได้',
    en: 'You cannot announce to this audience',
  },
});

// The codes above are types too: DomainError takes only registered codes.
declare module '@lc/core' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface RegisteredErrorCodes extends Record<keyof typeof CommunityErrors, true> {}
}
