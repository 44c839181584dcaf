/**
 * Small helpers of the growth pages (badges, portfolio, ID PLAN, evidence): the Thai or English half of a bilingual
 * value, and the Thai fiscal year (ปีงบประมาณ, Buddhist Era) a moment falls in.
 */
import { ApiError } from '../../api/http';

/** The Thai or English text of a `{th, en}` value, as the reader's language says. */
export function pick(value: { th: string; en: string } | null | undefined, language: string): string {
  if (!value) return '';
  return language === 'en' ? value.en : value.th;
}

/**
 * The fiscal year, Buddhist Era, of a moment in Bangkok: it starts on 1 October, so 1 Oct 2026 – 30 Sep 2027 is
 * 2570. Computed in Bangkok time because the night of 30 Sep UTC is already October there.
 */
export function fiscalYearOf(now: Date = new Date()): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Bangkok',
    year: 'numeric',
    month: 'numeric',
  }).formatToParts(now);
  const year = Number(parts.find((part) => part.type === 'year')?.value);
  const month = Number(parts.find((part) => part.type === 'month')?.value);
  return year + 543 + (month >= 10 ? 1 : 0);
}

/** The problem code of a failed call (RECOGNITION_PORTFOLIO_PRIVATE, …), or its status when it has none. */
export function failureOf(error: unknown): { status: number; code?: string } | null {
  if (error instanceof ApiError) return { status: error.status, code: error.code };
  return null;
}

/**
 * A badge picture's address as this app loads it: the API names pictures by its public address (also written in the
 * credentials); when that is one of ours (`/api/v1/badges/<code>/image.svg`), the path alone is used, so the picture
 * comes from the origin that served the app whatever the public address is set to.
 */
export function badgeImageSrc(url: string | null | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url, 'http://localhost');
    return /^\/api\/v1\/badges\/[a-z0-9_]+\/image\.svg$/.test(parsed.pathname) ? parsed.pathname : url;
  } catch {
    return undefined;
  }
}
