import { createHash, createSecretKey, KeyObject, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { APP_CONFIG, AppConfig } from '@lc/core';

export const ACCESS_TOKEN_ALGORITHM = 'HS256';

export interface AccessTokenClaims {
  sub: string;
  sid: string;
}

@Injectable()
export class TokenService {
  /** A KeyObject made once: jsonwebtoken 9 handles a string secret far more slowly (≈0.33 ms per token). */
  private readonly signingKey: KeyObject;

  constructor(
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.signingKey = createSecretKey(Buffer.from(config.JWT_SECRET));
  }

  signAccessToken(memberId: string, sessionId: string): string {
    return this.jwt.sign(
      { sid: sessionId },
      {
        subject: memberId,
        algorithm: ACCESS_TOKEN_ALGORITHM,
        issuer: this.config.JWT_ISSUER,
        audience: this.config.JWT_AUDIENCE,
        expiresIn: this.config.ACCESS_TOKEN_TTL_SECONDS,
        secret: this.signingKey as unknown as string,
      },
    );
  }

  /**
   * The claims of a valid access token (signature, algorithm, issuer, audience and expiry checked), or null.
   * For callers outside HTTP (the realtime handshake); HTTP requests go through the passport strategy.
   */
  verifyAccessToken(token: string): AccessTokenClaims | null {
    try {
      const claims = this.jwt.verify<{ sub?: unknown; sid?: unknown }>(token, {
        algorithms: [ACCESS_TOKEN_ALGORITHM],
        issuer: this.config.JWT_ISSUER,
        audience: this.config.JWT_AUDIENCE,
        secret: this.signingKey as unknown as string,
      });
      if (typeof claims.sub !== 'string' || typeof claims.sid !== 'string') return null;
      return { sub: claims.sub, sid: claims.sid };
    } catch {
      return null;
    }
  }

  /** Opaque refresh tokens: 256 random bits; only their SHA-256 is stored. */
  newRefreshToken(): { token: string; hash: string } {
    const token = randomBytes(32).toString('base64url');
    return { token, hash: hashRefreshToken(token) };
  }
}

export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
