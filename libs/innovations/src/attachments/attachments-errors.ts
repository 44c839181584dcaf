import { defineErrors } from '@lc/core';

export const AttachmentErrors = defineErrors({
  ATTACHMENT_FILE_REQUIRED: {
    status: 400,
    th: 'กรุณาแนบไฟล์ในช่อง file ของแบบฟอร์ม (multipart/form-data)',
    en: 'Send the file as the "file" field of a multipart/form-data request',
  },
  ATTACHMENT_ONE_FILE: {
    status: 400,
    th: 'แนบได้ครั้งละหนึ่งไฟล์',
    en: 'Send one file per request',
  },
  ATTACHMENT_EMPTY: { status: 400, th: 'ไฟล์ว่างเปล่า', en: 'The file is empty' },
  ATTACHMENT_INVALID_PURPOSE: {
    status: 400,
    th: 'purpose ต้องเป็น attachment หรือ cover',
    en: 'purpose must be "attachment" or "cover"',
  },
  ATTACHMENT_TOO_LARGE: {
    status: 413,
    th: 'ไฟล์มีขนาดใหญ่เกินกำหนด',
    en: 'The file is larger than allowed',
  },
  ATTACHMENT_UNSUPPORTED_TYPE: {
    status: 415,
    th: 'รองรับเฉพาะไฟล์ PDF เอกสาร Office และรูปภาพ (PNG, JPEG, GIF, WebP) โดยตรวจจากเนื้อหาไฟล์',
    en: 'Only PDF, Office documents and PNG, JPEG, GIF or WebP images are accepted, judged by their content',
  },
  ATTACHMENT_COVER_NOT_IMAGE: {
    status: 415,
    th: 'ภาพปกต้องเป็นไฟล์รูปภาพ',
    en: 'A cover must be an image',
  },
  ATTACHMENT_IMAGE_TOO_LARGE: {
    status: 422,
    th: 'รูปภาพมีจำนวนพิกเซล (กว้าง × สูง) มากเกินกำหนด กรุณาย่อขนาดรูปก่อนแนบ',
    en: 'The image has more pixels (width × height) than allowed; scale it down before attaching it',
  },
  ATTACHMENT_UPLOAD_TIMEOUT: {
    status: 408,
    th: 'การอัปโหลดไฟล์ใช้เวลานานเกินกำหนด กรุณาลองใหม่อีกครั้ง',
    en: 'The upload took too long to arrive; please try again',
  },
  ATTACHMENT_NOT_FOUND: { status: 404, th: 'ไม่พบไฟล์แนบ', en: 'Attachment not found' },
  ADOPTION_NOT_FOUND: { status: 404, th: 'ไม่พบรายงานการนำไปใช้', en: 'Adoption report not found' },
  ADOPTION_NOT_REPORTER: {
    status: 403,
    th: 'เฉพาะผู้รายงานการนำไปใช้เท่านั้นที่แนบหลักฐานได้',
    en: 'Only the member who reported the adoption can do this',
  },
});

// The codes above are types too: DomainError takes only registered codes.
declare module '@lc/core' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface RegisteredErrorCodes extends Record<keyof typeof AttachmentErrors, true> {}
}
