import { INestApplicationContext, Logger } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import IORedis from 'ioredis';
import { Server, ServerOptions } from 'socket.io';
import { AppConfig } from '@lc/core';
import { REALTIME_NAMESPACE, realtimeStreamOptions } from '@lc/realtime';

/**
 * socket.io on the API's own HTTP server, with the Redis-streams adapter: a message published by any replica
 * or by the worker reaches its clients on every replica, and a client that reconnects (to any replica) within
 * REALTIME_RECOVERY_MS is replayed what it missed. The plain Redis pub/sub adapter was not chosen: it cannot
 * recover connection state. When Redis itself went away, what was published meanwhile may be lost, so every
 * connected client is told to `resync` once Redis is back.
 */
export class RealtimeIoAdapter extends IoAdapter {
  private readonly log = new Logger(RealtimeIoAdapter.name);
  private readonly redis: IORedis;
  private servers: Server[] = [];

  constructor(
    app: INestApplicationContext,
    private readonly config: AppConfig,
  ) {
    super(app);
    this.redis = new IORedis(config.REDIS_URL, {
      connectionName: 'lc-realtime', // Finite: the adapter's stream reader (a duplicate of this client) must see a failed read to notice it was
      // closed; with unlimited retries a read in flight when Redis goes away would wait for ever.
      maxRetriesPerRequest: 3,
    });
    let lost = false;
    this.redis.on('error', (error) => this.log.warn({ err: error }, 'realtime: redis error'));
    this.redis.on('close', () => (lost = true));
    this.catchSubscribeFailures();
    this.redis.on('ready', () => {
      if (!lost) return;
      lost = false;
      this.log.warn('realtime: redis is back; connected clients are asked to resync');
      for (const server of this.servers)
        server.of(REALTIME_NAMESPACE).local.emit('resync', { reason: 'redis-reconnected' });
    });
  }

  /**
   * The adapter subscribes on a duplicate of our client and drops the promise: closed before that connection was
   * ready (a short-lived process, a quick shutdown), the queued SUBSCRIBE is rejected with "Connection is closed"
   * and nothing handles it. A failure while running needs no handling either (ioredis subscribes again when it
   * reconnects), so it is logged, never left as an unhandled rejection.
   */
  private catchSubscribeFailures(): void {
    const duplicate = this.redis.duplicate.bind(this.redis);
    this.redis.duplicate = (...args: Parameters<IORedis['duplicate']>) => {
      const client = duplicate(...args);
      const subscribe = client.subscribe.bind(client) as (...channels: string[]) => Promise<unknown>;
      (client as { subscribe: (...channels: string[]) => Promise<unknown> }).subscribe = (...channels) => {
        const result = subscribe(...channels);
        result.catch((error: unknown) =>
          this.log.debug({ err: error }, 'realtime: subscribe did not complete'),
        );
        return result;
      };
      return client;
    };
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const server = super.createIOServer(port, {
      ...options,
      path: '/socket.io',
      serveClient: false,
      cors: {
        origin: this.config.CORS_ORIGINS.length > 0 ? this.config.CORS_ORIGINS : false,
        credentials: true,
      },
      // The handshake middleware (token check) runs again on recovery: a revoked session does not come back.
      connectionStateRecovery: {
        maxDisconnectionDuration: this.config.REALTIME_RECOVERY_MS,
        skipMiddlewares: false,
      },
      adapter: createAdapter(this.redis, realtimeStreamOptions(this.config)),
    } as ServerOptions) as Server;
    this.servers.push(server);
    return server;
  }

  override async close(server: Server): Promise<void> {
    this.servers = this.servers.filter((s) => s !== server);
    await super.close(server);
    if (this.servers.length === 0) this.redis.disconnect();
  }
}
