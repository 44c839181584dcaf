import { isIPv4, isIPv6 } from 'node:net';
import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import type IORedis from 'ioredis';
import { APP_CONFIG, AppConfig, DomainError } from '@lc/core';
import { createRedis } from '@lc/messaging';
import { IdentityErrors } from '../identity-errors';

/** Registrations are counted per address in fixed windows of this length. */
export const REGISTRATION_WINDOW_SECONDS = 600;

/**
 * One INCR (atomic: concurrent sign-ups can't all slip under the limit), the window starting at the first one.
 * Returns the seconds left in the window once the count is past the limit, 0 otherwise.
 */
const TAKE = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
if count > tonumber(ARGV[2]) then
  local ttl = redis.call('TTL', KEYS[1])
  if ttl < 0 then redis.call('EXPIRE', KEYS[1], ARGV[1]) ttl = tonumber(ARGV[1]) end
  return math.max(ttl, 1)
end
return 0`;

/**
 * At most REGISTRATION_LIMIT_PER_IP registrations from one address per 10 minutes, counted in Redis so the limit
 * holds across every api replica. Every attempt that reaches the service counts, accepted or not: each one costs
 * a password hash, and a refused one (an address already taken) is how a script probes for members.
 */
@Injectable()
export class RegistrationThrottle implements OnModuleDestroy {
  private readonly redis: IORedis;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.redis = createRedis(config.REDIS_URL, 'producer', 'lc-registration-throttle');
  }

  async take(ip: string): Promise<void> {
    const retryAfter = (await this.redis.eval(
      TAKE,
      1,
      `${this.config.QUEUE_PREFIX}:throttle:register:ip:${addressKey(ip)}`,
      REGISTRATION_WINDOW_SECONDS,
      this.config.REGISTRATION_LIMIT_PER_IP,
    )) as number;
    if (retryAfter > 0)
      throw new DomainError(IdentityErrors.AUTH_REGISTRATION_LIMITED, undefined, { retryAfter });
  }

  onModuleDestroy(): void {
    this.redis.disconnect();
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
