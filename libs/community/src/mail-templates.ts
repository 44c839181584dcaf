import { bilingualMail, escapeHtml as escape, Mail } from '@lc/mail';
import { NOTIFICATION_TYPES, NotificationType } from './notification-types';
import { Bilingual } from './texts';

export interface PendingMail {
  id: string;
  type: NotificationType;
  data: { title: Bilingual; body: Bilingual; link: { type: string; id: string } | null };
  attempts: number;
  email: string;
  displayName: string;
}

const FOOTER: Bilingual = {
  th: 'ตั้งค่าการแจ้งเตือนได้ที่หน้าการตั้งค่าของคุณในชุมชนนวัตกรรมการเรียนรู้',
  en: 'You can change these e-mails in your notification settings on the Learning Community.',
};

function linkOf(web: string, link: PendingMail['data']['link']): string {
  if (!link) return web;
  const paths: Record<string, string> = {
    innovation: `/innovations/${link.id}`,
    redemption: `/me/redemptions`,
    transfer: `/me/wallet`,
    perk: `/perks/${link.id}`,
    announcement: `/feed`,
  };
  return `${web.replace(/\/$/, '')}${paths[link.type] ?? '/'}`;
}

/** One notification by e-mail: Thai first, English below (members read Thai; partners and guests may not). */
export function notificationMail(row: PendingMail, web: string): Mail {
  const { title, body, link } = row.data;
  const url = linkOf(web, link);
  return bilingualMail({
    to: row.email,
    subject: title,
    th: {
      text: `เรียน ${row.displayName}\n\n${body.th}\n${url}\n\n${FOOTER.th}`,
      html:
        `<p>เรียน ${escape(row.displayName)}</p><p>${escape(body.th)}</p><p><a href="${escape(url)}">เปิดดู</a></p>` +
        `<p><small>${escape(FOOTER.th)}</small></p>`,
    },
    en: {
      text: `Dear ${row.displayName},\n\n${body.en}\n${url}\n\n${FOOTER.en}`,
      html:
        `<p>Dear ${escape(row.displayName)},</p><p>${escape(body.en)}</p><p><a href="${escape(url)}">Open</a></p>` +
        `<p><small>${escape(FOOTER.en)}</small></p>`,
    },
  });
}

/** The daily digest: the unread notifications of the last day, in Thai then English. */
export function digestMail(
  member: { email: string; displayName: string },
  items: { type: string; data: PendingMail['data'] }[],
  day: string,
  web: string,
): Mail {
  const lines = (lang: 'th' | 'en') => items.map((i) => `• ${i.data.title[lang]}: ${i.data.body[lang]}`);
  const kinds = (lang: 'th' | 'en') =>
    [...new Set(items.map((i) => NOTIFICATION_TYPES[i.type as NotificationType]?.[lang] ?? i.type))].join(
      ', ',
    );
  const listItems = (lang: 'th' | 'en') =>
    lines(lang)
      .map((l) => `<li>${escape(l.slice(2))}</li>`)
      .join('');
  return bilingualMail({
    to: member.email,
    subject: { th: `สรุปการแจ้งเตือนประจำวัน ${day}`, en: 'Your daily summary' },
    th: {
      text: `เรียน ${member.displayName}\n\nคุณมีการแจ้งเตือนที่ยังไม่ได้อ่าน ${items.length} รายการ (${kinds('th')})\n${lines('th').join('\n')}\n${web}\n\n${FOOTER.th}`,
      html: `<p>เรียน ${escape(member.displayName)}</p><p>คุณมีการแจ้งเตือนที่ยังไม่ได้อ่าน ${items.length} รายการ</p><ul>${listItems('th')}</ul>`,
    },
    en: {
      text: `Dear ${member.displayName},\n\nYou have ${items.length} unread notifications (${kinds('en')})\n${lines('en').join('\n')}\n${web}\n\n${FOOTER.en}`,
      html:
        `<p>Dear ${escape(member.displayName)},</p><p>You have ${items.length} unread notifications</p><ul>${listItems('en')}</ul>` +
        `<p><small>${escape(FOOTER.en)}</small></p>`,
    },
  });
}

