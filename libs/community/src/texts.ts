/**
 * Every text a member reads from the feed, the inbox and e-mail, in Thai and English. Names are never stored in
 * these texts (an erased member's name must not linger in others' inboxes): the actor is an id, resolved when
 * read.
 */
export interface Bilingual {
  th: string;
  en: string;
}

export interface Rendered {
  title: Bilingual;
  body: Bilingual;
}

const stars = (n: number) => `${n}`;

export const Texts = {
  innovationPublished: (title: string): Rendered => ({
    title: { th: 'นวัตกรรมใหม่', en: 'A new innovation' },
    body: { th: `เผยแพร่นวัตกรรม “${title}”`, en: `published “${title}”` },
  }),
  innovationEndorsed: (title: string, partner: Bilingual): Rendered => ({
    title: { th: 'ภาคีการันตีนวัตกรรม', en: 'A partner endorsed an innovation' },
    body: {
      th: `${partner.th} การันตีนวัตกรรม “${title}”`,
      en: `${partner.en} endorsed “${title}”`,
    },
  }),
  perkLive: (perk: Bilingual, partner: Bilingual): Rendered => ({
    title: { th: 'สิทธิประโยชน์ใหม่', en: 'A new perk' },
    body: { th: `${partner.th} มอบสิทธิประโยชน์ “${perk.th}”`, en: `${partner.en} offers “${perk.en}”` },
  }),
  ratingReceived: (title: string, overall: number): Rendered => ({
    title: { th: 'มีผู้ให้คะแนนนวัตกรรมของคุณ', en: 'Your innovation was rated' },
    body: {
      th: `นวัตกรรม “${title}” ได้รับ ${stars(overall)} ดาว`,
      en: `“${title}” received ${stars(overall)} stars`,
    },
  }),
  commentReceived: (title: string): Rendered => ({
    title: { th: 'มีความคิดเห็นใหม่', en: 'A new comment' },
    body: { th: `มีผู้แสดงความคิดเห็นต่อนวัตกรรม “${title}”`, en: `Someone commented on “${title}”` },
  }),
  adoptionReported: (title: string): Rendered => ({
    title: { th: 'มีผู้นำนวัตกรรมของคุณไปใช้', en: 'Your innovation was adopted' },
    body: {
      th: `มีครูรายงานการนำนวัตกรรม “${title}” ไปใช้ในห้องเรียน`,
      en: `A teacher reported using “${title}” in class`,
    },
  }),
  endorsedMine: (title: string, partner: Bilingual): Rendered => ({
    title: { th: 'ภาคีการันตีนวัตกรรมของคุณ', en: 'A partner endorsed your innovation' },
    body: { th: `${partner.th} การันตีนวัตกรรม “${title}”`, en: `${partner.en} endorsed “${title}”` },
  }),
  contentModerated: (title: string, removed: boolean): Rendered => ({
    title: removed
      ? { th: 'นวัตกรรมของคุณถูกลบ', en: 'Your innovation was removed' }
      : { th: 'นวัตกรรมของคุณถูกซ่อน', en: 'Your innovation was hidden' },
    body: {
      th: `ผู้ดูแลได้${removed ? 'ลบ' : 'ซ่อน'}นวัตกรรม “${title}” ตามแนวปฏิบัติของชุมชน`,
      en: `A moderator ${removed ? 'removed' : 'hid'} “${title}” under the community guidelines`,
    },
  }),
  levelReachedMine: (level: Bilingual): Rendered => ({
    title: { th: `ยินดีด้วย! คุณเป็น${level.th}แล้ว`, en: `Congratulations! You are now ${article(level.en)}` },
    body: {
      th: `คุณผ่านเกณฑ์ระดับ${level.th}จากผลงานของคุณในชุมชน`,
      en: `Your work in the community meets the criteria of ${level.en}`,
    },
  }),
  badgeAwarded: (badge: Bilingual): Rendered => ({
    title: { th: `คุณได้รับเหรียญตรา “${badge.th}”`, en: `You earned the badge “${badge.en}”` },
    body: {
      th: 'เหรียญตรานี้ตรวจสอบได้ และดาวน์โหลดเก็บไว้ในกระเป๋าเอกสารดิจิทัลได้',
      en: 'It can be verified by anyone and kept in any digital wallet',
    },
  }),
  certificateIssued: (eventTitle: string): Rendered => ({
    title: { th: 'คุณได้รับเกียรติบัตร', en: 'You received a certificate' },
    body: {
      th: `เกียรติบัตรกิจกรรม “${eventTitle}” ของคุณพร้อมแล้ว ดาวน์โหลดได้ที่หน้าเกียรติบัตรของฉัน และตรวจสอบได้ด้วยคิวอาร์โค้ดบนเกียรติบัตร`,
      en: `Your certificate of “${eventTitle}” is ready: download it from My certificates; anyone can verify it by its QR code`,
    },
  }),
  eventCancelled: (eventTitle: string, reason: string): Rendered => ({
    title: { th: 'กิจกรรมถูกยกเลิก', en: 'An event was cancelled' },
    body: {
      th: `ผู้จัดยกเลิกกิจกรรม “${eventTitle}” เหตุผล: ${reason}`,
      en: `The organisers cancelled “${eventTitle}”. Reason: ${reason}`,
    },
  }),
  eventSeatConfirmed: (eventTitle: string): Rendered => ({
    title: { th: 'คุณได้ที่นั่งแล้ว', en: 'You have a seat' },
    body: {
      th: `มีที่นั่งว่างในกิจกรรม “${eventTitle}” และคุณซึ่งอยู่ในรายชื่อสำรองลำดับแรกได้ที่นั่งนั้นแล้ว`,
      en: `A seat freed in “${eventTitle}” and, first on its waitlist, you have it`,
    },
  }),
  levelReached: (level: Bilingual): Rendered => ({
    title: { th: `เลื่อนระดับเป็น${level.th}`, en: `Reached the level of ${level.en}` },
    body: {
      th: `ผ่านเกณฑ์ระดับ${level.th}จากผลงานในชุมชน`,
      en: `Their work in the community meets the criteria of ${level.en}`,
    },
  }),
  pointsChanged: (amount: number, reason: Bilingual): Rendered => ({
    title:
      amount >= 0
        ? { th: `ได้รับ ${amount} พอยท์`, en: `You earned ${amount} points` }
        : { th: `ถูกหักคืน ${-amount} พอยท์`, en: `${-amount} points were taken back` },
    body: { th: reason.th, en: reason.en },
  }),
  redemptionUpdated: (perk: Bilingual, status: string): Rendered => {
    const states: Record<string, Bilingual> = {
      pending: { th: 'รอภาคีดำเนินการ', en: 'waiting for the partner' },
      fulfilled: { th: 'ได้รับสิทธิ์เรียบร้อย', en: 'fulfilled' },
      rejected: { th: 'ภาคีปฏิเสธ พอยท์คืนแล้ว', en: 'rejected by the partner; points returned' },
      cancelled: { th: 'ยกเลิกแล้ว พอยท์คืนแล้ว', en: 'cancelled; points returned' },
      expired: { th: 'หมดเวลา พอยท์คืนแล้ว', en: 'expired; points returned' },
    };
    const state = states[status] ?? { th: status, en: status };
    return {
      title: { th: 'สถานะการแลกสิทธิประโยชน์', en: 'Your redemption' },
      body: { th: `“${perk.th}”: ${state.th}`, en: `“${perk.en}”: ${state.en}` },
    };
  },
  announcement: (title: string, body: string): Rendered => ({
    title: { th: title, en: title },
    body: { th: body, en: body },
  }),
};

/** "a Practitioner", "an Education Influencer". */
function article(name: string): string {
  return `${/^[AEIOU]/i.test(name) ? 'an' : 'a'} ${name}`;
}
