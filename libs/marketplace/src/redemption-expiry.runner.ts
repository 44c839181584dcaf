import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@lc/core';
import { RedemptionsService } from './redemptions.service';

/** In the worker: manual redemptions not fulfilled by their deadline are voided (points and stock return). */
@Injectable()
export class RedemptionExpiryRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RedemptionExpiryRunner.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(
    private readonly redemptions: RedemptionsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.redemptions
        .expireOverdue()
        .then((count) => count && this.logger.log({ count }, 'overdue redemptions voided'))
        .catch((error: unknown) => this.logger.error({ err: error }, 'redemption expiry sweep failed'))
        .finally(() => (this.running = null));
    }, this.config.HOLD_EXPIRY_SWEEP_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }
}
