import { bangkokDay, fiscalYear, fiscalYearOf } from './fiscal-year';

describe('Thai fiscal years', () => {
  it('names ปีงบประมาณ 2570 for 1 October 2026 to 30 September 2027, Bangkok time', () => {
    const fy = fiscalYear(2570);
    expect(fy.start.toISOString()).toBe('2026-09-30T17:00:00.000Z');
    expect(fy.end.toISOString()).toBe('2027-09-30T17:00:00.000Z');
    expect(fy.th).toBe('ปีงบประมาณ 2570');
  });

  it('puts an instant in the fiscal year of its Bangkok date', () => {
    // 30 September 2026, 23:30 in Bangkok: still 2569; half an hour later: 2570.
    expect(fiscalYearOf(new Date('2026-09-30T16:30:00Z')).year).toBe(2569);
    expect(fiscalYearOf(new Date('2026-09-30T17:00:00Z')).year).toBe(2570);
    expect(fiscalYearOf(new Date('2027-03-01T00:00:00Z')).year).toBe(2570);
  });

  it('keys a day by its Bangkok date', () => {
    expect(bangkokDay(new Date('2026-12-06T17:30:00Z'))).toBe('2026-12-07');
    expect(bangkokDay(new Date('2026-12-06T16:59:59Z'))).toBe('2026-12-06');
  });
});
