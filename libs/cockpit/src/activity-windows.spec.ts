import { newlyCoveredEnds } from './activity-windows';

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
