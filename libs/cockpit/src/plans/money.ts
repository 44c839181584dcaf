/**
 * Baht with satang, exactly: amounts travel as decimal text ("497000.00") and are kept as whole satang (1 baht =
 * 100 satang), so no amount ever passes through a binary float. The API also takes a JSON number when its
 * shortest decimal form is such an amount (497000, 1250.5), which is how a person types it.
 */

/** Up to 12 digits of baht (under a trillion) and up to 2 of satang, no sign, no leading zeros. */
const BAHT_TEXT = /^(0|[1-9][0-9]{0,11})(\.[0-9]{1,2})?$/;

/** The largest amount accepted, in satang: 999,999,999,999.99 baht (below 2^53, so exact as a JS number). */
export const MAX_SATANG = 99_999_999_999_999;

/** The decimal text of a baht amount as given, or null when it is not one (negative, too precise, not a number). */
export function bahtText(value: unknown): string | null {
  const text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : value;
  return typeof text === 'string' && BAHT_TEXT.test(text) ? text : null;
}

/** A baht amount (text or number, as bahtText accepts) in whole satang; throws on anything else. */
export function bahtToSatang(value: unknown): number {
  const text = bahtText(value);
  if (text === null) throw new RangeError(`Not an amount of baht: ${String(value)}`);
  const [baht, satang = ''] = text.split('.');
  return Number(baht) * 100 + Number(satang.padEnd(2, '0'));
}

/** Whole satang (a number, or the text PostgreSQL gives for bigint and numeric sums) as baht text: "497000.00". */
export function satangToBaht(satang: number | string | bigint): string {
  const value = BigInt(satang);
  const negative = value < 0n;
  const magnitude = negative ? -value : value;
  const text = `${magnitude / 100n}.${(magnitude % 100n).toString().padStart(2, '0')}`;
  return negative ? `-${text}` : text;
}
