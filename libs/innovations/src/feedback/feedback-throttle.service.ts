import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type IORedis from 'ioredis';
import { APP_CONFIG, AppConfig, DomainError } from '@lc/core';
import { SharedRedis } from '@lc/messaging';
import { InnovationErrors } from '../innovations-errors';

export type FeedbackKind = 'comment' | 'rating';

const WINDOW_SECONDS = 60;

/**
 * A sliding window in Redis: one sorted set per member and kind, scored by the time (Redis's own clock, so
 * every replica agrees) of each accepted post. A post is let through while fewer than the limit were accepted in
 * the last 60 s; otherwise the answer is how many seconds until the oldest one leaves the window.
 * One script, so concurrent posts can't all slip under the limit.
 */
const TAKE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local window = tonumber(ARGV[1]) * 1000000
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then
  local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  return math.max(math.ceil((tonumber(oldest[2]) + window - now) / 1000000), 1)
end
redis.call('ZADD', KEYS[1], now, ARGV[3])
redis.call('EXPIRE', KEYS[1], ARGV[1])
return 0`;

/** A place taken in a member's window; given back when the post is not written after all. */
interface FeedbackSlot {
  key: string;
  token: string;
}

/**
 * Limits comments (and comment edits) and ratings per member per minute, across every api replica:
 * COMMENT_LIMIT_PER_MINUTE and RATING_LIMIT_PER_MINUTE. Redis is best effort here: when it can't answer,
 * feedback is let through (and logged) rather than refused for everyone.
 */
@Injectable()
export class FeedbackThrottle {
  private readonly logger = new Logger(FeedbackThrottle.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    // Its connection opens on first use: the worker loads this module too and never posts feedback.
    private readonly redis: SharedRedis,
  ) {}

  /** Runs `write` under the member's limit: refused before anything is written, not counted when it fails. */
  async limited<T>(kind: FeedbackKind, memberId: string, write: () => Promise<T>): Promise<T> {
    const slot = await this.take(kind, memberId);
    try {
      return await write();
    } catch (error) {
      await this.giveBack(slot);
      throw error;
    }
  }

  /** Takes a place in the member's window, or refuses with 429 FEEDBACK_TOO_FAST and Retry-After. */
  private async take(kind: FeedbackKind, memberId: string): Promise<FeedbackSlot | null> {
    const slot = { key: `${this.config.QUEUE_PREFIX}:throttle:${kind}:${memberId}`, token: randomUUID() };
    const limit =
      kind === 'comment' ? this.config.COMMENT_LIMIT_PER_MINUTE : this.config.RATING_LIMIT_PER_MINUTE;
    let retryAfter: number;
    try {
      retryAfter = (await this.client().eval(TAKE, 1, slot.key, WINDOW_SECONDS, limit, slot.token)) as number;
    } catch (error) {
      this.logger.warn(`feedback limit not checked (Redis: ${String(error)})`);
      return null;
    }
    if (retryAfter > 0) throw new DomainError(InnovationErrors.FEEDBACK_TOO_FAST, undefined, { retryAfter });
    return slot;
  }

  /** The post was refused for another reason (or failed): it doesn't count. */
  private async giveBack(slot: FeedbackSlot | null): Promise<void> {
    if (!slot) return;
    try {
      await this.client().zrem(slot.key, slot.token);
    } catch (error) {
      this.logger.warn(`feedback limit place not given back (Redis: ${String(error)})`);
    }
  }

  private client(): IORedis {
    return this.redis.client;
  }
}
