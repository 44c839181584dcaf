import { describe, expect, it } from 'vitest';
import { perkBlockers, pointsShort } from './eligibility';

const open = {
  status: 'live' as const,
  open: true,
  validFrom: null,
  validUntil: null,
  stockLeft: 5,
  eligible: true,
  myRemaining: 1,
  cost: 100,
};
const now = new Date('2026-12-06T00:00:00Z');

describe('perkBlockers', () => {
  it('has nothing to say when the member can redeem', () => {
    expect(perkBlockers(open, 100, now)).toEqual([]);
  });

  it('lists every reason, the most fundamental first', () => {
    expect(
      perkBlockers(
        { ...open, status: 'ended', open: false, stockLeft: 0, eligible: false, myRemaining: 0 },
        10,
        now,
      ),
    ).toEqual(['ended', 'soldOut', 'notEligible', 'limit', 'points']);
  });

  it('tells a perk that opens later from one that has ended', () => {
    expect(perkBlockers({ ...open, open: false, validFrom: '2026-12-20T00:00:00Z' }, 100, now)).toEqual([
      'notStarted',
    ]);
    expect(perkBlockers({ ...open, open: false, validUntil: '2026-12-01T00:00:00Z' }, 100, now)).toEqual([
      'ended',
    ]);
  });

  it('treats unlimited stock and no limit as no obstacle, and unknown points as not yet known', () => {
    expect(perkBlockers({ ...open, stockLeft: null, myRemaining: null }, undefined, now)).toEqual([]);
  });

  it('counts the points still missing', () => {
    expect(pointsShort(250, 100)).toBe(150);
    expect(pointsShort(250, 300)).toBe(0);
    expect(pointsShort(250, undefined)).toBe(0);
  });
});
