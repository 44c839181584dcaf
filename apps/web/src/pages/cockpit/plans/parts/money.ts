/**
 * Baht with satang, exactly as the API keeps them: amounts travel as decimal text ("497000.00") and never pass
 * through a binary float here either. People type them as they write them ("497,000", "1250.5", "฿ 3,000.00").
 */

/** What the API accepts: up to 12 digits of baht and up to 2 of satang (libs/cockpit/src/plans/money.ts). */
const TYPED = /^([0-9]+)(?:\.([0-9]{1,2}))?$/;
const MAX_BAHT_DIGITS = 12;

/**
 * The amount a person typed as the API's text with two decimals ("497000.00"), or null when it is not an amount
 * of baht ≥ 0 with at most two satang digits. Spaces, thousands separators and a baht sign are allowed.
 */
export function parseBaht(typed: string): string | null {
  const text = typed.replace(/[\s,฿]/g, '').replace(/บาท$/, '');
  const match = TYPED.exec(text);
  if (!match) return null;
  const baht = match[1]!.replace(/^0+(?=[0-9])/, '');
  if (baht.length > MAX_BAHT_DIGITS) return null;
  return `${baht}.${(match[2] ?? '').padEnd(2, '0')}`;
}

/** "497000.00" → "497,000.00": thousands separators on the baht, the satang as they are. */
export function groupBaht(text: string): string {
  const [baht = '0', satang = '00'] = text.split('.');
  const negative = baht.startsWith('-');
  const digits = negative ? baht.slice(1) : baht;
  const grouped = digits.replace(/\B(?=([0-9]{3})+(?![0-9]))/g, ',');
  return `${negative ? '-' : ''}${grouped}.${satang.padEnd(2, '0').slice(0, 2)}`;
}

/** Satang as a whole number (exact below 2^53: the API's ceiling is 99,999,999,999,999 satang). */
export function bahtToSatang(text: string): number {
  const [baht = '0', satang = '00'] = text.split('.');
  return Number(baht) * 100 + Number(satang.padEnd(2, '0').slice(0, 2));
}
