/**
 * How printed documents write numbers, money and dates in Thai: Buddhist Era years, Thai month names, Bangkok time,
 * thousands separators. Written out here rather than taken from Intl, so a worker built without full ICU prints the
 * same report.
 */

const BANGKOK_OFFSET_MS = 7 * 60 * 60 * 1000;
const BE_OFFSET = 543;

export const THAI_MONTHS = [
  'มกราคม',
  'กุมภาพันธ์',
  'มีนาคม',
  'เมษายน',
  'พฤษภาคม',
  'มิถุนายน',
  'กรกฎาคม',
  'สิงหาคม',
  'กันยายน',
  'ตุลาคม',
  'พฤศจิกายน',
  'ธันวาคม',
] as const;

export const THAI_MONTHS_SHORT = [
  'ม.ค.',
  'ก.พ.',
  'มี.ค.',
  'เม.ย.',
  'พ.ค.',
  'มิ.ย.',
  'ก.ค.',
  'ส.ค.',
  'ก.ย.',
  'ต.ค.',
  'พ.ย.',
  'ธ.ค.',
] as const;

const parts = (day: string) => {
  const [year, month, date] = day.split('-').map(Number);
  return { year: year!, month: month!, date: date! };
};

/** `2026-12-07` → `7 ธันวาคม 2569`. */
export function thaiDate(day: string): string {
  const { year, month, date } = parts(day);
  return `${date} ${THAI_MONTHS[month - 1]} ${year + BE_OFFSET}`;
}

/** `2026-12-07` → `7 ธ.ค. 69` (short, as Thai tables write dates). */
export function thaiShortDate(day: string): string {
  const { year, month, date } = parts(day);
  return `${date} ${THAI_MONTHS_SHORT[month - 1]} ${String(year + BE_OFFSET).slice(-2)}`;
}

/** `2026-12-01` → `ธ.ค. 69` (a month on a chart's axis). */
export function thaiMonthLabel(day: string): string {
  const { year, month } = parts(day);
  return `${THAI_MONTHS_SHORT[month - 1]} ${String(year + BE_OFFSET).slice(-2)}`;
}

/** A range of days in Thai: `1 ตุลาคม 2569 – 30 กันยายน 2570`; one day alone when both are the same. */
export function thaiDateRange(from: string, to: string): string {
  return from === to ? thaiDate(from) : `${thaiDate(from)} – ${thaiDate(to)}`;
}

/** An instant as its Bangkok date and time: `7 ธันวาคม 2569 เวลา 11:21 น.`. */
export function thaiDateTime(instant: string | Date): string {
  const bangkok = new Date(new Date(instant).getTime() + BANGKOK_OFFSET_MS).toISOString();
  return `${thaiDate(bangkok.slice(0, 10))} เวลา ${bangkok.slice(11, 16)} น.`;
}

/** `2026-12-07` → `7 December 2026`. */
export function englishDate(day: string): string {
  const { year, month, date } = parts(day);
  const name = new Date(Date.UTC(2000, month - 1, 1)).toLocaleString('en-GB', {
    month: 'long',
    timeZone: 'UTC',
  });
  return `${date} ${name} ${year}`;
}

/** A whole or decimal number with thousands separators (`1,234`, `4.33`); `–` for none. */
export function thaiNumber(value: number | null | undefined, decimals = 0): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  const fixed = Math.abs(value).toFixed(decimals);
  const [whole, fraction] = fixed.split('.');
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${value < 0 ? '-' : ''}${grouped}${fraction ? `.${fraction}` : ''}`;
}

/** Baht text as the API keeps it (`"497000.00"`) with separators: `497,000.00`. Exact: never a float. */
export function bahtAmount(text: string): string {
  const negative = text.startsWith('-');
  const [whole, fraction = '00'] = (negative ? text.slice(1) : text).split('.');
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${grouped}.${fraction.padEnd(2, '0').slice(0, 2)}`;
}

/** A share in per cent with one decimal, `–` when the whole is zero. */
export function percentOf(part: number, whole: number): string {
  if (whole <= 0) return '–';
  return `${thaiNumber((100 * part) / whole, 1)}%`;
}
