import { defineErrors } from '@lc/core';

/** The refusals of the cockpit's CSV and XLSX exports (the reads' own codes apply to their parameters). */
export const ExportErrors = defineErrors({
  COCKPIT_EXPORT_REPORT_UNKNOWN: {
    status: 400,
    th: 'รายงานที่ส่งออกได้คือ summary, breakdown, timeseries, activity-plans หรือ indicator-18',
    en: 'The report must be summary, breakdown, timeseries, activity-plans or indicator-18',
  },
  COCKPIT_EXPORT_FORMAT_UNKNOWN: {
    status: 400,
    th: 'รูปแบบไฟล์ต้องเป็น csv หรือ xlsx',
    en: 'The format must be csv or xlsx',
  },
});

// The codes above are types too: DomainError takes only registered codes.
declare module '@lc/core' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface RegisteredErrorCodes extends Record<keyof typeof ExportErrors, true> {}
}
