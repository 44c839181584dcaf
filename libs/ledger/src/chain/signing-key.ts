import { createPrivateKey, createPublicKey, generateKeyPairSync, KeyObject } from 'node:crypto';

export interface LedgerSigningKey {
  privateKey: KeyObject;
  /** The raw 32-byte Ed25519 public key, hex: what blocks store and the head publishes. */
  publicKey: string;
  /** Generated at start because none was configured: blocks it signs can't be tied to a published key. */
  ephemeral: boolean;
}

/** The DER prefix of a PKCS#8 Ed25519 private key around a 32-byte seed (RFC 8410). */
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

export function rawPublicKey(key: KeyObject): string {
  const jwk = createPublicKey(key).export({ format: 'jwk' });
  return Buffer.from(jwk.x!, 'base64url').toString('hex');
}

/**
 * LEDGER_SIGNING_KEY: an Ed25519 private key as PKCS#8 PEM (newlines may be written as `\n`, as env files
 * often need) or the base64 of the 32-byte seed (`openssl rand -base64 32`). Throws on anything else.
 */
export function parseSigningKey(value: string): LedgerSigningKey {
  const text = value.trim();
  let privateKey: KeyObject;
  if (text.includes('-----BEGIN')) {
    privateKey = createPrivateKey({ key: text.replace(/\\n/g, '\n'), format: 'pem' });
  } else {
    const seed = Buffer.from(text, 'base64');
    if (seed.length !== 32 || !/^[A-Za-z0-9+/_-]+={0,2}$/.test(text))
      throw new Error('LEDGER_SIGNING_KEY: expected a PKCS#8 PEM or the base64 of a 32-byte Ed25519 seed');
    privateKey = createPrivateKey({
      key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]),
      format: 'der',
      type: 'pkcs8',
    });
  }
  if (privateKey.asymmetricKeyType !== 'ed25519')
    throw new Error(`LEDGER_SIGNING_KEY: expected an Ed25519 key, got ${privateKey.asymmetricKeyType}`);
  return { privateKey, publicKey: rawPublicKey(privateKey), ephemeral: false };
}

export function ephemeralSigningKey(): LedgerSigningKey {
  const { privateKey } = generateKeyPairSync('ed25519');
  return { privateKey, publicKey: rawPublicKey(privateKey), ephemeral: true };
}

/**
 * The worker's signing key. Required in production; elsewhere a missing key is replaced by an ephemeral one
 * (the caller logs a warning): each block stores the key that signed it, so such blocks still verify.
 */
export function loadSigningKey(config: {
  NODE_ENV: string;
  LEDGER_SIGNING_KEY?: string | undefined;
}): LedgerSigningKey {
  if (config.LEDGER_SIGNING_KEY) return parseSigningKey(config.LEDGER_SIGNING_KEY);
  if (config.NODE_ENV === 'production')
    throw new Error('LEDGER_SIGNING_KEY is required when NODE_ENV=production (the ledger signs its blocks)');
  return ephemeralSigningKey();
}
