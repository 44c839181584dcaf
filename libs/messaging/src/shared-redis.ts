import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import type IORedis from 'ioredis';
import { APP_CONFIG, AppConfig } from '@lc/core';
import { createRedis } from './redis-connection';

/**
 * One producer connection per process for the small Redis commands of request handling (throttle counters, the
 * refresh grace window): opened on first use, closed at shutdown, instead of one connection per service.
 */
@Injectable()
export class SharedRedis implements OnModuleDestroy {
  private connection: IORedis | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get client(): IORedis {
    this.connection ??= createRedis(this.config.REDIS_URL, 'producer', 'lc-shared');
    return this.connection;
  }

  onModuleDestroy(): void {
    this.connection?.disconnect();
    this.connection = null;
  }
}
