import IORedis, { RedisOptions } from 'ioredis';

/**
 * A Redis client for a given role. Producers fail fast when Redis is away (the outbox keeps the event,
 * so nothing is lost); BullMQ workers need `maxRetriesPerRequest: null` for their blocking connections.
 */
export function createRedis(url: string, role: 'producer' | 'worker' | 'probe', name: string): IORedis {
  const common: RedisOptions = { connectionName: name, lazyConnect: false };
  if (role === 'worker')
    return new IORedis(url, { ...common, maxRetriesPerRequest: null, enableReadyCheck: true });
  if (role === 'probe') {
    return new IORedis(url, {
      ...common,
      // Commands wait for a (re)connection, but never longer than the probe's budget.
      maxRetriesPerRequest: 0,
      commandTimeout: 1000,
      connectTimeout: 1000,
      retryStrategy: (times) => Math.min(times * 200, 1000),
    });
  }
  return new IORedis(url, {
    ...common,
    maxRetriesPerRequest: 2,
    connectTimeout: 2000,
    retryStrategy: (times) => Math.min(times * 200, 2000),
  });
}
