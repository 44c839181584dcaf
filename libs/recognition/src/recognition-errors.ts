import { defineErrors } from '@lc/core';

/** The refusals of recognition: levels, their criteria and nominations. */
export const RecognitionErrors = defineErrors({
  RECOGNITION_LEVEL_UNKNOWN: {
    status: 400,
    th: 'ไม่มีระดับนี้ (ระดับคือ practitioner, change_agent หรือ influencer)',
    en: 'No such level (levels are practitioner, change_agent and influencer)',
  },
  RECOGNITION_CRITERION_UNKNOWN: {
    status: 400,
    th: 'ไม่มีเกณฑ์นี้',
    en: 'No such criterion',
  },
  RECOGNITION_CRITERIA_INVALID: {
    status: 400,
    th: 'เกณฑ์ไม่ถูกต้อง: ทุกระดับต้องมีอย่างน้อยหนึ่งเกณฑ์ เกณฑ์ละไม่ซ้ำ และค่าที่ต้องการเป็นจำนวนเต็ม 1 ถึง 1,000,000',
    en: 'The criteria are not valid: every level needs at least one criterion, each once, each required value a whole number from 1 to 1,000,000',
  },
  RECOGNITION_LEVEL_NOT_HELD: {
    status: 404,
    th: 'สมาชิกไม่มีระดับนี้ หรือถูกเพิกถอนไปแล้ว',
    en: 'The member does not hold this level, or it was revoked already',
  },
  RECOGNITION_MEMBER_NOT_FOUND: {
    status: 404,
    th: 'ไม่พบสมาชิก',
    en: 'No such member',
  },
  RECOGNITION_NOMINATION_FORBIDDEN: {
    status: 403,
    th: 'เสนอชื่อได้เฉพาะครูและบุคลากรในเขตพื้นที่ที่คุณดูแล',
    en: 'You may nominate only teachers and staff of an area you administer',
  },
  RECOGNITION_NOMINEE_NOT_READY: {
    status: 409,
    th: 'ผู้ได้รับการเสนอชื่อต้องเป็นผู้นำการเปลี่ยนแปลง (Change Agent) ก่อน',
    en: 'The nominee must be a Change Agent first',
  },
  RECOGNITION_NOMINATION_OPEN: {
    status: 409,
    th: 'สมาชิกคนนี้มีการเสนอชื่อที่รอพิจารณาอยู่แล้ว',
    en: 'This member already has a nomination waiting for a decision',
  },
  RECOGNITION_NOMINATION_NOT_FOUND: {
    status: 404,
    th: 'ไม่พบการเสนอชื่อ',
    en: 'No such nomination',
  },
  RECOGNITION_NOMINATION_DECIDED: {
    status: 409,
    th: 'การเสนอชื่อนี้ได้รับการพิจารณาไปแล้ว',
    en: 'This nomination was decided already',
  },
  RECOGNITION_PORTFOLIO_PRIVATE: {
    status: 403,
    th: 'สมาชิกท่านนี้ไม่เปิดเผยแฟ้มผลงาน',
    en: 'This member keeps their portfolio private',
  },
  RECOGNITION_PORTFOLIO_MEMBERS_ONLY: {
    status: 401,
    th: 'แฟ้มผลงานนี้เปิดให้เฉพาะสมาชิก กรุณาเข้าสู่ระบบ',
    en: 'This portfolio is for members: please sign in',
  },
  RECOGNITION_PLAN_NOT_FOUND: {
    status: 404,
    th: 'ไม่พบแผนพัฒนาตนเองนี้',
    en: 'No such development plan',
  },
  RECOGNITION_PLAN_EXISTS: {
    status: 409,
    th: 'คุณมีแผนพัฒนาตนเองของปีงบประมาณนี้แล้ว แก้ไขแผนเดิมได้',
    en: 'You have a development plan for this fiscal year already: edit it instead',
  },
  RECOGNITION_PLAN_INVALID: {
    status: 400,
    th: 'แผนพัฒนาตนเองไม่ถูกต้อง: ปีงบประมาณ สมรรถนะ หรือวันที่ไม่ถูกต้อง',
    en: 'The development plan is not valid: a fiscal year, competency or date is wrong',
  },
  RECOGNITION_PLAN_PERK_NOT_TRAINING: {
    status: 400,
    th: 'กิจกรรมที่เชื่อมกับสิทธิประโยชน์ต้องเป็นสิทธิประโยชน์ประเภทการอบรม',
    en: 'An activity linked to a perk must name a training perk',
  },
  RECOGNITION_PLAN_INNOVATION_NOT_FOUND: {
    status: 400,
    th: 'ไม่พบนวัตกรรมที่เผยแพร่แล้วตามที่ระบุ',
    en: 'No published innovation with this id',
  },
  RECOGNITION_PLAN_EVENT_NOT_FOUND: {
    status: 400,
    th: 'ไม่พบกิจกรรมตามที่ระบุ หรือกิจกรรมถูกยกเลิกแล้ว',
    en: 'No event with this id, or it was cancelled',
  },
  RECOGNITION_PLAN_SHARE_KIND: {
    status: 400,
    th: 'แบ่งปันแผนได้กับศึกษานิเทศก์หรือผู้อำนวยการโรงเรียนเท่านั้น',
    en: 'A plan can be shared with a supervisor or a school director only',
  },
  RECOGNITION_EVIDENCE_NOT_FOUND: {
    status: 404,
    th: 'ไม่พบเอกสารหลักฐานผลงานรหัสนี้ เอกสารอาจไม่ได้ออกโดยแพลตฟอร์ม',
    en: 'No evidence document has this code: it may not have been issued by the platform',
  },
  RECOGNITION_BADGE_NOT_FOUND: {
    status: 404,
    th: 'ไม่พบเหรียญตรานี้',
    en: 'No such badge',
  },
  RECOGNITION_BADGE_EXISTS: {
    status: 409,
    th: 'มีเหรียญตรารหัสนี้อยู่แล้ว',
    en: 'A badge with this code exists already',
  },
  RECOGNITION_BADGE_INVALID: {
    status: 400,
    th: 'ข้อมูลเหรียญตราไม่ถูกต้อง: รหัสเป็นอักษรอังกฤษตัวเล็ก ตัวเลขหรือ _ (3–40 ตัว) และเกณฑ์ต้องเป็นเกณฑ์ที่มีอยู่',
    en: 'The badge is not valid: a code of 3–40 lower-case letters, digits or _, and a known criterion',
  },
  RECOGNITION_AWARD_NOT_FOUND: {
    status: 404,
    th: 'ไม่พบการมอบเหรียญตรานี้',
    en: 'No such badge award',
  },
  RECOGNITION_AWARD_REVOKED: {
    status: 409,
    th: 'เหรียญตรานี้ถูกเพิกถอนไปแล้ว',
    en: 'This badge was revoked already',
  },
});

// The codes above are types too: DomainError takes only registered codes.
declare module '@lc/core' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface RegisteredErrorCodes extends Record<keyof typeof RecognitionErrors, true> {}
}
