import { addTrendingActivity, bayesianScore, competencyProfile, NO_ACTIVITY, schoolTerm } from './scoring';

describe('bayesianScore', () => {
  it('starts at the prior and does not let a few perfect ratings beat many good ones', () => {
    expect(bayesianScore(0, 0)).toBe(3);
    const threeFives = bayesianScore(3, 15);
    const fiftyGood = bayesianScore(50, 230);
    expect(threeFives).toBeLessThan(fiftyGood);
    expect(bayesianScore(1000, 5000)).toBeCloseTo(5, 1);
  });
});

describe('trending', () => {
  const day = 24 * 3600 * 1000;
  const at = (days: number) => new Date(Date.UTC(2026, 10, 1) + days * day);
  const decayed = (events: [number, number][], now: number) =>
    events.reduce((sum, [w, t]) => sum + w * Math.pow(0.5, (now - t) / 3), 0);

  it('orders items as their activity decayed to any later moment would', () => {
    const a: [number, number][] = [[10, 0]];
    const b: [number, number][] = [
      [2, 6],
      [2, 7],
    ];
    const key = (events: [number, number][]) =>
      events.reduce((k, [w, t]) => addTrendingActivity(k, w, at(t)), NO_ACTIVITY);
    for (const now of [8, 20, 100]) {
      expect(key(a) > key(b)).toBe(decayed(a, now) > decayed(b, now));
    }
    expect(key(b)).toBeGreaterThan(key(a));
  });

  it('adds up activity at the same moment', () => {
    const once = addTrendingActivity(NO_ACTIVITY, 4, at(1));
    const twice = addTrendingActivity(addTrendingActivity(NO_ACTIVITY, 2, at(1)), 2, at(1));
    expect(twice).toBeCloseTo(once, 10);
  });
});

describe('schoolTerm', () => {
  it.each([
    ['2026-05-16', '2569-1'],
    ['2026-10-31', '2569-1'],
    ['2026-11-01', '2569-2'],
    ['2027-03-15', '2569-2'],
    ['2027-04-30', '2569-2'],
  ])('%s is term %s', (date, term) => {
    expect(schoolTerm(new Date(`${date}T00:00:00Z`))).toBe(term);
  });
});

describe('competencyProfile', () => {
  it('weighs the declaration as two ratings and reports confidence from evidence', () => {
    const [level] = competencyProfile(
      [{ code: 'CBC-HT', declaredStrength: 1, raterSum: 10, raterCount: 2 }],
      3,
    );
    expect(level).toEqual({
      code: 'CBC-HT',
      declaredStrength: 1,
      raterAverage: 5,
      raterCount: 2,
      level: 3,
      confidence: 0.5,
    });
  });
});
