export * from './realtime-messages';
export * from './realtime-publisher';
export * from './realtime-stream';
export * from './redis-realtime-publisher';
export * from './realtime-publisher.module';
