import { Global, Module } from '@nestjs/common';
import { RealtimePublisher } from './realtime-publisher';
import { RedisRealtimePublisher } from './redis-realtime-publisher';

/** Lets the worker (or anything else) push to connected clients: inject RealtimePublisher. */
@Global()
@Module({
  providers: [{ provide: RealtimePublisher, useClass: RedisRealtimePublisher }],
  exports: [RealtimePublisher],
})
export class RealtimePublisherModule {}
