import { buckets, previousPeriod, resolvePeriod, segments } from './periods';

describe('cockpit periods', () => {
  it('defaults to the fiscal year to date and compares with the same length before it', () => {
    const period = resolvePeriod(undefined, undefined, '2026-12-07');
    expect(period).toEqual({ from: '2026-10-01', to: '2026-12-07' });
    expect(previousPeriod(period)).toEqual({ from: '2026-07-25', to: '2026-09-30' });
    expect(resolvePeriod(undefined, '2026-09-30')).toEqual({ from: '2025-10-01', to: '2026-09-30' });
  });

  it('reads a range as the days before the first whole month, whole months, and the days after', () => {
    expect(segments({ from: '2026-10-01', to: '2027-09-30' })).toEqual([
      { grain: 'm', from: '2026-10-01', to: '2027-09-01' },
    ]);
    expect(segments({ from: '2026-10-15', to: '2026-12-07' })).toEqual([
      { grain: 'd', from: '2026-10-15', to: '2026-10-31' },
      { grain: 'm', from: '2026-11-01', to: '2026-11-01' },
      { grain: 'd', from: '2026-12-01', to: '2026-12-07' },
    ]);
    expect(segments({ from: '2026-10-15', to: '2026-11-20' })).toEqual([
      { grain: 'd', from: '2026-10-15', to: '2026-11-20' },
    ]);
    expect(segments({ from: '2024-02-01', to: '2024-02-29' })).toEqual([
      { grain: 'm', from: '2024-02-01', to: '2024-02-01' },
    ]);
  });

  it('cuts time series into Monday weeks, months and Buddhist Era fiscal years', () => {
    expect(buckets('week', { from: '2026-12-02', to: '2026-12-15' }).map((b) => [b.t, b.to])).toEqual([
      ['2026-12-02', '2026-12-06'],
      ['2026-12-07', '2026-12-13'],
      ['2026-12-14', '2026-12-15'],
    ]);
    expect(buckets('fiscalYear', { from: '2025-09-15', to: '2026-10-02' })).toEqual([
      { t: '2025-09-15', from: '2025-09-15', to: '2025-09-30', fiscalYear: 2568 },
      { t: '2025-10-01', from: '2025-10-01', to: '2026-09-30', fiscalYear: 2569 },
      { t: '2026-10-01', from: '2026-10-01', to: '2026-10-02', fiscalYear: 2570 },
    ]);
    expect(buckets('month', { from: '2026-11-20', to: '2027-01-05' }).map((b) => b.t)).toEqual([
      '2026-11-20',
      '2026-12-01',
      '2027-01-01',
    ]);
  });

  it('refuses dates that are not on the calendar and ranges that run backwards or too long', () => {
    expect(() => resolvePeriod('2026-02-29', '2026-03-01')).toThrow(/YYYY-MM-DD/);
    expect(() => resolvePeriod('2026-12-02', '2026-12-01')).toThrow();
    expect(() => resolvePeriod('2010-01-01', '2026-12-01')).toThrow();
    expect(() => buckets('day', { from: '2020-01-01', to: '2026-01-01' })).toThrow(/1000/);
  });
});
