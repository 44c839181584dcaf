import { defineErrors } from '@lc/core';

export const InnovationErrors = defineErrors({
  INNOVATION_NOT_FOUND: { status: 404, th: 'ไม่พบนวัตกรรม', en: 'Innovation not found' },
  INNOVATION_NOT_AUTHOR: {
    status: 403,
    th: 'เฉพาะผู้สร้างนวัตกรรมเท่านั้นที่ทำได้',
    en: 'Only the author can do this',
  },
  INNOVATION_SELF_RATING: {
    status: 403,
    th: 'ไม่สามารถให้คะแนนนวัตกรรมของตนเองได้',
    en: 'You cannot rate your own innovation',
  },
  INNOVATION_SELF_ADOPTION: {
    status: 403,
    th: 'ไม่สามารถรายงานการนำไปใช้นวัตกรรมของตนเองได้',
    en: 'You cannot report using your own innovation',
  },
  INNOVATION_NOT_PUBLISHED: { status: 409, th: 'นวัตกรรมยังไม่ได้เผยแพร่', en: 'The innovation is not published' },
  INNOVATION_ALREADY_PUBLISHED: {
    status: 409,
    th: 'นวัตกรรมเผยแพร่แล้ว',
    en: 'The innovation is already published',
  },
  INNOVATION_INCOMPLETE: {
    status: 422,
    th: 'กรุณากรอกข้อมูลให้ครบก่อนเผยแพร่',
    en: 'Complete the innovation before publishing it',
  },
  INNOVATION_UNKNOWN_CODE: {
    status: 400,
    th: 'รหัสอ้างอิงไม่อยู่ในรายการที่กำหนด',
    en: 'A code is not in the taxonomy',
  },
  INNOVATION_REMOVED: { status: 409, th: 'นวัตกรรมถูกลบแล้ว', en: 'The innovation has been removed' },
  COMMENT_NOT_FOUND: { status: 404, th: 'ไม่พบความคิดเห็น', en: 'Comment not found' },
  COMMENT_TOO_DEEP: { status: 400, th: 'ตอบกลับได้เพียงหนึ่งระดับ', en: 'Replies go one level deep only' },
  COMMENT_EDIT_WINDOW_CLOSED: {
    status: 409,
    th: 'พ้นระยะเวลาที่แก้ไขความคิดเห็นได้แล้ว',
    en: 'The time to edit this comment has passed',
  },
  FEEDBACK_TOO_FAST: {
    status: 429,
    th: 'คุณแสดงความคิดเห็นหรือให้คะแนนถี่เกินไป กรุณารอสักครู่แล้วลองใหม่',
    en: 'You are commenting or rating too fast; wait a moment and try again',
  },
  ADOPTION_ALREADY_REPORTED: {
    status: 409,
    th: 'คุณรายงานการนำไปใช้ในภาคเรียนนี้แล้ว',
    en: 'You already reported using it this school term',
  },
  REPORT_ALREADY_MADE: { status: 409, th: 'คุณรายงานเนื้อหานี้แล้ว', en: 'You already reported this content' },
  MODERATION_INVALID_TRANSITION: {
    status: 409,
    th: 'ไม่สามารถเปลี่ยนสถานะนี้ได้',
    en: 'This moderation action does not apply to the current status',
  },
});

// The codes above are types too: DomainError takes only registered codes.
declare module '@lc/core' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface RegisteredErrorCodes extends Record<keyof typeof InnovationErrors, true> {}
}
