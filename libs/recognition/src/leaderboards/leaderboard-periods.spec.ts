import { currentPeriods, periodOf } from './leaderboard-periods';

/** Bangkok wall-clock time → the UTC instant. */
const bangkok = (iso: string) => new Date(`${iso}+07:00`);

describe('leaderboard periods (Bangkok time)', () => {
  it('starts the ISO week on Monday midnight in Bangkok, also when it is still Sunday in UTC', () => {
    // Monday 00:30 in Bangkok is Sunday 17:30 UTC.
    const week = periodOf('week', bangkok('2026-12-07T00:30:00'));
    expect([week.id, week.from, week.to]).toEqual([
      'w20261207',
      bangkok('2026-12-07T00:00:00'),
      bangkok('2026-12-14T00:00:00'),
    ]);
    expect(periodOf('week', bangkok('2026-12-06T23:59:00')).id).toBe('w20261130');
  });

  it('takes the calendar month and the fiscal year (1 October – 30 September, named in the Buddhist Era)', () => {
    const month = periodOf('month', bangkok('2026-12-31T23:00:00'));
    expect([month.id, month.from, month.to]).toEqual([
      'm202612',
      bangkok('2026-12-01T00:00:00'),
      bangkok('2027-01-01T00:00:00'),
    ]);
    const fy = periodOf('fiscalYear', bangkok('2026-10-01T00:00:00'));
    expect([fy.id, fy.from, fy.to]).toEqual([
      'f2570',
      bangkok('2026-10-01T00:00:00'),
      bangkok('2027-10-01T00:00:00'),
    ]);
    expect(periodOf('fiscalYear', bangkok('2026-09-30T23:59:00')).id).toBe('f2569');
  });

  it('follows the Thai school terms, and shows the last term between terms', () => {
    const first = periodOf('term', bangkok('2026-05-16T00:00:00'));
    expect([first.id, first.from, first.to]).toEqual([
      't20261',
      bangkok('2026-05-16T00:00:00'),
      bangkok('2026-11-01T00:00:00'),
    ]);
    const second = periodOf('term', bangkok('2027-01-15T12:00:00'));
    expect([second.id, second.from, second.to]).toEqual([
      't20262',
      bangkok('2026-11-01T00:00:00'),
      bangkok('2027-04-01T00:00:00'),
    ]);
    // The break (1 April – 15 May): still term 2 of the year before, kept until term 1 starts.
    const onBreak = periodOf('term', bangkok('2027-05-15T23:00:00'));
    expect(onBreak.id).toBe('t20262');
    expect(onBreak.expiresAt! * 1000).toBeGreaterThan(bangkok('2027-05-16T00:00:00').getTime());
  });

  it('lets keys of a period go after the next one starts, and never for all time', () => {
    const periods = currentPeriods(bangkok('2026-12-09T10:00:00'));
    expect(periods.map((p) => p.code)).toEqual(['week', 'month', 'term', 'fiscalYear', 'all']);
    for (const period of periods.slice(0, 4))
      expect(period.expiresAt! * 1000).toBeGreaterThan(period.to!.getTime());
    expect(periods[4]).toMatchObject({ id: 'all', from: null, to: null, expiresAt: null });
  });
});
