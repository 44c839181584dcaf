import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@lc/core';
import { LedgerService } from './ledger.service';

/** In the worker: voids expired holds every HOLD_EXPIRY_SWEEP_MS (several replicas may sweep; resolution is once). */
@Injectable()
export class HoldExpiryRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(HoldExpiryRunner.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(
    private readonly ledger: LedgerService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.ledger
        .voidExpiredHolds()
        .then((count) => count && this.logger.log({ count }, 'expired holds voided'))
        .catch((error: unknown) => this.logger.error({ err: error }, 'hold expiry sweep failed'))
        .finally(() => (this.running = null));
    }, this.config.HOLD_EXPIRY_SWEEP_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }
}
