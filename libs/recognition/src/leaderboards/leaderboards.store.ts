import { Inject, Injectable } from '@nestjs/common';
import type IORedis from 'ioredis';
import { APP_CONFIG, AppConfig } from '@lc/core';
import { SharedRedis } from '@lc/messaging';

/**
 * Puts one member exactly where PostgreSQL says, in one step. Per current period the member has a value document
 * `v:<member>:<period>` ({"<board>|<filter>": "<value>"}); from the old document and the new one it removes the
 * member from the sorted sets they left and sets their absolute score (ZADD) in the ones they are in: the national
 * set of every board and filter, and their area's set of every board without a filter. `v:<member>:@` remembers the
 * area they were placed in, so a move of school takes them out of the old area's sets.
 * Absolute scores, not increments: running it twice (a redelivered job, the daily rebuild racing the subscriber)
 * leaves the same boards.
 * ARGV: member, key prefix, area ('' none), number of periods, then (period id, expire-at seconds or 0, document).
 */
const PLACE = `
local member, prefix, area, n = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4])
local metaKey = prefix .. 'v:' .. member .. ':@'
local oldArea = redis.call('GET', metaKey) or ''
local function split(field)
  local board, filter = string.match(field, '^([^|]*)|(.*)$')
  if filter == '' then filter = '*' end
  return board, filter
end
for p = 0, n - 1 do
  local period, expireAt, document = ARGV[5 + p * 3], ARGV[6 + p * 3], ARGV[7 + p * 3]
  local valueKey = prefix .. 'v:' .. member .. ':' .. period
  local oldDocument = redis.call('GET', valueKey)
  local old = oldDocument and cjson.decode(oldDocument) or {}
  local new = cjson.decode(document)
  for field, _ in pairs(old) do
    local board, filter = split(field)
    local base = prefix .. board .. ':' .. period .. ':'
    if new[field] == nil then redis.call('ZREM', base .. 'n:' .. filter, member) end
    if filter == '*' and oldArea ~= '' and (new[field] == nil or oldArea ~= area) then
      redis.call('ZREM', base .. 'a:' .. oldArea .. ':*', member)
    end
  end
  local any = false
  for field, value in pairs(new) do
    any = true
    local board, filter = split(field)
    local base = prefix .. board .. ':' .. period .. ':'
    local keys = { base .. 'n:' .. filter }
    if filter == '*' and area ~= '' then keys[2] = base .. 'a:' .. area .. ':*' end
    for _, key in ipairs(keys) do
      redis.call('ZADD', key, value, member)
      if expireAt ~= '0' then redis.call('EXPIREAT', key, expireAt) end
    end
  end
  if any then
    redis.call('SET', valueKey, document)
    if expireAt ~= '0' then redis.call('EXPIREAT', valueKey, expireAt) end
  else
    redis.call('DEL', valueKey)
  end
end
if area == '' then redis.call('DEL', metaKey) else redis.call('SET', metaKey, area) end
return 1`;

/** One member's values in the current periods: period id → expiry and {"<board>|<filter>": value}. */
export interface MemberValues {
  areaId: string | null;
  periods: { id: string; expiresAt: number | null; values: Record<string, number> }[];
}

export interface Standing {
  memberId: string;
  rank: number;
  value: number;
}

type PlacingRedis = IORedis & { leaderboardPlace(...args: (string | number)[]): Promise<number> };

