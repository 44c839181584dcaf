import { defineErrors } from '@lc/core';

/** The refusals of the cockpit's reads (scope, period, metric, dimension, interval; its first fill). */
export const CockpitErrors = defineErrors({
  COCKPIT_SCOPE_FORBIDDEN: {
    status: 403,
    th: 'คุณไม่มีสิทธิ์ดูข้อมูลค็อกพิทของขอบเขตนี้',
    en: 'You may not see the cockpit of this scope',
  },
  COCKPIT_SCOPE_INVALID: {
    status: 400,
    th: 'ขอบเขตต้องเป็น national, area:<รหัสเขตพื้นที่> หรือ school:<รหัสโรงเรียน>',
    en: 'The scope must be national, area:<area id> or school:<school id>',
  },
  COCKPIT_SCOPE_NOT_FOUND: {
    status: 404,
    th: 'ไม่พบเขตพื้นที่การศึกษาหรือโรงเรียนที่ระบุ',
    en: 'No such educational service area or school',
  },
  COCKPIT_DATE_INVALID: {
    status: 400,
    th: 'วันที่ไม่ถูกต้อง (รูปแบบ ปปปป-ดด-วว ตามปฏิทินสากล)',
    en: 'A date is not a real calendar date (YYYY-MM-DD)',
  },
  COCKPIT_RANGE_INVALID: {
    status: 400,
    th: 'ช่วงเวลาไม่ถูกต้อง: วันเริ่มต้นต้องไม่หลังวันสิ้นสุด และช่วงต้องไม่เกิน 10 ปี',
    en: 'The period is not valid: from must not be after to, and it may span at most 10 years',
  },
  COCKPIT_RANGE_TOO_LONG: {
    status: 400,
    th: 'ช่วงเวลายาวเกินไปสำหรับช่วงย่อยที่เลือก (ไม่เกิน 1,000 จุด)',
    en: 'The period is too long for this interval (at most 1,000 points)',
  },
  COCKPIT_METRIC_UNKNOWN: { status: 400, th: 'ไม่รู้จักตัวชี้วัดนี้', en: 'Unknown metric' },
  COCKPIT_DIMENSION_UNKNOWN: { status: 400, th: 'ไม่รู้จักมิติการจำแนกนี้', en: 'Unknown dimension' },
  COCKPIT_DIMENSION_NOT_APPLICABLE: {
    status: 400,
    th: 'ตัวชี้วัดนี้จำแนกตามมิตินี้ไม่ได้',
    en: 'This metric cannot be broken down by this dimension',
  },
  COCKPIT_INTERVAL_UNKNOWN: {
    status: 400,
    th: 'ช่วงย่อยต้องเป็น day, week, month หรือ fiscalYear',
    en: 'The interval must be day, week, month or fiscalYear',
  },
  COCKPIT_FISCAL_YEAR_INVALID: {
    status: 400,
    th: 'ปีงบประมาณต้องเป็นปีพุทธศักราช เช่น 2570',
    en: 'The fiscal year must be a Buddhist Era year, such as 2570',
  },
  COCKPIT_BEING_BUILT: {
    status: 503,
    th: 'ค็อกพิทกำลังคำนวณตัวเลขทั้งหมดเป็นครั้งแรก โปรดลองใหม่ในอีกไม่กี่นาที',
    en: 'The cockpit is computing all its figures for the first time; try again in a few minutes',
  },
});

// The codes above are types too: DomainError takes only registered codes.
declare module '@lc/core' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface RegisteredErrorCodes extends Record<keyof typeof CockpitErrors, true> {}
}
