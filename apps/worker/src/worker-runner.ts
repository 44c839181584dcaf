import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { createServer, Server } from 'node:http';
import { APP_CONFIG, AppConfig, metricsRegistry } from '@lc/core';
import { EventConsumer, OutboxRelay, Scheduler } from '@lc/messaging';

/**
 * Starts the consumers, the relay and the schedules once everything is wired, and serves /metrics (the worker has
 * no API).
 */
@Injectable()
export class WorkerRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WorkerRunner.name);
  private server: Server | null = null;

  constructor(
    private readonly consumer: EventConsumer,
    private readonly relay: OutboxRelay,
    private readonly scheduler: Scheduler,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.consumer.start();
    await this.relay.start();
    await this.scheduler.start();
    if (this.config.WORKER_METRICS_PORT > 0) {
      this.server = createServer((request, response) => {
        if (request.url === '/metrics') {
          void metricsRegistry.metrics().then((body) => {
            response.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' }).end(body);
          });
        } else if (request.url === '/health/live') {
          response.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
        } else {
          response.writeHead(404).end();
        }
      });
      await new Promise<void>((resolve) =>
        this.server!.listen(this.config.WORKER_METRICS_PORT, this.config.HOST, resolve),
      );
    }
    this.logger.log({ metricsPort: this.config.WORKER_METRICS_PORT }, 'worker started');
  }

  async onApplicationShutdown(signal?: string): Promise<void> {
    this.logger.log({ signal }, 'worker stopping: finishing in-flight jobs');
    await this.scheduler.stop();
    await this.relay.stop();
    await this.consumer.stop();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
