import { bahtText, bahtToSatang, satangToBaht } from './money';

describe('baht with satang, exactly', () => {
  it('reads decimal text and plain JSON numbers into whole satang', () => {
    expect(bahtToSatang('497000.00')).toBe(49_700_000);
    expect(bahtToSatang('497000')).toBe(49_700_000);
    expect(bahtToSatang(497000)).toBe(49_700_000);
    expect(bahtToSatang('1250.5')).toBe(125_050);
    expect(bahtToSatang(0.1)).toBe(10);
    expect(bahtToSatang('0.07')).toBe(7);
    expect(bahtToSatang('999999999999.99')).toBe(99_999_999_999_999);
  });

  it('refuses negatives, more than two satang digits, floats that are not amounts and other shapes', () => {
    for (const value of [
      '-1',
      -1,
      '1.234',
      0.1 + 0.2,
      '1e3',
      1e21,
      '',
      ' 12',
      '012',
      '1000000000000',
      NaN,
      Infinity,
      null,
      {},
    ])
      expect(bahtText(value)).toBeNull();
    expect(() => bahtToSatang('-5')).toThrow(RangeError);
  });

  it('writes satang back as baht text with two digits, from numbers or bigint text', () => {
    expect(satangToBaht(49_700_000)).toBe('497000.00');
    expect(satangToBaht('125050')).toBe('1250.50');
    expect(satangToBaht(7)).toBe('0.07');
    expect(satangToBaht('0')).toBe('0.00');
    expect(satangToBaht('123456789012345678')).toBe('1234567890123456.78');
  });
});
