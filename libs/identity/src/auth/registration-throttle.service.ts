import { isIPv4, isIPv6 } from 'node:net';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, DomainError } from '@lc/core';
import { SharedRedis } from '@lc/messaging';
import { IdentityErrors } from '../identity-errors';
import { takeFromWindows } from './window-counters';

/** Registrations are counted per address in fixed windows of this length. */
export const REGISTRATION_WINDOW_SECONDS = 600;

/**
 * At most REGISTRATION_LIMIT_PER_IP registrations from one address per 10 minutes, counted in Redis so the limit
 * holds across every api replica. Every attempt that reaches the service counts, accepted or not: each one costs
 * a password hash, and a refused one (an address already taken) is how a script probes for members.
 */
@Injectable()
export class RegistrationThrottle {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly redis: SharedRedis,
  ) {}

  async take(ip: string): Promise<void> {
    const retryAfter = await takeFromWindows(this.redis.client, REGISTRATION_WINDOW_SECONDS, [
      {
        key: `${this.config.QUEUE_PREFIX}:throttle:register:ip:${addressKey(ip)}`,
        limit: this.config.REGISTRATION_LIMIT_PER_IP,
      },
    ]);
    if (retryAfter > 0)
      throw new DomainError(IdentityErrors.AUTH_REGISTRATION_LIMITED, undefined, { retryAfter });
  }
}

/**
 * The address a limit counts against: IPv4 as it is (an IPv4-mapped IPv6 address too), IPv6 by its /64 network,
 * since one subscriber is routinely given a whole /64 and could otherwise take a fresh address per sign-up.
 */
export function addressKey(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped && isIPv4(mapped[1]!)) return mapped[1]!;
  if (!isIPv6(ip)) return ip;
  const withoutZone = ip.split('%')[0]!.toLowerCase();
  const [head, tail = ''] = withoutZone.includes('::') ? withoutZone.split('::') : [withoutZone, ''];
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail ? tail.split(':') : [];
  // An embedded IPv4 tail (::1.2.3.4) lies in the low 64 bits, which the key drops anyway.
  const groupsOf = (parts: string[]) => parts.reduce((n, part) => n + (part.includes('.') ? 2 : 1), 0);
  const missing = withoutZone.includes('::') ? 8 - groupsOf(headGroups) - groupsOf(tailGroups) : 0;
  const groups = [...headGroups, ...Array<string>(Math.max(missing, 0)).fill('0'), ...tailGroups];
  return `${groups
    .slice(0, 4)
    .map((group) => (parseInt(group, 16) || 0).toString(16))
    .join(':')}::/64`;
}
