import { createSecretKey } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { APP_CONFIG, AppConfig, DomainError } from '@lc/core';
import { ACCESS_TOKEN_ALGORITHM, Actor, ActorService, IdentityErrors } from '@lc/identity';

/**
 * Access tokens: one explicit algorithm (so `alg: none` or a swapped algorithm is refused), issuer and
 * audience checked, and the session re-read on every request so logout, disabling and erasure end it at once.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly actors: ActorService,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // A KeyObject, not the string: jsonwebtoken 9 tries to parse a string as a public key first (≈0.34 ms a request).
      secretOrKey: createSecretKey(Buffer.from(config.JWT_SECRET)) as unknown as string,
      algorithms: [ACCESS_TOKEN_ALGORITHM],
      issuer: config.JWT_ISSUER,
      audience: config.JWT_AUDIENCE,
      ignoreExpiration: false,
    });
  }

  async validate(payload: { sub?: unknown; sid?: unknown }): Promise<Actor> {
    if (typeof payload.sub !== 'string' || typeof payload.sid !== 'string')
      throw new DomainError(IdentityErrors.AUTH_TOKEN_INVALID);
    const actor = await this.actors.resolve(payload.sub, payload.sid).catch(() => null);
    if (!actor) throw new DomainError(IdentityErrors.AUTH_SESSION_ENDED);
    return actor;
  }
}
