import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { DomainError } from '@lc/core';
import { Actor, IdentityErrors, Role } from '@lc/identity';
import { PUBLIC_ROUTE, REQUIRED_ROLES } from './access.decorators';

/**
 * The one guard on every route: authenticated unless @Public(), and holding one of @Roles() when given.
 * Secure by default: a new route without decorators needs a signed-in member.
 */
@Injectable()
export class AccessGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets);
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (isPublic) {
      // Identify the caller when a token is sent, but never refuse a public route for it.
      if (request.headers.authorization)
        await (super.canActivate(context) as Promise<boolean>).catch(() => undefined);
      return true;
    }
    if (!request.headers.authorization) throw new DomainError('UNAUTHENTICATED');
    await (super.canActivate(context) as Promise<boolean>);
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    if (roles?.length) {
      const actor = (request as FastifyRequest & { user?: Actor }).user!;
      if (!actor.roles.some((grant) => roles.includes(grant.role))) throw new DomainError('FORBIDDEN');
    }
    return true;
  }

  override handleRequest<T>(error: unknown, user: T): T {
    if (error) throw error;
    if (!user) throw new DomainError(IdentityErrors.AUTH_TOKEN_INVALID);
    return user;
  }
}

/** Login: passport-local, answering a body without e-mail or password as a validation problem, not a 401. */
@Injectable()
export class LocalAuthGuard extends AuthGuard('local') {
  override handleRequest<T>(error: unknown, user: T, info: { message?: string } | undefined): T {
    if (error) throw error;
    if (!user && info?.message === 'Missing credentials') {
      throw new DomainError('VALIDATION_FAILED', 'email and password are required', {
        errors: [
          { field: 'email', message: 'email is required' },
          { field: 'password', message: 'password is required' },
        ],
      });
    }
    if (!user) throw new DomainError(IdentityErrors.AUTH_INVALID_CREDENTIALS);
    return user;
  }
}
