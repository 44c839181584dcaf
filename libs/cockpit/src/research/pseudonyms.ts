import { createHmac, hkdfSync } from 'node:crypto';

/**
 * Research pseudonyms: HMAC-SHA256 of a member id under a secret key, the first 80 bits in hex with a `p_` prefix.
 * The same member has the same pseudonym in every extract (so researchers can follow someone over time); without
 * the key nobody can tell who it is, nor test a guess. The key is RESEARCH_PSEUDONYM_KEY, or one derived from
 * JWT_SECRET (HKDF) when that is unset.
 */
export function pseudonymKey(config: { RESEARCH_PSEUDONYM_KEY?: string; JWT_SECRET: string }): Buffer {
  if (config.RESEARCH_PSEUDONYM_KEY) return Buffer.from(config.RESEARCH_PSEUDONYM_KEY, 'utf8');
  return Buffer.from(hkdfSync('sha256', config.JWT_SECRET, 'lc', 'research-pseudonyms', 32));
}

export function pseudonymOf(key: Buffer, memberId: string): string {
  return `p_${createHmac('sha256', key).update(`member:${memberId.toLowerCase()}`).digest('hex').slice(0, 20)}`;
}
