import { defineErrors } from '@lc/core';

/** The refusals of area activity plans and their reports (seed 000, 004). */
export const PlansErrors = defineErrors({
  ACTIVITY_PLAN_NOT_FOUND: { status: 404, th: 'ไม่พบแผนการจัดกิจกรรม', en: 'Activity plan not found' },
  ACTIVITY_PLAN_SCHOOL_REQUIRED: {
    status: 400,
    th: 'กิจกรรมระดับสถานศึกษาต้องระบุโรงเรียน',
    en: 'A school-level activity needs its school (schoolId)',
  },
  ACTIVITY_PLAN_SCHOOL_NOT_ALLOWED: {
    status: 400,
    th: 'กิจกรรมระดับเขตพื้นที่การศึกษาไม่ต้องระบุโรงเรียน',
    en: 'An area-level activity names no school',
  },
  ACTIVITY_PLAN_SCHOOL_NOT_IN_AREA: {
    status: 400,
    th: 'โรงเรียนที่ระบุไม่อยู่ในเขตพื้นที่การศึกษานี้',
    en: 'The school is not one of this area’s schools',
  },
  ACTIVITY_PLAN_INVALID_DATE: {
    status: 400,
    th: 'วันที่ไม่ถูกต้อง (รูปแบบ ปปปป-ดด-วว ตามปฏิทินสากล)',
    en: 'A date is not a real calendar date (YYYY-MM-DD)',
  },
  ACTIVITY_PLAN_DATES_ORDER: {
    status: 400,
    th: 'วันสิ้นสุดกิจกรรมต้องไม่ก่อนวันเริ่มกิจกรรม',
    en: 'The activity cannot end before it starts',
  },
  ACTIVITY_PLAN_DATES_OUTSIDE_FISCAL_YEAR: {
    status: 400,
    th: 'วันจัดกิจกรรมต้องอยู่ในปีงบประมาณของแผน (1 ตุลาคม – 30 กันยายน)',
    en: 'The activity’s dates must fall within the plan’s fiscal year (1 October – 30 September)',
  },
  ACTIVITY_PLAN_REPORTED: {
    status: 409,
    th: 'แผนนี้รายงานผลแล้ว จึงลบไม่ได้',
    en: 'This plan has a report and cannot be deleted',
  },
  ACTIVITY_REPORT_STALE: {
    status: 409,
    th: 'รายงานผลถูกแก้ไขโดยผู้อื่นแล้ว กรุณาโหลดข้อมูลล่าสุดก่อนแก้ไข',
    en: 'The report was changed by someone else; reload it before correcting it',
  },
  ACTIVITY_PLAN_SCOPE_INVALID: {
    status: 400,
    th: 'สรุปแผนการจัดกิจกรรมดูได้ทั้งประเทศหรือรายเขตพื้นที่: scope=national หรือ area:<รหัสเขตพื้นที่>',
    en: 'The activity plan summary covers the nation or one area: scope=national or area:<area id>',
  },
  ACTIVITY_EVIDENCE_UNSUPPORTED_TYPE: {
    status: 415,
    th: 'หลักฐานต้องเป็นไฟล์ PDF, JPEG หรือ PNG (ตรวจจากเนื้อหาไฟล์)',
    en: 'Evidence must be a PDF, JPEG or PNG file, judged by its content',
  },
  ACTIVITY_EVIDENCE_TOO_LARGE: {
    status: 413,
    th: 'ไฟล์หลักฐานต้องมีขนาดไม่เกิน 10 MB',
    en: 'An evidence file may be at most 10 MB',
  },
  ACTIVITY_EVIDENCE_LIMIT: {
    status: 409,
    th: 'แนบหลักฐานได้ไม่เกิน 20 ไฟล์ต่อแผน',
    en: 'A plan holds at most 20 evidence files',
  },
  ACTIVITY_EVIDENCE_NOT_FOUND: { status: 404, th: 'ไม่พบไฟล์หลักฐาน', en: 'Evidence file not found' },
});

// The codes above are types too: DomainError takes only registered codes.
declare module '@lc/core' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface RegisteredErrorCodes extends Record<keyof typeof PlansErrors, true> {}
}
