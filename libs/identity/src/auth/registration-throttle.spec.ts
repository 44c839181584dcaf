import { addressKey } from './registration-throttle.service';

describe('addressKey (what a per-address limit counts against)', () => {
  it('keeps an IPv4 address, also when it arrives IPv4-mapped', () => {
    expect(addressKey('203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
  });

  it('counts IPv6 by its /64 network, whatever the notation', () => {
    const key = '2001:db8:abcd:12::/64';
    expect(addressKey('2001:db8:abcd:12::1')).toBe(key);
    expect(addressKey('2001:0db8:ABCD:0012:ffff:1:2:3')).toBe(key);
    expect(addressKey('2001:db8:abcd:12:0:0:0:9%eth0')).toBe(key);
    expect(addressKey('2001:db8:abcd:13::1')).not.toBe(key);
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey('fe80::1.2.3.4')).toBe('fe80:0:0:0::/64');
  });

  it('passes anything else through', () => {
    expect(addressKey('unknown')).toBe('unknown');
  });
});
