import { defineErrors } from '@lc/core';

export const PdfErrors = defineErrors({
  PDF_WORKER_UNAVAILABLE: {
    status: 503,
    th: 'ระบบจัดทำเอกสาร PDF ไม่พร้อมให้บริการชั่วคราว กรุณาลองใหม่ภายหลัง',
    en: 'The PDF service is temporarily unavailable; please try again later',
  },
  PDF_RENDER_TIMEOUT: {
    status: 504,
    th: 'การจัดทำเอกสาร PDF ใช้เวลานานเกินไป กรุณาลองใหม่ภายหลัง',
    en: 'Making the PDF took too long; please try again later',
  },
  PDF_TEMPLATE_UNKNOWN: {
    status: 503,
    th: 'ระบบจัดทำเอกสาร PDF ยังไม่รองรับเอกสารชนิดนี้ กรุณาลองใหม่ภายหลัง',
    en: 'The PDF service cannot make this kind of document yet; please try again later',
  },
  PDF_RENDER_FAILED: {
    status: 500,
    th: 'ไม่สามารถจัดทำเอกสาร PDF ได้',
    en: 'The PDF could not be made',
  },
});

// The codes above are types too: DomainError takes only registered codes.
declare module '@lc/core' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface RegisteredErrorCodes extends Record<keyof typeof PdfErrors, true> {}
}
