import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { Strategy } from 'passport-local';
import { DomainError } from '@lc/core';
import { AuthService } from '@lc/identity';

/** E-mail and password sign-in, throttled per account and per IP inside AuthService.verifyCredentials. */
@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy, 'local') {
  constructor(private readonly auth: AuthService) {
    super({ usernameField: 'email', passwordField: 'password', passReqToCallback: true, session: false });
  }

  async validate(request: FastifyRequest, email: unknown, password: unknown): Promise<{ memberId: string }> {
    // Guards run before validation pipes: check the shape here, so odd input is a 400, never a 500.
    const problems = [
      typeof email !== 'string' || email.length > 254
        ? { field: 'email', message: 'email must be a string of at most 254 characters' }
        : null,
      typeof password !== 'string' || password.length > 1024
        ? { field: 'password', message: 'password must be a string of at most 1024 characters' }
        : null,
    ].filter((problem) => problem !== null);
    if (problems.length > 0 || typeof email !== 'string' || typeof password !== 'string') {
      throw new DomainError('VALIDATION_FAILED', problems.map((p) => p.message).join('; '), {
        errors: problems,
      });
    }
    const userAgent = (request.headers['user-agent'] ?? '').slice(0, 300) || null;
    return { memberId: await this.auth.verifyCredentials(email, password, { ip: request.ip, userAgent }) };
  }
}
