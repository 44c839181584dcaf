import { defineErrors } from '@lc/core';

/** The refusals of the verifiable badges: fetching, verifying, issuing and revoking Open Badges 3.0 credentials. */
export const CredentialErrors = defineErrors({
  CREDENTIAL_NOT_FOUND: {
    status: 404,
    th: 'ไม่พบข้อมูลรับรองเหรียญตรานี้',
    en: 'No such badge credential',
  },
  CREDENTIAL_STATUS_LIST_NOT_FOUND: {
    status: 404,
    th: 'ไม่พบรายการสถานะ (การเพิกถอน) นี้',
    en: 'No such status (revocation) list',
  },
  CREDENTIAL_MALFORMED: {
    status: 400,
    th: 'ข้อมูลที่ส่งมาไม่ใช่ข้อมูลรับรองที่ตรวจสอบได้ (verifiable credential): ต้องเป็นออบเจกต์ JSON ที่มี @context เป็นอาร์เรย์และมี type',
    en: 'This is not a verifiable credential: it must be a JSON object with an @context array and a type',
  },
  CREDENTIAL_TOO_LARGE: {
    status: 413,
    th: 'ข้อมูลรับรองมีขนาดใหญ่เกิน 64 KB',
    en: 'The credential is larger than 64 KB',
  },
  CREDENTIAL_ACHIEVEMENT_INVALID: {
    status: 400,
    th: 'ข้อมูลเหรียญตราไม่ครบหรือไม่ถูกต้อง: ต้องมีชื่อ คำอธิบายและเกณฑ์ทั้งภาษาไทยและอังกฤษ และที่อยู่ (URL แบบ http หรือ https) ของเหรียญตราและภาพ',
    en: 'The badge is incomplete or not valid: it needs a name, a description and criteria in Thai and English, and the http(s) addresses of the badge and its image',
  },
  CREDENTIAL_ALREADY_REVOKED: {
    status: 409,
    th: 'ข้อมูลรับรองเหรียญตรานี้ถูกเพิกถอนไปแล้ว',
    en: 'This credential was revoked already',
  },
  CREDENTIAL_REVOCATION_REASON_INVALID: {
    status: 400,
    th: 'เหตุผลการเพิกถอนต้องยาว 3 ถึง 1,000 ตัวอักษร',
    en: 'The reason for the revocation must be 3 to 1,000 characters long',
  },
});

// The codes above are types too: DomainError takes only registered codes.
declare module '@lc/core' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface RegisteredErrorCodes extends Record<keyof typeof CredentialErrors, true> {}
}
