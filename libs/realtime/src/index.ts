// What other code imports from @lc/realtime; everything else in this folder is the library's own.

// Module and publisher
export { RealtimePublisherModule } from './realtime-publisher.module';
export { RealtimePublisher } from './realtime-publisher';

// Messages, rooms and the Socket.IO stream
export { Rooms } from './realtime-messages';
export type { RealtimeMessages } from './realtime-messages';
export { REALTIME_NAMESPACE, realtimeStreamOptions } from './realtime-stream';
