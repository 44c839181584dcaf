import { createHash } from 'node:crypto';
import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import type IORedis from 'ioredis';
import { APP_CONFIG, AppConfig, DomainError } from '@lc/core';
import { createRedis } from '@lc/messaging';
import { IdentityErrors } from '../identity-errors';

/**
 * Counts sign-in attempts per account and per IP in Redis, so the limit holds across every api replica.
 * The counter is taken before the password is checked (INCR is atomic: concurrent attempts can't all slip
 * under the limit) and the account's counter is cleared by a successful sign-in.
 */
const TAKE = `
local account = redis.call('INCR', KEYS[1])
if account == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
local ip = redis.call('INCR', KEYS[2])
if ip == 1 then redis.call('EXPIRE', KEYS[2], ARGV[1]) end
if account > tonumber(ARGV[2]) or ip > tonumber(ARGV[3]) then
  return math.max(redis.call('TTL', KEYS[1]), redis.call('TTL', KEYS[2]), 1)
end
return 0`;

@Injectable()
export class LoginThrottle implements OnModuleDestroy {
  private readonly redis: IORedis;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.redis = createRedis(config.REDIS_URL, 'producer', 'lc-login-throttle');
  }

  private keys(email: string, ip: string): [string, string] {
    // The e-mail is hashed: Redis keeps no personal data.
    const account = createHash('sha256').update(email.trim().toLowerCase()).digest('hex');
    return [
      `${this.config.QUEUE_PREFIX}:throttle:login:account:${account}`,
      `${this.config.QUEUE_PREFIX}:throttle:login:ip:${ip}`,
    ];
  }

  async take(email: string, ip: string): Promise<void> {
    const retryAfter = (await this.redis.eval(
      TAKE,
      2,
      ...this.keys(email, ip),
      this.config.LOGIN_THROTTLE_WINDOW_SECONDS,
      this.config.LOGIN_MAX_ATTEMPTS_PER_ACCOUNT,
      this.config.LOGIN_MAX_ATTEMPTS_PER_IP,
    )) as number;
    if (retryAfter > 0)
      throw new DomainError(IdentityErrors.AUTH_TOO_MANY_ATTEMPTS, undefined, { retryAfter });
  }

  async succeeded(email: string, ip: string): Promise<void> {
    await this.redis.del(this.keys(email, ip)[0]);
  }

  onModuleDestroy(): void {
    this.redis.disconnect();
  }
}
