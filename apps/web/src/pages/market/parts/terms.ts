import { TFunction } from 'i18next';
import { CataloguePerkResponse } from '../../../api/generated/model';
import { formatDate } from '../../../format/format';

type PerkRules = Pick<CataloguePerkResponse, 'fulfilment' | 'perMemberLimit' | 'limitPeriod' | 'validUntil'>;

/** "1 ครั้งต่อเดือน" / "1 a month", or null when a member may redeem without limit. */
export function limitRule(perk: PerkRules, t: TFunction<'market'>): string | null {
  if (perk.perMemberLimit === null) return null;
  return t(`perk.limitRule.${perk.limitPeriod}`, { count: perk.perMemberLimit });
}

/** The conditions a member agrees to when redeeming, shown on the perk page and in the confirmation. */
export function perkTerms(perk: PerkRules, t: TFunction<'market'>, language: string): string[] {
  const terms = [t('perk.term.points')];
  terms.push(perk.fulfilment === 'manual' ? t('perk.term.manual') : t('perk.term.code'));
  const rule = limitRule(perk, t);
  if (rule) terms.push(t('perk.term.limit', { rule }));
  if (perk.validUntil) terms.push(t('perk.term.validUntil', { date: formatDate(perk.validUntil, language) }));
  return terms;
}

/** A fresh Idempotency-Key: a UUID (crypto.randomUUID needs a secure context; the fallback covers plain http). */
export function newIdempotencyKey(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
