import { Bilingual } from './texts';

/** The kinds of notification a member can tune (in-app, e-mail). Stable codes: stored in rows and preferences. */
export const NOTIFICATION_TYPES = {
  'rating.received': { th: 'มีผู้ให้คะแนนนวัตกรรมของฉัน', en: 'My innovation is rated' },
  'comment.received': { th: 'มีความคิดเห็นต่อนวัตกรรมของฉัน', en: 'Comments on my innovation' },
  'adoption.reported': { th: 'มีผู้นำนวัตกรรมของฉันไปใช้', en: 'My innovation is adopted' },
  'innovation.endorsed': { th: 'ภาคีการันตีนวัตกรรมของฉัน', en: 'A partner endorses my innovation' },
  'content.moderated': { th: 'นวัตกรรมของฉันถูกซ่อนหรือลบ', en: 'My innovation is hidden or removed' },
  'points.changed': { th: 'พอยท์ของฉันเปลี่ยนแปลง', en: 'My points change' },
  'redemption.updated': { th: 'สถานะการแลกสิทธิประโยชน์', en: 'My redemptions change' },
  'level.reached': { th: 'ฉันได้เลื่อนระดับ', en: 'I reach a new level' },
  'badge.awarded': { th: 'ฉันได้รับเหรียญตรา', en: 'I earn a badge' },
  'certificate.issued': { th: 'ฉันได้รับเกียรติบัตร', en: 'I receive a certificate' },
  'event.seat_confirmed': { th: 'ฉันได้ที่นั่งจากรายชื่อสำรอง', en: 'I get a seat from a waitlist' },
  'event.cancelled': { th: 'กิจกรรมที่ฉันลงทะเบียนถูกยกเลิก', en: 'An event I registered for is cancelled' },
} satisfies Record<string, Bilingual>;

export type NotificationType = keyof typeof NOTIFICATION_TYPES;

export interface Channels {
  inApp: boolean;
  email: boolean;
}

/** Until a member says otherwise: everything in the app, nothing by e-mail. */
export const DEFAULT_CHANNELS: Channels = { inApp: true, email: false };

/** Types whose e-mail is on until the member turns it off: a certificate is a document they keep (issue 18). */
export const TYPE_DEFAULT_CHANNELS: Partial<Record<NotificationType, Channels>> = {
  'certificate.issued': { inApp: true, email: true },
  'event.seat_confirmed': { inApp: true, email: true },
  'event.cancelled': { inApp: true, email: true },
};

export function isNotificationType(value: string): value is NotificationType {
  return Object.prototype.hasOwnProperty.call(NOTIFICATION_TYPES, value);
}
