import type IORedis from 'ioredis';

/**
 * Every counter in one atomic step (concurrent requests can't all slip under a limit), each window starting at
 * its first count. Returns the seconds until the fullest counter's window ends once any is past its limit,
 * 0 otherwise.
 */
const TAKE = `
local retry = 0
for i = 1, #KEYS do
  local count = redis.call('INCR', KEYS[i])
  if count == 1 then redis.call('EXPIRE', KEYS[i], ARGV[1]) end
  if count > tonumber(ARGV[i + 1]) then
    local ttl = redis.call('TTL', KEYS[i])
    if ttl < 0 then redis.call('EXPIRE', KEYS[i], ARGV[1]) ttl = tonumber(ARGV[1]) end
    retry = math.max(retry, ttl, 1)
  end
end
return retry`;

/** Counts one attempt against each fixed-window counter; the answer is the Retry-After in seconds, or 0. */
export async function takeFromWindows(
  redis: IORedis,
  windowSeconds: number,
  counters: { key: string; limit: number }[],
): Promise<number> {
  return (await redis.eval(
    TAKE,
    counters.length,
    ...counters.map((counter) => counter.key),
    windowSeconds,
    ...counters.map((counter) => counter.limit),
  )) as number;
}
