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
    certificate: `/me/certificates`,
    event: `/events/${link.id}`,
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
