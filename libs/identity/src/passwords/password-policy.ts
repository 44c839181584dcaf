import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as argon2 from 'argon2';
import { DomainError } from '@lc/core';
import { IdentityErrors } from '../identity-errors';

/**
 * OWASP's minimum for argon2id (m = 19 MiB, t = 2, p = 1). Raising these later is safe: verify() reads the
 * parameters from each stored hash, and needsRehash tells when to upgrade one at the next sign-in.
 */
const HASH_OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

let commonPasswords: Set<string> | null = null;

function common(): Set<string> {
  commonPasswords ??= new Set(
    readFileSync(join(__dirname, 'common-passwords.txt'), 'utf8')
      .split('\n')
      .map((line) => line.trim().toLowerCase())
      .filter((line) => line && !line.startsWith('#')),
  );
  return commonPasswords;
}

/** NIST SP 800-63B: length 8 to 128, no composition rules, not a known common password, not the e-mail. */
export function assertAcceptablePassword(password: string, email?: string): void {
  const length = [...password].length;
  const lowered = password.toLowerCase();
  const emailName = email?.toLowerCase().split('@')[0];
  if (
    length < 8 ||
    length > 128 ||
    common().has(lowered) ||
    lowered === email?.toLowerCase() ||
    lowered === emailName
  ) {
    throw new DomainError(IdentityErrors.AUTH_WEAK_PASSWORD);
  }
}

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, HASH_OPTIONS);
}

export async function verifyPassword(hash: string | null, password: string): Promise<boolean> {
  if (!hash) {
    // Same work as a real check, so a missing account can't be told apart by timing.
    await argon2.hash(password, HASH_OPTIONS);
    return false;
  }
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

export function passwordNeedsRehash(hash: string): boolean {
  return argon2.needsRehash(hash, HASH_OPTIONS);
}
