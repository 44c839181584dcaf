import { bilingualMail, escapeHtml as escape, Mail } from '@lc/mail';

// The wording of the e-mails identity sends: the single-use links that confirm an address and that set a new password.
// Identity makes each link (and keeps only its token's hash); these functions only word it, Thai first, English below.

/** The link that confirms a member's e-mail address . */
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

/** The link that sets a new password . */
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
