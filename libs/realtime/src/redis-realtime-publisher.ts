import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import IORedis from 'ioredis';
import { APP_CONFIG, AppConfig } from '@lc/core';
import { RealtimeMessages, RealtimeMessageType } from './realtime-messages';
import { RealtimePublisher } from './realtime-publisher';
import { broadcastEntry, realtimeStreamOptions } from './realtime-stream';

/**
 * Publishes by appending to the replicas' shared Redis stream (XADD with approximate MAXLEN trimming): one
 * write per message whatever the number of replicas and sockets. Never throws into the caller's flow: a failed
 * publish is logged, and clients catch up by recovery or by refetching on `resync`.
 */
@Injectable()
export class RedisRealtimePublisher extends RealtimePublisher implements OnApplicationShutdown {
  private readonly logger = new Logger(RedisRealtimePublisher.name);
  private readonly redis: IORedis;
  private readonly uid = `publisher-${randomUUID()}`;
  private readonly stream: ReturnType<typeof realtimeStreamOptions>;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    super();
    this.stream = realtimeStreamOptions(config);
    this.redis = new IORedis(config.REDIS_URL, {
      connectionName: 'lc-realtime-publisher',
      maxRetriesPerRequest: 2,
      lazyConnect: true,
    });
    this.redis.on('error', (error) => this.logger.warn({ err: error }, 'realtime publisher: redis error'));
  }

  async publish<T extends RealtimeMessageType>(
    rooms: readonly string[],
    type: T,
    payload: RealtimeMessages[T],
  ): Promise<void> {
    if (rooms.length === 0) return;
    try {
      await this.redis.xadd(
        this.stream.streamName,
        'MAXLEN',
        '~',
        String(this.stream.maxLen),
        '*',
        ...broadcastEntry(this.uid, rooms, type, payload),
      );
    } catch (error) {
      this.logger.warn({ err: error, type, rooms: rooms.length }, 'realtime publish failed');
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.redis.disconnect();
  }
}
