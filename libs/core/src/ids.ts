import { randomFillSync } from 'node:crypto';

// Random bits are drawn 4 KiB at a time (as crypto.randomUUID does): one call into the CSPRNG per 256 ids rather than
// one per id, which on the redemption path (five ids a request) was measurable.
const POOL_BYTES = 4096;
const pool = Buffer.allocUnsafe(POOL_BYTES);
let poolOffset = POOL_BYTES;

/** `size` (≤ 4096) fresh random bytes from the pool: the caller may change them, no one else sees them again. */
export function randomPoolBytes(size: number): Buffer {
  if (poolOffset + size > POOL_BYTES) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const slice = pool.subarray(poolOffset, poolOffset + size);
  poolOffset += size;
  return slice;
}

/**
 * UUID version 7 (RFC 9562): time-ordered, so primary keys made from it insert at the end of
 * their index and sort by creation, which keyset pagination relies on.
 */
export function uuidv7(now: number = Date.now()): string {
  const bytes = randomPoolBytes(16);
  bytes.writeUIntBE(now, 0, 6);
  bytes[6] = (bytes[6] & 0x0f) | 0x70;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  return uuidOfBytes(bytes);
}

/** 16 bytes written as a UUID (8-4-4-4-12 lower-case hex); the caller sets the version and variant bits. */
export function uuidOfBytes(bytes: Buffer): string {
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID_PATTERN.test(value);
}