/** The link that confirms a member's e-mail address (identity makes the link; this is only its wording). */
export function emailConfirmationMail(link: {
  email: string;
  displayName: string;
  url: string;
  validHours: number;
}): Mail {
  const th = {
    intro: 'กรุณายืนยันอีเมลของคุณสำหรับชุมชนนวัตกรรมการเรียนรู้ โดยเปิดลิงก์ด้านล่าง',
    why: 'เมื่อยืนยันแล้ว การให้คะแนน แสดงความคิดเห็น รายงานการนำไปใช้ และเผยแพร่นวัตกรรมของคุณจึงจะได้รับพอยท์',
    valid: `ลิงก์นี้ใช้ได้ครั้งเดียว ภายใน ${link.validHours} ชั่วโมง`,
    ignore: 'หากคุณไม่ได้สมัครสมาชิก ไม่ต้องดำเนินการใด ๆ',
  };
  const en = {
    intro: 'Please confirm your e-mail address for the Learning Community by opening the link below.',
    why: 'Once it is confirmed, your ratings, comments, adoption reports and published innovations earn points.',
    valid: `The link works once, within ${link.validHours} hours.`,
    ignore: 'If you did not sign up, you need not do anything.',
  };
  const url = link.url;
  return bilingualMail({
    to: link.email,
    subject: { th: 'ยืนยันอีเมลของคุณ', en: 'Confirm your e-mail address' },
    th: {
      text: `เรียน ${link.displayName}\n\n${th.intro}\n${url}\n\n${th.why}\n${th.valid}\n${th.ignore}`,
      html:
        `<p>เรียน ${escape(link.displayName)}</p><p>${escape(th.intro)}</p>` +
        `<p><a href="${escape(url)}">ยืนยันอีเมล</a></p><p>${escape(th.why)}</p><p><small>${escape(th.valid)} ${escape(th.ignore)}</small></p>`,
    },
    en: {
      text: `Dear ${link.displayName},\n\n${en.intro}\n${url}\n\n${en.why}\n${en.valid}\n${en.ignore}`,
      html:
        `<p>Dear ${escape(link.displayName)},</p><p>${escape(en.intro)}</p>` +
        `<p><a href="${escape(url)}">Confirm my address</a></p><p>${escape(en.why)}</p><p><small>${escape(en.valid)} ${escape(en.ignore)}</small></p>`,
    },
  });
}

/** The link that sets a new password (identity makes the link; this is only its wording). */
export function passwordResetMail(link: {
  email: string;
  displayName: string;
  url: string;
  validMinutes: number;
}): Mail {
  const th = {
    intro: 'มีผู้ขอตั้งรหัสผ่านใหม่สำหรับบัญชีของคุณในชุมชนนวัตกรรมการเรียนรู้ เปิดลิงก์ด้านล่างเพื่อตั้งรหัสผ่านใหม่',
    valid: `ลิงก์นี้ใช้ได้ครั้งเดียว ภายใน ${link.validMinutes} นาที เมื่อตั้งรหัสผ่านใหม่แล้ว ทุกอุปกรณ์ที่เข้าสู่ระบบอยู่จะต้องเข้าสู่ระบบใหม่`,
    ignore: 'หากคุณไม่ได้ขอ ไม่ต้องดำเนินการใด ๆ รหัสผ่านเดิมยังใช้ได้',
  };
  const en = {
    intro:
      'Someone asked to set a new password for your Learning Community account. Open the link below to choose one.',
    valid: `The link works once, within ${link.validMinutes} minutes. Once the password is changed, every device signed in must sign in again.`,
    ignore: 'If you did not ask for this, you need not do anything: your password stays as it is.',
  };
  const url = link.url;
  return bilingualMail({
    to: link.email,
    subject: { th: 'ตั้งรหัสผ่านใหม่', en: 'Reset your password' },
    th: {
      text: `เรียน ${link.displayName}\n\n${th.intro}\n${url}\n\n${th.valid}\n${th.ignore}`,
      html:
        `<p>เรียน ${escape(link.displayName)}</p><p>${escape(th.intro)}</p>` +
        `<p><a href="${escape(url)}">ตั้งรหัสผ่านใหม่</a></p><p><small>${escape(th.valid)} ${escape(th.ignore)}</small></p>`,
    },
    en: {
      text: `Dear ${link.displayName},\n\n${en.intro}\n${url}\n\n${en.valid}\n${en.ignore}`,
      html:
        `<p>Dear ${escape(link.displayName)},</p><p>${escape(en.intro)}</p>` +
        `<p><a href="${escape(url)}">Choose a new password</a></p><p><small>${escape(en.valid)} ${escape(en.ignore)}</small></p>`,
    },
  });
}
