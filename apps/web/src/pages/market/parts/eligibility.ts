/**
 * Why a member cannot redeem a perk right now, most fundamental first: closed (ended, paused, not yet open), sold
 * out, not for this member (area or member-kind rules), the per-member limit reached, not enough spendable points.
 * The server decides for real; this is what the page explains before anyone taps.
 */
import { CataloguePerkResponse } from '../../../api/generated/model';

export type Blocker = 'notStarted' | 'ended' | 'soldOut' | 'notEligible' | 'limit' | 'points';

type PerkFacts = Pick<
  CataloguePerkResponse,
  'status' | 'open' | 'validFrom' | 'validUntil' | 'stockLeft' | 'eligible' | 'myRemaining' | 'cost'
>;

export function perkBlockers(perk: PerkFacts, spendable: number | undefined, now = new Date()): Blocker[] {
  const blockers: Blocker[] = [];
  const startsLater = !!perk.validFrom && new Date(perk.validFrom).getTime() > now.getTime();
  const endedByDate = !!perk.validUntil && new Date(perk.validUntil).getTime() <= now.getTime();
  if (perk.status === 'live' && startsLater && !endedByDate) blockers.push('notStarted');
  else if (perk.status !== 'live' || endedByDate || !perk.open) blockers.push('ended');
  if (perk.stockLeft !== null && perk.stockLeft <= 0) blockers.push('soldOut');
  if (!perk.eligible) blockers.push('notEligible');
  if (perk.myRemaining !== null && perk.myRemaining <= 0) blockers.push('limit');
  if (spendable !== undefined && spendable < perk.cost) blockers.push('points');
  return blockers;
}

/** Points still missing to afford the perk (0 when affordable or unknown). */
export function pointsShort(cost: number, spendable: number | undefined): number {
  return spendable === undefined ? 0 : Math.max(0, cost - spendable);
}
