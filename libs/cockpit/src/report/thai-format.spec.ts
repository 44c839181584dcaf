import { niceScale } from './area-report.charts';
import {
  bahtAmount,
  percentOf,
  thaiDate,
  thaiDateRange,
  thaiDateTime,
  thaiMonthLabel,
  thaiNumber,
  thaiShortDate,
} from '@lc/core';

describe('Thai dates and numbers of printed reports', () => {
  it('writes days in the Buddhist Era with Thai month names', () => {
    expect(thaiDate('2026-10-01')).toBe('1 ตุลาคม 2569');
    expect(thaiShortDate('2027-09-30')).toBe('30 ก.ย. 70');
    expect(thaiMonthLabel('2027-01-01')).toBe('ม.ค. 70');
    expect(thaiDateRange('2026-10-01', '2027-09-30')).toBe('1 ตุลาคม 2569 – 30 กันยายน 2570');
    expect(thaiDateRange('2027-02-01', '2027-02-01')).toBe('1 กุมภาพันธ์ 2570');
  });

  it('shows an instant in Bangkok time: 23:30 UTC is the next day', () => {
    expect(thaiDateTime('2026-12-31T23:30:00Z')).toBe('1 มกราคม 2570 เวลา 06:30 น.');
  });

  it('groups thousands, keeps baht exact and says when there is nothing', () => {
    expect(thaiNumber(497000)).toBe('497,000');
    expect(thaiNumber(-1234.5, 1)).toBe('-1,234.5');
    expect(thaiNumber(null)).toBe('–');
    expect(bahtAmount('497000.00')).toBe('497,000.00');
    expect(bahtAmount('999999999999.99')).toBe('999,999,999,999.99');
    expect(bahtAmount('0.5')).toBe('0.50');
    expect(percentOf(700, 800)).toBe('87.5%');
    expect(percentOf(3, 0)).toBe('–');
  });

  it('puts chart axes on whole, round steps', () => {
    expect(niceScale(9)).toEqual({ top: 10, step: 5 });
    expect(niceScale(645)).toEqual({ top: 800, step: 200 });
    expect(niceScale(2)).toEqual({ top: 2, step: 1 });
    expect(niceScale(0)).toEqual({ top: 4, step: 1 });
  });
});
