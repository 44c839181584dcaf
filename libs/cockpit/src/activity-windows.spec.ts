import { changesOf, newlyCoveredEnds } from './activity-windows';
import { addDays } from './periods';

describe('active-member windows', () => {
  it('a first activity makes the member active on that day and the window − 1 days after', () => {
    expect(newlyCoveredEnds([], ['2026-12-01'], 3)).toEqual(['2026-12-01', '2026-12-02', '2026-12-03']);
  });

  it('a later day adds only the ends the earlier days did not cover', () => {
    expect(newlyCoveredEnds(['2026-12-01'], ['2026-12-02'], 3)).toEqual(['2026-12-04']);
    expect(newlyCoveredEnds(['2026-12-01'], ['2026-12-10'], 3)).toEqual([
      '2026-12-10',
      '2026-12-11',
      '2026-12-12',
    ]);
  });

  it('counts each end once whatever order the days arrive in', () => {
    const inOrder = [
      ...newlyCoveredEnds([], ['2026-12-01'], 7),
      ...newlyCoveredEnds(['2026-12-01'], ['2026-12-05'], 7),
    ].sort();
    const reversed = [
      ...newlyCoveredEnds([], ['2026-12-05'], 7),
      ...newlyCoveredEnds(['2026-12-05'], ['2026-12-01'], 7),
    ].sort();
    const together = newlyCoveredEnds([], ['2026-12-05', '2026-12-01'], 7).sort();
    expect(inOrder).toEqual(reversed);
    expect(together).toEqual(inOrder);
    expect(inOrder).toHaveLength(11); // 1 to 11 December
  });

  it('adds nothing for a day already recorded', () => {
    expect(newlyCoveredEnds(['2026-12-01'], ['2026-12-01'], 30)).toEqual([]);
  });
});

describe('changesOf', () => {
  it('writes a run of days as +1 on its first day and −1 the day after its last', () => {
    expect(changesOf(['2026-12-03', '2026-12-01', '2026-12-02', '2026-12-02'])).toEqual([
      { day: '2026-12-01', delta: 1 },
      { day: '2026-12-04', delta: -1 },
    ]);
  });

  it('keeps separate runs apart, across the end of a month', () => {
    expect(changesOf(['2026-11-30', '2026-12-01', '2026-12-05'])).toEqual([
      { day: '2026-11-30', delta: 1 },
      { day: '2026-12-02', delta: -1 },
      { day: '2026-12-05', delta: 1 },
      { day: '2026-12-06', delta: -1 },
    ]);
  });

  it('sums back to the count on every day', () => {
    const days = newlyCoveredEnds([], ['2026-12-01', '2026-12-20'], 7);
    const changes = changesOf(days);
    let running = 0;
    for (let offset = 0; offset < 40; offset++) {
      const day = addDays('2026-11-30', offset);
      running += changes.filter((change) => change.day === day).reduce((sum, c) => sum + c.delta, 0);
      expect(running).toBe(days.includes(day) ? 1 : 0);
    }
  });

  it('is empty for no days', () => {
    expect(changesOf([])).toEqual([]);
  });
});
