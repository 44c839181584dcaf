import { addDays, EPOCH, fiscalYearStartOf, monthStart } from './periods';
import { cover, FAR_FUTURE, plan, Span } from './spans';

/** A day-by-day series and its sums per month, fiscal year and in all, as the rollups keep them. */
function rollupsOf(values: Map<string, number>) {
  const grains = { d: new Map<string, number>(), m: new Map<string, number>(), y: new Map<string, number>() };
  let total = 0;
  for (const [day, value] of values) {
    const add = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + value);
    add(grains.d, day);
    add(grains.m, monthStart(day));
    add(grains.y, fiscalYearStartOf(day).start);
    total += value;
  }
  return (span: Span) => {
    if (span.grain === 't') return span.sign * total;
    let sum = 0;
    for (const [period, value] of grains[span.grain])
      if (period >= span.from && period <= span.to) sum += value;
    return span.sign * sum;
  };
}

describe('cockpit spans', () => {
  it('reads a fiscal year to date as its year row less the days and months after it', () => {
    expect(plan({ from: '2026-10-01', to: '2026-12-07' }, '2026-12-07')).toEqual([
      { grain: 'y', from: '2026-10-01', to: '2026-10-01', sign: 1 },
      { grain: 'd', from: '2026-12-08', to: '2026-12-31', sign: -1 },
      { grain: 'm', from: '2027-01-01', to: '2027-09-01', sign: -1 },
    ]);
  });

  it('reads a stock at today as the all-time row less what comes after', () => {
    expect(plan({ from: EPOCH, to: '2026-12-07' }, '2026-12-07')).toEqual([
      { grain: 't', from: EPOCH, to: FAR_FUTURE, sign: 1 },
      { grain: 'd', from: '2026-12-08', to: '2026-12-31', sign: -1 },
      { grain: 'm', from: '2027-01-01', to: '2027-09-01', sign: -1 },
      { grain: 'y', from: '2027-10-01', to: FAR_FUTURE, sign: -1 },
    ]);
  });

  it('covers a range with whole fiscal years, whole months and days', () => {
    expect(cover('2024-09-15', '2026-11-03')).toEqual([
      { grain: 'd', from: '2024-09-15', to: '2024-09-30', sign: 1 },
      { grain: 'y', from: '2024-10-01', to: '2025-10-01', sign: 1 },
      { grain: 'm', from: '2026-10-01', to: '2026-10-01', sign: 1 },
      { grain: 'd', from: '2026-11-01', to: '2026-11-03', sign: 1 },
    ]);
  });

  it('adds up to exactly the days of any range, whatever the data and the horizon', () => {
    // Four years of data, some days negative (reversals), read at several horizons.
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648) * 2 - 0.5;
    const values = new Map<string, number>();
    for (let day = '2023-06-01'; day <= '2027-05-31'; day = addDays(day, 1))
      values.set(day, Math.round(random() * 10));
    const read = rollupsOf(values);
    const direct = (from: string, to: string) =>
      [...values].reduce((sum, [day, value]) => (day >= from && day <= to ? sum + value : sum), 0);
    for (let i = 0; i < 150; i++) {
      const from = addDays('2023-01-01', Math.floor(Math.abs(random()) * 1800) % 1800);
      const to = addDays(from, Math.floor(Math.abs(random()) * 900) % 900);
      const horizon = addDays('2024-01-01', Math.floor(Math.abs(random()) * 1500) % 1500);
      for (const range of [
        { from, to },
        { from: EPOCH, to },
      ]) {
        const spans = plan(range, horizon);
        expect([range, spans.reduce((sum, span) => sum + read(span), 0)]).toEqual([
          range,
          direct(range.from, range.to),
        ]);
      }
    }
  });
});
