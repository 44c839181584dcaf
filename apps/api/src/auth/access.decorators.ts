import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { Actor, Role } from '@lc/identity';

export const PUBLIC_ROUTE = 'lc:public';
export const REQUIRED_ROLES = 'lc:roles';

/** Anyone may call this route; a valid token, when sent, still identifies the caller. */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/**
 * Only members holding one of these roles (in any scope) pass the guard; the service then checks the
 * scope (which area, school or partner) with the actor it receives.
 */
export const Roles = (...roles: Role[]) =>
  applyDecorators(SetMetadata(REQUIRED_ROLES, roles), ApiBearerAuth());

export const Authenticated = () => ApiBearerAuth();

export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor => {
  const request = context.switchToHttp().getRequest<FastifyRequest & { user?: Actor }>();
  return request.user!;
});

export const ClientIp = createParamDecorator((_: unknown, context: ExecutionContext) => {
  const request = context.switchToHttp().getRequest<FastifyRequest>();
  return { ip: request.ip, userAgent: (request.headers['user-agent'] ?? '').slice(0, 300) || null };
});
