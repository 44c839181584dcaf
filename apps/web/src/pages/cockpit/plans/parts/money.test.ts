import { describe, expect, it } from 'vitest';
import { fiscalYearDays, fiscalYearOf } from './fiscalYear';
import { groupBaht, parseBaht } from './money';

describe('baht as exact text', () => {
  it('takes amounts as people type them and gives the API two satang digits', () => {
    expect(parseBaht('497000')).toBe('497000.00');
    expect(parseBaht('497,000.5')).toBe('497000.50');
    expect(parseBaht(' ฿ 1,250.05 ')).toBe('1250.05');
    expect(parseBaht('0')).toBe('0.00');
    expect(parseBaht('007.1')).toBe('7.10');
    expect(parseBaht('999999999999.99')).toBe('999999999999.99');
    // 0.1 + 0.2 never happens: the digits are kept as they were typed.
    expect(parseBaht('0.30')).toBe('0.30');
  });

  it('refuses what is not an amount of baht', () => {
    for (const typed of ['', '-5', '1.234', '1e3', 'abc', '1,000.', '.5', '1000000000000'])
      expect(parseBaht(typed)).toBeNull();
  });

  it('groups thousands and keeps the satang', () => {
    expect(groupBaht('497000.00')).toBe('497,000.00');
    expect(groupBaht('1234567.5')).toBe('1,234,567.50');
    expect(groupBaht('999.99')).toBe('999.99');
  });
});

describe('fiscal years', () => {
  it('runs 1 October to 30 September and is named in the Buddhist Era, by Bangkok time', () => {
    expect(fiscalYearDays(2570)).toEqual({ first: '2026-10-01', last: '2027-09-30' });
    expect(fiscalYearOf(new Date('2026-09-30T16:59:59Z'))).toBe(2569);
    expect(fiscalYearOf(new Date('2026-09-30T17:00:00Z'))).toBe(2570);
    expect(fiscalYearOf(new Date('2027-09-30T12:00:00Z'))).toBe(2570);
  });
});
