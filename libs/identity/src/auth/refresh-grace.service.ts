import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig, CoreErrors, DomainError } from '@lc/core';
import { SharedRedis } from '@lc/messaging';
import { hashRefreshToken } from './token.service';

export interface RotatedPair {
  accessToken: string;
  refreshToken: string;
}

/**
 * The pair a refresh token was rotated into, kept for REFRESH_REUSE_GRACE_SECONDS so that the same token presented
 * again a moment later (a second tab, a retry after a lost answer) gets that same pair instead of revoking the
 * session. Keyed by the old token's hash and encrypted (AES-256-GCM) with a key derived from the old token itself:
 * whoever reads Redis without holding the old token learns nothing usable.
 */
@Injectable()
export class RefreshGrace {
  private readonly logger = new Logger(RefreshGrace.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly shared: SharedRedis,
  ) {}

  private get redis() {
    return this.shared.client;
  }

  get enabled(): boolean {
    return this.config.REFRESH_REUSE_GRACE_SECONDS > 0;
  }

  /**
   * Called inside the rotating transaction, before it commits: a concurrent refresh waiting on the token's row lock
   * then always finds the pair. Without Redis the grace is lost (a second presentation revokes, as it would without
   * a window), never the rotation.
   */
  async remember(oldToken: string, pair: RotatedPair): Promise<void> {
    if (!this.enabled) return;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', keyOf(oldToken), iv);
    const sealed = Buffer.concat([cipher.update(JSON.stringify(pair), 'utf8'), cipher.final()]);
    const value = Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64');
    try {
      await this.redis.set(this.key(oldToken), value, 'EX', this.config.REFRESH_REUSE_GRACE_SECONDS);
    } catch (error) {
      this.logger.warn({ err: error }, 'refresh grace not recorded');
    }
  }

  /** The pair `oldToken` was rotated into, while the grace window lasts; null otherwise. */
  async recall(oldToken: string): Promise<RotatedPair | null> {
    if (!this.enabled) return null;
    // Without Redis nobody can tell a second tab from a thief: refuse for now (503) rather than revoke.
    const value = await this.redis.get(this.key(oldToken)).catch(() => {
      throw new DomainError(CoreErrors.SERVICE_UNAVAILABLE);
    });
    if (value === null) return null;
    try {
      const raw = Buffer.from(value, 'base64');
      const decipher = createDecipheriv('aes-256-gcm', keyOf(oldToken), raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      const plain = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
      const pair = JSON.parse(plain) as Partial<RotatedPair>;
      if (typeof pair.accessToken !== 'string' || typeof pair.refreshToken !== 'string') return null;
      return { accessToken: pair.accessToken, refreshToken: pair.refreshToken };
    } catch {
      return null;
    }
  }

  private key(oldToken: string): string {
    return `${this.config.QUEUE_PREFIX}:refresh:grace:${hashRefreshToken(oldToken)}`;
  }
}

/** Not the stored hash (that one is in the database): a separate derivation of the 256 random bits. */
function keyOf(token: string): Buffer {
  return createHash('sha256').update('lc-refresh-grace\u0000').update(token).digest();
}