/** The sorted sets and value documents of the leaderboards, under `<QUEUE_PREFIX>:lb:`. */
@Injectable()
export class LeaderboardsStore {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    // Opened on first use: the api only reads, the worker writes.
    private readonly redis: SharedRedis,
  ) {}

  private get prefix(): string {
    return `${this.config.QUEUE_PREFIX}:lb:`;
  }

  /** The sorted set of a national board (any filter) or an area's board (no filter: '' ). */
  key(board: string, periodId: string, scope: string, filter: string): string {
    return `${this.prefix}${board}:${periodId}:${scope}:${filter || '*'}`;
  }

  private client(): PlacingRedis {
    const client = this.redis.client as PlacingRedis;
    // evalsha under the hood, loaded once per connection.
    if (typeof client.leaderboardPlace !== 'function')
      client.defineCommand('leaderboardPlace', { numberOfKeys: 0, lua: PLACE });
    return client;
  }

  /** Places each member as `members` says (no values: off every board). */
  async place(members: Map<string, MemberValues>): Promise<void> {
    if (members.size === 0) return;
    const pipeline = this.client().pipeline() as unknown as {
      leaderboardPlace(...args: (string | number)[]): void;
      exec(): Promise<[Error | null, unknown][] | null>;
    };
    for (const [memberId, member] of members) {
      const args: (string | number)[] = [memberId, this.prefix, member.areaId ?? '', member.periods.length];
      for (const period of member.periods) {
        // Strings, so that Lua keeps every digit of a mean rating.
        const document: Record<string, string> = {};
        for (const [field, value] of Object.entries(period.values)) document[field] = String(value);
        args.push(period.id, period.expiresAt ?? 0, JSON.stringify(document));
      }
      pipeline.leaderboardPlace(...args);
    }
    const results = (await pipeline.exec()) ?? [];
    const failed = results.find(([error]) => error);
    // A failed write fails the job: it is retried, and absolute scores make the retry harmless.
    if (failed) throw failed[0];
  }

  /** From a sorted set: the top `limit`, and the member's own place with `around` places either side of it. */
  async read(
    key: string,
    limit: number,
    memberId: string | null,
    around: number,
  ): Promise<{ top: Standing[]; me: Standing | null; around: Standing[] }> {
    const client = this.client();
    const pipeline = client.pipeline().zrevrange(key, 0, limit - 1, 'WITHSCORES');
    if (memberId) pipeline.zrevrank(key, memberId).zscore(key, memberId);
    const results = (await pipeline.exec()) ?? [];
    for (const [error] of results) if (error) throw error;
    const top = standings(results[0]![1] as string[], 0);
    if (!memberId) return { top, me: null, around: [] };
    const rank = results[1]![1] as number | null;
    if (rank === null) return { top, me: null, around: [] };
    const me = { memberId, rank: rank + 1, value: Number(results[2]![1]) };
    const from = Math.max(rank - around, 0);
    // Within the top already read, or one more read for the places around the member.
    const near =
      rank + around < top.length
        ? top.slice(from, rank + around + 1)
        : standings(await client.zrevrange(key, from, rank + around, 'WITHSCORES'), from);
    return { top, me, around: near };
  }

  /**
   * A board among a few hundred members (a school, or an area with a filter), from their value documents: ordered as
   * a sorted set orders (value, then member id, both descending).
   */
  async readAmong(
    memberIds: string[],
    periodId: string,
    field: string,
    limit: number,
    memberId: string | null,
    around: number,
  ): Promise<{ top: Standing[]; me: Standing | null; around: Standing[] }> {
    const ranked: { memberId: string; value: number }[] = [];
    if (memberIds.length) {
      const documents = await this.redis.client.mget(
        memberIds.map((id) => `${this.prefix}v:${id}:${periodId}`),
      );
      documents.forEach((document, index) => {
        if (!document) return;
        const value = (JSON.parse(document) as Record<string, string>)[field];
        if (value !== undefined) ranked.push({ memberId: memberIds[index]!, value: Number(value) });
      });
    }
    ranked.sort((a, b) => b.value - a.value || (a.memberId < b.memberId ? 1 : -1));
    const all = ranked.map((r, index) => ({ ...r, rank: index + 1 }));
    const rank = memberId ? all.findIndex((s) => s.memberId === memberId) : -1;
    return {
      top: all.slice(0, limit),
      me: rank >= 0 ? all[rank]! : null,
      around: rank >= 0 ? all.slice(Math.max(rank - around, 0), rank + around + 1) : [],
    };
  }

  /** Every key of the leaderboards (tests and the bench flush them to prove the rebuild). */
  async flush(): Promise<number> {
    const client = this.redis.client;
    let cursor = '0';
    let removed = 0;
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', `${this.prefix}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) removed += await client.unlink(...keys);
    } while (cursor !== '0');
    return removed;
  }
}

function standings(flat: string[], offset: number): Standing[] {
  const out: Standing[] = [];
  for (let i = 0; i < flat.length; i += 2)
    out.push({ memberId: flat[i]!, rank: offset + i / 2 + 1, value: Number(flat[i + 1]) });
  return out;
}
