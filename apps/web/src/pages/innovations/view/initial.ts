const TITLES = /^(?:ครู|ศน\.|ดร\.|ผอ\.|รอง\s*ผอ\.|อ\.|นางสาว|นาง|นาย|น\.ส\.|Dr\.|Mr\.|Mrs\.|Ms\.)\s*/u;
const LEADING_VOWEL = /^[เแโใไ]/u;

/** The letter for a member's avatar: "ครูมาลี" → "ม", "ศน.ปรีชา" → "ป", "เกศินี" → "เก". */
export function initialOf(name: string): string {
  const bare = name.trim().replace(TITLES, '') || name.trim();
  const chars = [...bare];
  if (chars.length === 0) return '';
  return LEADING_VOWEL.test(bare) && chars.length > 1 ? `${chars[0]}${chars[1]}` : (chars[0] ?? '');
}
