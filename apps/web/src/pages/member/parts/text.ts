/**
 * Small helpers the member pages share: the reader's half of a bilingual text, where a feed item or a notification
 * leads, and the letter on a member's avatar.
 */
export interface Bilingual {
  th: string;
  en: string;
}

/** The text in the reader's language, falling back to the other one when a half is empty. */
export function pickText(text: Bilingual | null | undefined, language: string): string {
  if (!text) return '';
  return (language === 'en' ? text.en || text.th : text.th || text.en) ?? '';
}

export type ItemLinkType =
  'innovation' | 'perk' | 'announcement' | 'transfer' | 'redemption' | 'level' | 'badge';

/**
 * The page a feed item or a notification is about; null when there is no page of its own. Any type is taken: a
 * link type newer than this app (the API adds them) leads nowhere rather than failing.
 */
export function linkPath(
  link: { type: ItemLinkType | (string & {}); id: string } | null | undefined,
): string | null {
  if (!link) return null;
  switch (link.type) {
    case 'innovation':
      return `/innovations/${link.id}`;
    case 'perk':
      return `/perks/${link.id}`;
    case 'transfer':
      return '/wallet';
    case 'redemption':
      return '/me/redemptions';
    case 'level':
      // A level reached: the home page's "my level" section, opened (pages/recognition/LevelProgress).
      return '/feed#level';
    case 'badge':
      // A badge awarded: my badges, each with its verification and download.
      return '/badges';
    default:
      return null;
  }
}

const TITLES = /^(ครู|ศน\.|ผอ\.|รอง ผอ\.|ดร\.|นางสาว|นาง|นาย|อ\.|Mr\.?|Mrs\.?|Ms\.?|Dr\.?)\s*/i;
const LEADING_VOWELS = /[เแโใไ]/;
const COMBINING = /[\u0E31\u0E34-\u0E3A\u0E47-\u0E4E]/;

/** The letter on an avatar: the first letter of the name after a title such as "ครู" ("ครูสมใจ" → "ส"). */
export function initialOf(name: string | null | undefined): string {
  const rest = (name ?? '').trim().replace(TITLES, '').trim() || (name ?? '').trim();
  if (!rest) return '?';
  const chars = Array.from(rest);
  let end = 1;
  if (LEADING_VOWELS.test(chars[0]) && chars.length > 1) end = 2;
  while (end < chars.length && COMBINING.test(chars[end])) end += 1;
  return chars.slice(0, end).join('').toUpperCase();
}

const AVATAR_COLOURS = ['lc', 'orange', 'grape', 'blue', 'pink', 'indigo', 'cyan', 'violet'] as const;

/** A steady colour per member, so the same teacher always looks the same. */
export function avatarColour(id: string | null | undefined): string {
  let hash = 0;
  for (const char of id ?? '') hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return AVATAR_COLOURS[hash % AVATAR_COLOURS.length];
}

/** A clock a little behind the server's must not say "in 5 seconds": nothing happened in the future. */
export function notInFuture(value: string, now: Date = new Date()): Date {
  return new Date(Math.min(Date.parse(value), now.getTime()));
}
