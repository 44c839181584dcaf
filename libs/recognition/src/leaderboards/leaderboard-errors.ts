import { defineErrors } from '@lc/core';

/** The refusals of the leaderboards: parameters that name no board, period, scope or filter. */
export const LeaderboardErrors = defineErrors({
  LEADERBOARD_SCOPE_INVALID: {
    status: 400,
    th: 'ขอบเขตไม่ถูกต้อง (national, area:<รหัสเขตพื้นที่> หรือ school:<รหัสโรงเรียน>)',
    en: 'Not a scope (national, area:<area id> or school:<school id>)',
  },
  LEADERBOARD_BOARD_INVALID: {
    status: 400,
    th: 'ไม่มีกระดานนี้ (points, adoptions หรือ quality)',
    en: 'No such board (points, adoptions or quality)',
  },
  LEADERBOARD_PERIOD_INVALID: {
    status: 400,
    th: 'ไม่มีช่วงเวลานี้ (week, month, term, fiscalYear หรือ all)',
    en: 'No such period (week, month, term, fiscalYear or all)',
  },
  LEADERBOARD_LEARNING_AREA_INVALID: {
    status: 400,
    th: 'ไม่มีกลุ่มสาระการเรียนรู้นี้',
    en: 'No such learning area',
  },
  LEADERBOARD_COMPETENCY_INVALID: {
    status: 400,
    th: 'ไม่มีสมรรถนะนี้',
    en: 'No such competency',
  },
  LEADERBOARD_FILTERS_COMBINED: {
    status: 400,
    th: 'กรองได้ครั้งละหนึ่งอย่าง: กลุ่มสาระการเรียนรู้ หรือ สมรรถนะ',
    en: 'Filter by one thing at a time: a learning area or a competency',
  },
  LEADERBOARD_LIMIT_INVALID: {
    status: 400,
    th: 'จำนวนอันดับต้องเป็นจำนวนเต็ม 1 ถึง 100',
    en: 'The number of places must be a whole number from 1 to 100',
  },
  LEADERBOARD_AREA_NOT_FOUND: {
    status: 404,
    th: 'ไม่พบเขตพื้นที่การศึกษานี้',
    en: 'No such educational service area',
  },
  LEADERBOARD_SCHOOL_NOT_FOUND: {
    status: 404,
    th: 'ไม่พบโรงเรียนนี้',
    en: 'No such school',
  },
});

// The codes above are types too: DomainError takes only registered codes.
declare module '@lc/core' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface RegisteredErrorCodes extends Record<keyof typeof LeaderboardErrors, true> {}
}
