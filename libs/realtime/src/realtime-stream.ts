import type { AppConfig } from '@lc/core';

export const REALTIME_NAMESPACE = '/realtime';

/**
 * Where realtime messages travel between processes: one Redis stream read by every api replica's socket.io
 * adapter (@socket.io/redis-streams-adapter), which also replays it to clients that reconnect (connection-state
 * recovery). Named under QUEUE_PREFIX so deployments (and test suites) sharing a Redis never see each other.
 */
export function realtimeStreamOptions(config: Pick<AppConfig, 'QUEUE_PREFIX' | 'REALTIME_STREAM_MAXLEN'>) {
  return {
    streamName: `${config.QUEUE_PREFIX}:realtime`,
    channelPrefix: `${config.QUEUE_PREFIX}:realtime`,
    sessionKeyPrefix: `${config.QUEUE_PREFIX}:realtime:session:`,
    maxLen: config.REALTIME_STREAM_MAXLEN,
    onlyPlaintext: true,
  };
}

/** socket.io-adapter's cluster message types (socket-io-adapter `MessageType`): 3 is a broadcast. */
const BROADCAST = '3';
/** socket.io-parser packet types: 2 is an event. */
const EVENT = 2;

/**
 * The stream entry for "emit `type` with `payload` to these rooms", in the adapter's own format: every api
 * replica delivers it to its sockets in those rooms (an empty list means every socket of the namespace) and
 * stores it for replay. `uid` names the sender; replicas ignore only their own.
 */
export function broadcastEntry(
  uid: string,
  rooms: readonly string[],
  type: string,
  payload: unknown,
): string[] {
  const data = JSON.stringify({
    packet: { type: EVENT, data: [type, payload], nsp: REALTIME_NAMESPACE },
    opts: { rooms: [...rooms], except: [], flags: {} },
  });
  return ['uid', uid, 'nsp', REALTIME_NAMESPACE, 'type', BROADCAST, 'data', data];
}
