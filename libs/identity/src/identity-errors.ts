import { defineErrors } from '@lc/core';

export const IdentityErrors = defineErrors({
  AUTH_EMAIL_TAKEN: { status: 409, th: 'อีเมลนี้มีผู้ใช้แล้ว', en: 'This e-mail address is already registered' },
  AUTH_INVALID_CREDENTIALS: { status: 401, th: 'อีเมลหรือรหัสผ่านไม่ถูกต้อง', en: 'Wrong e-mail or password' },
  AUTH_TOO_MANY_ATTEMPTS: {
    status: 429,
    th: 'ใส่รหัสผ่านหลายครั้งเกินไป กรุณารอสักครู่แล้วลองใหม่',
    en: 'Too many password attempts; wait a while and try again',
  },
  AUTH_REFRESH_INVALID: {
    status: 401,
    th: 'เซสชันหมดอายุ กรุณาเข้าสู่ระบบใหม่',
    en: 'The session has ended; sign in again',
  },
  AUTH_REFRESH_REUSED: {
    status: 401,
    th: 'ตรวจพบการใช้โทเคนซ้ำ ระบบได้ยกเลิกเซสชันนี้เพื่อความปลอดภัย',
    en: 'A used refresh token was presented again; the session has been revoked for safety',
  },
  AUTH_TOKEN_INVALID: {
    status: 401,
    th: 'โทเคนไม่ถูกต้องหรือหมดอายุ',
    en: 'The access token is missing, invalid or expired',
  },
  AUTH_SESSION_ENDED: {
    status: 401,
    th: 'เซสชันสิ้นสุดแล้ว กรุณาเข้าสู่ระบบใหม่',
    en: 'The session has ended; sign in again',
  },
  AUTH_WEAK_PASSWORD: {
    status: 400,
    th: 'รหัสผ่านต้องมี 8–128 ตัวอักษร และต้องไม่ใช่รหัสผ่านที่ใช้กันทั่วไป',
    en: 'Passwords need 8 to 128 characters and must not be a commonly used password',
  },
  AUTH_TERMS_NOT_ACCEPTED: {
    status: 400,
    th: 'กรุณายอมรับข้อตกลงการใช้งานและประกาศความเป็นส่วนตัว',
    en: 'You need to accept the terms of use and the privacy notice',
  },
  AUTH_WRONG_PASSWORD: { status: 403, th: 'รหัสผ่านปัจจุบันไม่ถูกต้อง', en: 'The current password is wrong' },
  IDENTITY_UNKNOWN_CODE: {
    status: 400,
    th: 'รหัสอ้างอิงไม่อยู่ในรายการที่กำหนด',
    en: 'A code is not in the reference list',
  },
  IDENTITY_SCHOOL_NOT_FOUND: { status: 400, th: 'ไม่พบโรงเรียนที่ระบุ', en: 'The school does not exist' },
  IDENTITY_MEMBER_NOT_FOUND: { status: 404, th: 'ไม่พบสมาชิก', en: 'Member not found' },
  IDENTITY_AREA_NOT_FOUND: { status: 404, th: 'ไม่พบเขตพื้นที่การศึกษา', en: 'Educational service area not found' },
  IDENTITY_SCHOOL_UNKNOWN: { status: 404, th: 'ไม่พบโรงเรียน', en: 'School not found' },
  IDENTITY_SCOPE_NOT_FOUND: {
    status: 400,
    th: 'ไม่พบหน่วยงานที่ระบุสำหรับสิทธิ์นี้',
    en: 'The organisation named for this role does not exist',
  },
  IDENTITY_ROLE_SCOPE_MISMATCH: {
    status: 400,
    th: 'ประเภทขอบเขตไม่ตรงกับบทบาท',
    en: 'The scope does not fit the role',
  },
  IDENTITY_GRANT_EXISTS: { status: 409, th: 'สมาชิกมีสิทธิ์นี้อยู่แล้ว', en: 'The member already holds this role' },
  IDENTITY_ONE_PARTNER: {
    status: 409,
    th: 'เจ้าหน้าที่ภาคีเครือข่ายสังกัดได้เพียงภาคีเดียว',
    en: 'Partner staff belong to one partner only',
  },
  IDENTITY_GRANT_NOT_FOUND: { status: 404, th: 'ไม่พบการมอบสิทธิ์', en: 'Role grant not found' },
  IDENTITY_IMPORT_HAS_ERRORS: {
    status: 422,
    th: 'ไฟล์นำเข้ามีข้อผิดพลาด จึงยังไม่ได้นำเข้าข้อมูลใด',
    en: 'The file has errors, so nothing was imported',
  },
  IDENTITY_IMPORT_EMPTY: { status: 400, th: 'ไฟล์นำเข้าไม่มีข้อมูล', en: 'The file has no rows' },
  IDENTITY_PROFILE_CHANGE_NOT_FOUND: {
    status: 404,
    th: 'ไม่พบคำขอเปลี่ยนโรงเรียนหรือประเภทสมาชิก',
    en: 'Change of school or member kind not found',
  },
  IDENTITY_PROFILE_CHANGE_DECIDED: {
    status: 409,
    th: 'คำขอนี้ได้รับการพิจารณาหรือถูกยกเลิกไปแล้ว',
    en: 'This request has already been decided or cancelled',
  },
  IDENTITY_PROFILE_CHANGE_OWN: {
    status: 403,
    th: 'ไม่สามารถพิจารณาคำขอของตนเองได้',
    en: 'You cannot decide your own request',
  },
  AUTH_REGISTRATION_LIMITED: {
    status: 429,
    th: 'มีการสมัครสมาชิกจากเครือข่ายนี้มากเกินไป กรุณารอสักครู่แล้วลองใหม่',
    en: 'Too many sign-ups from this network; wait a while and try again',
  },
  AUTH_VERIFICATION_TOKEN_INVALID: {
    status: 400,
    th: 'ลิงก์ยืนยันอีเมลไม่ถูกต้อง',
    en: 'This e-mail confirmation link is not valid',
  },
  AUTH_VERIFICATION_TOKEN_USED: {
    status: 410,
    th: 'ลิงก์ยืนยันอีเมลนี้ถูกใช้ไปแล้ว',
    en: 'This e-mail confirmation link has already been used',
  },
  AUTH_VERIFICATION_TOKEN_EXPIRED: {
    status: 410,
    th: 'ลิงก์ยืนยันอีเมลหมดอายุแล้ว กรุณาขอลิงก์ใหม่',
    en: 'This e-mail confirmation link has expired; ask for a new one',
  },
  AUTH_EMAIL_ALREADY_VERIFIED: {
    status: 409,
    th: 'อีเมลของคุณได้รับการยืนยันแล้ว',
    en: 'Your e-mail address is already confirmed',
  },
  AUTH_VERIFICATION_MAIL_LIMITED: {
    status: 429,
    th: 'ขอลิงก์ยืนยันอีเมลบ่อยเกินไป กรุณารอสักครู่แล้วลองใหม่',
    en: 'Too many confirmation e-mails asked for; wait a while and try again',
  },
  AUTH_PASSWORD_RESET_LIMITED: {
    status: 429,
    th: 'ขอลิงก์ตั้งรหัสผ่านใหม่บ่อยเกินไป กรุณารอสักครู่แล้วลองใหม่',
    en: 'Too many password reset e-mails asked for; wait a while and try again',
  },
  AUTH_PASSWORD_RESET_TOKEN_INVALID: {
    status: 400,
    th: 'ลิงก์ตั้งรหัสผ่านใหม่ไม่ถูกต้อง',
    en: 'This password reset link is not valid',
  },
  AUTH_PASSWORD_RESET_TOKEN_USED: {
    status: 410,
    th: 'ลิงก์ตั้งรหัสผ่านใหม่นี้ถูกใช้ไปแล้ว',
    en: 'This password reset link has already been used',
  },
  AUTH_PASSWORD_RESET_TOKEN_EXPIRED: {
    status: 410,
    th: 'ลิงก์ตั้งรหัสผ่านใหม่หมดอายุแล้ว กรุณาขอลิงก์ใหม่',
    en: 'This password reset link has expired; ask for a new one',
  },
});

// The codes above are types too: DomainError takes only registered codes.
declare module '@lc/core' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface RegisteredErrorCodes extends Record<keyof typeof IdentityErrors, true> {}
}
