import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppConfig } from '@lc/core';

/** The cookie that carries the refresh token for browsers, sent only to the auth routes. */
export const REFRESH_COOKIE = 'lc_refresh';
export const REFRESH_COOKIE_PATH = '/api/v1/auth';
/** The header a browser sends to get (and give) the refresh token in the cookie instead of the JSON body. */
export const AUTH_TRANSPORT_HEADER = 'x-auth-transport';

/**
 * Whether the client asked for the cookie transport (`X-Auth-Transport: cookie`). Being a custom header, it also
 * makes every cross-origin request a preflighted one, which CORS_ORIGINS then decides: with SameSite=Strict, that
 * is what keeps another site from refreshing or ending a member's session.
 */
export function wantsCookie(request: FastifyRequest): boolean {
  const value = request.headers[AUTH_TRANSPORT_HEADER];
  return typeof value === 'string' && value.trim().toLowerCase() === 'cookie';
}

/** The refresh token of the request's `lc_refresh` cookie (the first one, the most specific path), if any. */
export function refreshTokenFromCookie(request: FastifyRequest): string | undefined {
  const header = request.headers.cookie;
  if (typeof header !== 'string' || header.length > 8192) return undefined;
  for (const pair of header.split(';')) {
    const split = pair.indexOf('=');
    if (split < 0 || pair.slice(0, split).trim() !== REFRESH_COOKIE) continue;
    let value = pair.slice(split + 1).trim();
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) value = value.slice(1, -1);
    // Refresh tokens are base64url: anything else is no token (and never reaches the database).
    return /^[A-Za-z0-9_-]{20,200}$/.test(value) ? value : undefined;
  }
  return undefined;
}

function cookie(config: AppConfig, value: string, maxAge: number): string {
  const secure = config.NODE_ENV === 'production' ? '; Secure' : '';
  return `${REFRESH_COOKIE}=${value}; Max-Age=${maxAge}; Path=${REFRESH_COOKIE_PATH}; HttpOnly; SameSite=Strict${secure}`;
}

/** Sets the refresh token's cookie, for as long as a session lives (REFRESH_TOKEN_TTL_DAYS). */
export function setRefreshCookie(reply: FastifyReply, config: AppConfig, refreshToken: string): void {
  void reply.header('set-cookie', cookie(config, refreshToken, config.REFRESH_TOKEN_TTL_DAYS * 24 * 3600));
}

/** Tells the browser to drop the cookie (Max-Age=0). */
export function clearRefreshCookie(reply: FastifyReply, config: AppConfig): void {
  void reply.header('set-cookie', cookie(config, '', 0));
}
