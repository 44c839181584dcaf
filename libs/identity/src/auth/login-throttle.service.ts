import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, DomainError } from '@lc/core';
import { SharedRedis } from '@lc/messaging';
import { IdentityErrors } from '../identity-errors';

/**
 * Counts password attempts in Redis, so the limits hold across every api replica. Three counters per attempt,
 * all in one fixed window (LOGIN_THROTTLE_WINDOW_SECONDS):
 *
 * - account and address together (KEYS[1]) and the address alone (KEYS[2]) refuse with 429 past their limits:
 *   they stop a guesser without touching the owner, who signs in from another address;
 * - the account across all addresses (KEYS[3]) never refuses: past its limit each attempt is slowed down, so
 *   nobody can lock an owner out by failing on purpose. An attempt refused by the first two is not counted here.
 *
 * The counters are taken before the password is checked (INCR in one script is atomic: concurrent attempts can't
 * all slip under a limit), and a right password clears the account's counter and its pair with this address;
 * other addresses' pairs stay, so a guesser gains nothing from the owner signing in.
 * Returns {seconds to wait before retrying (0: go on), 1 when the attempt is slowed down}.
 */
const TAKE = `
local pair = redis.call('INCR', KEYS[1])
if pair == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
local ip = redis.call('INCR', KEYS[2])
if ip == 1 then redis.call('EXPIRE', KEYS[2], ARGV[1]) end
local retry = 0
if pair > tonumber(ARGV[2]) then retry = math.max(retry, redis.call('TTL', KEYS[1]), 1) end
if ip > tonumber(ARGV[3]) then retry = math.max(retry, redis.call('TTL', KEYS[2]), 1) end
if retry > 0 then return {retry, 0} end
local account = redis.call('INCR', KEYS[3])
if account == 1 then redis.call('EXPIRE', KEYS[3], ARGV[1]) end
if account > tonumber(ARGV[4]) then return {0, 1} end
return {0, 0}`;

/** Sign-in (by e-mail) and the password checks behind a session (by member id) count apart, per address alike. */
type Scope = 'login' | 'password';

@Injectable()
export class LoginThrottle {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly shared: SharedRedis,
  ) {}

  private get redis() {
    return this.shared.client;
  }

  /** Before a sign-in's password is checked: throws 429 past a limit, waits when the account is slowed down. */
  take(email: string, ip: string): Promise<void> {
    return this.takeFor('login', accountOfEmail(email), ip);
  }

  async succeeded(email: string, ip: string): Promise<void> {
    await this.clear('login', accountOfEmail(email), ip);
  }

  /** Before the current password is checked behind a session (password change, erasure). */
  takePasswordCheck(memberId: string, ip: string): Promise<void> {
    return this.takeFor('password', memberId, ip);
  }

  async passwordCheckSucceeded(memberId: string, ip: string): Promise<void> {
    await this.clear('password', memberId, ip);
  }

  private keys(scope: Scope, account: string, ip: string): [pair: string, ip: string, account: string] {
    const prefix = `${this.config.QUEUE_PREFIX}:throttle:${scope}`;
    return [
      `${prefix}:pair:${account}:${ip}`,
      // One budget per address for every kind of password check.
      `${this.config.QUEUE_PREFIX}:throttle:login:ip:${ip}`,
      `${prefix}:account:${account}`,
    ];
  }

  private async takeFor(scope: Scope, account: string, ip: string): Promise<void> {
    const [retryAfter, slowed] = (await this.redis.eval(
      TAKE,
      3,
      ...this.keys(scope, account, ip),
      this.config.LOGIN_THROTTLE_WINDOW_SECONDS,
      this.config.LOGIN_MAX_ATTEMPTS_PER_ACCOUNT_IP,
      this.config.LOGIN_MAX_ATTEMPTS_PER_IP,
      this.config.LOGIN_MAX_ATTEMPTS_PER_ACCOUNT,
    )) as [number, number];
    if (retryAfter > 0)
      throw new DomainError(IdentityErrors.AUTH_TOO_MANY_ATTEMPTS, undefined, { retryAfter });
    if (slowed === 1 && this.config.LOGIN_SLOWDOWN_MS > 0)
      await new Promise((resolve) => setTimeout(resolve, this.config.LOGIN_SLOWDOWN_MS));
  }

  private async clear(scope: Scope, account: string, ip: string): Promise<void> {
    const [pair, , accountKey] = this.keys(scope, account, ip);
    await this.redis.del(pair, accountKey);
  }
}

/** The e-mail is hashed: Redis keeps no personal data. */
function accountOfEmail(email: string): string {
  return createHash('sha256').update(email.trim().toLowerCase()).digest('hex');
}
