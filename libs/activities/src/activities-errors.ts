import { defineErrors } from '@lc/core';

/** The refusals of events, registrations, attendance and completion. */
export const ActivitiesErrors = defineErrors({
  EVENT_NOT_FOUND: { status: 404, th: 'ไม่พบกิจกรรม', en: 'Event not found' },
  EVENT_SESSION_NOT_FOUND: { status: 404, th: 'ไม่พบช่วงกิจกรรมนี้', en: 'Session not found' },
  EVENT_INVALID: {
    status: 400,
    th: 'ข้อมูลกิจกรรมไม่ถูกต้อง',
    en: 'The event is not valid',
  },
  EVENT_ORGANISER_FORBIDDEN: {
    status: 403,
    th: 'คุณจัดกิจกรรมในนามผู้จัดนี้ไม่ได้',
    en: 'You may not organise events for this organiser',
  },
  EVENT_ORGANISER_NOT_FOUND: {
    status: 404,
    th: 'ไม่พบหน่วยงานผู้จัด',
    en: 'The organiser (area, school or partner) was not found',
  },
  EVENT_PLAN_NOT_ALLOWED: {
    status: 400,
    th: 'แผนการจัดกิจกรรมนี้ไม่ใช่ของเขตพื้นที่ของกิจกรรม',
    en: "The activity plan is not one of the organiser's area",
  },
  EVENT_FULL: { status: 409, th: 'กิจกรรมนี้ที่นั่งเต็มแล้ว', en: 'The event is full' },
  EVENT_REGISTRATION_CLOSED: {
    status: 409,
    th: 'ไม่อยู่ในช่วงเวลาเปิดรับลงทะเบียน',
    en: 'Registration is not open',
  },
  EVENT_CANCELLED: { status: 409, th: 'กิจกรรมนี้ถูกยกเลิกแล้ว', en: 'The event was cancelled' },
  EVENT_NOT_REGISTERED: {
    status: 409,
    th: 'คุณยังไม่ได้ลงทะเบียนกิจกรรมนี้ (หรืออยู่ในรายชื่อสำรอง)',
    en: 'You are not registered for this event (or are on its waitlist)',
  },
  EVENT_ENDED: { status: 409, th: 'กิจกรรมนี้สิ้นสุดแล้ว', en: 'The event has ended' },
  EVENT_NOT_ENDED: { status: 409, th: 'กิจกรรมนี้ยังไม่สิ้นสุด', en: 'The event has not ended yet' },
  CHECK_IN_CODE_INVALID: {
    status: 422,
    th: 'รหัสเช็กอินไม่ถูกต้องหรือหมดอายุแล้ว โปรดสแกนรหัสล่าสุดบนจอ',
    en: 'The check-in code is wrong or has expired: scan the latest code on the screen',
  },
  CHECK_IN_OUTSIDE_WINDOW: {
    status: 422,
    th: 'เช็กอินได้เฉพาะช่วงเวลาของกิจกรรม',
    en: 'Check-in is open only during the session',
  },
  EVALUATION_NOT_OPEN: {
    status: 409,
    th: 'ส่งแบบประเมินได้หลังกิจกรรมเริ่มแล้ว และเฉพาะผู้ลงทะเบียน',
    en: 'The evaluation opens once the event has started, for registered members',
  },
  EVALUATION_EXISTS: { status: 409, th: 'คุณส่งแบบประเมินแล้ว', en: 'You have already sent the evaluation' },
  ATTENDANCE_IMPORT_INVALID: {
    status: 400,
    th: 'ไฟล์ CSV ไม่ถูกต้อง: ต้องมีคอลัมน์ email และ minutes',
    en: 'The CSV is not valid: it needs the columns email and minutes',
  },
  ATTENDANCE_MEMBER_NOT_FOUND: {
    status: 404,
    th: 'ไม่พบสมาชิกที่ลงทะเบียนกิจกรรมนี้',
    en: 'No registered member of this event was found',
  },
});

// The codes above are types too: DomainError takes only registered codes.
declare module '@lc/core' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface RegisteredErrorCodes extends Record<keyof typeof ActivitiesErrors, true> {}
}
