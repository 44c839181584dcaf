import { defineErrors } from '@lc/core';

/** The refusals of research extracts. */
export const ResearchErrors = defineErrors({
  RESEARCH_DATASET_UNKNOWN: {
    status: 400,
    th: 'ไม่มีชุดข้อมูลวิจัยนี้ (innovations, feedback, adoptions หรือ points)',
    en: 'No such research dataset (innovations, feedback, adoptions or points)',
  },
  RESEARCH_PERIOD_INVALID: {
    status: 400,
    th: 'ช่วงเวลาไม่ถูกต้อง: ระบุวันที่ ปปปป-ดด-วว วันเริ่มต้นไม่หลังวันสิ้นสุด และไม่เกิน 366 วัน',
    en: 'The period is not valid: dates as YYYY-MM-DD, from not after to, at most 366 days',
  },
});

// The codes above are types too: DomainError takes only registered codes.
declare module '@lc/core' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface RegisteredErrorCodes extends Record<keyof typeof ResearchErrors, true> {}
}
