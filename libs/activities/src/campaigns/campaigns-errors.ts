import { defineErrors } from '@lc/core';

/** The refusals of campaigns and challenges. Stable codes: clients and tests match them. */
export const CampaignsErrors = defineErrors({
  CAMPAIGN_NOT_FOUND: { status: 404, th: 'ไม่พบแคมเปญ', en: 'Campaign not found' },
  CAMPAIGN_INVALID: { status: 400, th: 'ข้อมูลแคมเปญไม่ถูกต้อง', en: 'The campaign is not valid' },
  CAMPAIGN_LEARNING_AREA_UNKNOWN: {
    status: 400,
    th: 'ไม่พบกลุ่มสาระการเรียนรู้นี้ (ระบุได้เฉพาะแคมเปญเผยแพร่นวัตกรรม)',
    en: 'Unknown learning area (it applies to campaigns for publishing innovations only)',
  },
  CAMPAIGN_BADGE_INVALID: {
    status: 400,
    th: 'ไม่พบเหรียญตรานี้ หรือเหรียญตรานี้ไม่ใช่เหรียญตราสำหรับแคมเปญ',
    en: 'The badge does not exist or is not a campaign badge (criterion "campaign")',
  },
  CAMPAIGN_AREA_NOT_FOUND: {
    status: 404,
    th: 'ไม่พบเขตพื้นที่การศึกษา',
    en: 'Educational service area not found',
  },
  CAMPAIGN_SCOPE_FORBIDDEN: {
    status: 403,
    th: 'คุณสร้างแคมเปญได้เฉพาะในเขตพื้นที่ที่คุณดูแล',
    en: 'You may create campaigns only for the areas you administer',
  },
});

// The codes above are types too: DomainError takes only registered codes.
declare module '@lc/core' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface RegisteredErrorCodes extends Record<keyof typeof CampaignsErrors, true> {}
}
