import { defineErrors } from '@lc/core';

/** The refusals of certificates (เกียรติบัตร). Stable codes: clients and tests match them. */
export const CertificatesErrors = defineErrors({
  CERTIFICATE_NOT_FOUND: { status: 404, th: 'ไม่พบเกียรติบัตร', en: 'Certificate not found' },
  CERTIFICATE_REVOKED: {
    status: 409,
    th: 'เกียรติบัตรนี้ถูกเพิกถอนแล้ว',
    en: 'The certificate has already been revoked',
  },
  CERTIFICATE_FORBIDDEN: {
    status: 403,
    th: 'คุณไม่มีสิทธิ์จัดการเกียรติบัตรของกิจกรรมนี้',
    en: "You may not manage this event's certificates",
  },
  CERTIFICATE_FILE_NOT_READY: {
    status: 409,
    th: 'ไฟล์เกียรติบัตรยังไม่พร้อม โปรดลองใหม่อีกครั้ง',
    en: 'The certificate file is not ready yet; try again shortly',
  },
  EVENT_CERTIFICATES_NOT_READY: {
    status: 409,
    th: 'ออกเกียรติบัตรได้หลังกิจกรรมสิ้นสุดแล้วเท่านั้น',
    en: 'Certificates can be issued only after the event has ended',
  },
  EVENT_CERTIFICATES_CANCELLED: {
    status: 409,
    th: 'กิจกรรมนี้ถูกยกเลิก จึงไม่มีเกียรติบัตร',
    en: 'The event was cancelled: it has no certificates',
  },
});

// The codes above are types too: DomainError takes only registered codes.
declare module '@lc/core' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface RegisteredErrorCodes extends Record<keyof typeof CertificatesErrors, true> {}
}
