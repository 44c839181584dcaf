/**
 * Dates, times and numbers as people read them: in Thai the Buddhist Era and Bangkok time ("2 ธ.ค. 2569 14:30"),
 * in English the Gregorian calendar ("2 Dec 2026, 14:30"), also in Bangkok time. Stored values are UTC ISO strings.
 */
export const BANGKOK = 'Asia/Bangkok';

function localeOf(language: string): string {
  return language === 'en' ? 'en-GB' : 'th-TH-u-ca-buddhist';
}

function toDate(value: string | number | Date): Date | null {
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

export function formatDateTime(value: string | number | Date | null | undefined, language: string): string {
  const date = value == null ? null : toDate(value);
  if (!date) return '';
  return new Intl.DateTimeFormat(localeOf(language), {
    timeZone: BANGKOK,
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(date);
}

export function formatDate(value: string | number | Date | null | undefined, language: string): string {
  const date = value == null ? null : toDate(value);
  if (!date) return '';
  return new Intl.DateTimeFormat(localeOf(language), {
    timeZone: BANGKOK,
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  }).format(date);
}

/** "3 นาทีที่แล้ว" / "3 minutes ago" for the last week, then the date. */
export function formatRelative(
  value: string | number | Date | null | undefined,
  language: string,
  now: Date = new Date(),
): string {
  const date = value == null ? null : toDate(value);
  if (!date) return '';
  const difference = Math.round((date.getTime() - now.getTime()) / 1000);
  // A moment just written by the server can be a little ahead of this device's clock: it is "now", never "in 17 s".
  const seconds = difference > 0 && difference < 60 ? 0 : difference;
  const formatter = new Intl.RelativeTimeFormat(language === 'en' ? 'en' : 'th', { numeric: 'auto' });
  const abs = Math.abs(seconds);
  if (abs < 60) return formatter.format(seconds, 'second');
  if (abs < 3600) return formatter.format(Math.round(seconds / 60), 'minute');
  if (abs < 86_400) return formatter.format(Math.round(seconds / 3600), 'hour');
  if (abs < 7 * 86_400) return formatter.format(Math.round(seconds / 86_400), 'day');
  return formatDate(date, language);
}

/** Points and counts with thousands separators: 12,345. */
export function formatNumber(value: number | string | null | undefined, language: string): string {
  const number = typeof value === 'string' ? Number(value) : value;
  if (number == null || !Number.isFinite(number)) return '';
  return new Intl.NumberFormat(language === 'en' ? 'en-US' : 'th-TH', { maximumFractionDigits: 2 }).format(
    number,
  );
}

export function formatBaht(value: number | string | null | undefined, language: string): string {
  const number = typeof value === 'string' ? Number(value) : value;
  if (number == null || !Number.isFinite(number)) return '';
  return new Intl.NumberFormat(language === 'en' ? 'en-US' : 'th-TH', {
    style: 'currency',
    currency: 'THB',
    maximumFractionDigits: 0,
  }).format(number);
}

/** What a person typed in a datetime-local field, read as Bangkok time: "2026-12-20T09:00" → "2026-12-20T09:00:00+07:00". */
export function bangkokInstant(local: string): string {
  return `${local.length === 16 ? `${local}:00` : local}+07:00`;
}
