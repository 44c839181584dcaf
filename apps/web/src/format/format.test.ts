import { bangkokInstant, formatDate, formatDateTime, formatNumber, formatRelative } from './format';

describe('dates and numbers as people read them', () => {
  it('writes Thai dates in the Buddhist Era and Bangkok time', () => {
    expect(formatDateTime('2026-12-02T07:30:00Z', 'th')).toBe('2 ธ.ค. 2569 14:30');
    // 20:00 UTC on 31 December is already New Year's Day in Bangkok.
    expect(formatDate('2026-12-31T20:00:00Z', 'th')).toBe('1 ม.ค. 2570');
  });

  it('writes English dates in the Gregorian calendar, still Bangkok time', () => {
    expect(formatDateTime('2026-12-02T07:30:00Z', 'en')).toBe('2 Dec 2026, 14:30');
  });

  it('puts thousands separators in points', () => {
    expect(formatNumber(1234567, 'th')).toBe('1,234,567');
    expect(formatNumber('25000', 'en')).toBe('25,000');
    expect(formatNumber(undefined, 'th')).toBe('');
  });

  it('says how long ago in the reader language', () => {
    const now = new Date('2026-12-02T07:30:00Z');
    expect(formatRelative('2026-12-02T07:27:00Z', 'th', now)).toBe('3 นาทีที่ผ่านมา');
    expect(formatRelative('2026-12-02T07:27:00Z', 'en', now)).toBe('3 minutes ago');
    expect(formatRelative('2026-11-01T07:30:00Z', 'th', now)).toBe('1 พ.ย. 2569');
  });

  it('says "now" for a moment slightly ahead of this device clock, but keeps real future times', () => {
    const now = new Date('2026-12-02T07:30:00Z');
    expect(formatRelative('2026-12-02T07:30:17Z', 'en', now)).toBe('now');
    expect(formatRelative('2026-12-02T07:30:17Z', 'th', now)).toBe('ขณะนี้');
    expect(formatRelative('2026-12-02T10:30:00Z', 'en', now)).toBe('in 3 hours');
  });

  it('gives nothing for a missing or broken date rather than "Invalid Date"', () => {
    expect(formatDateTime(null, 'th')).toBe('');
    expect(formatDateTime('not a date', 'en')).toBe('');
  });
});

describe('times typed in a form', () => {
  it('are Bangkok times, whatever the browser is set to', () => {
    expect(bangkokInstant('2026-12-20T09:00')).toBe('2026-12-20T09:00:00+07:00');
    expect(new Date(bangkokInstant('2026-12-20T09:00')).toISOString()).toBe('2026-12-20T02:00:00.000Z');
    expect(bangkokInstant('2026-12-20T09:00:30')).toBe('2026-12-20T09:00:30+07:00');
  });
});
