import { Mail } from './mail.service';

/** One language's half of an e-mail: its plain text and its HTML (already escaped, see escapeHtml). */
export interface MailPart {
  text: string;
  html: string;
}

export interface BilingualMailContent {
  to: string;
  subject: { th: string; en: string };
  th: MailPart;
  en: MailPart;
}

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text (a name, a title, a link) made safe to put into HTML, inside elements or attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/**
 * The platform's e-mail layout: Thai first, English below (members read Thai; partners and guests may not).
 * The subject is both, `th | en`; the text parts are parted by a `---` line; the HTML parts sit in `lang`
 * blocks parted by a rule.
 */
export function bilingualMail(content: BilingualMailContent): Mail {
  const { th, en } = content;
  return {
    to: content.to,
    subject: `${content.subject.th} | ${content.subject.en}`,
    text: `${th.text}\n\n---\n\n${en.text}\n`,
    html: `<div lang="th">${th.html}</div><hr><div lang="en">${en.html}</div>`,
  };
}
