import { Injectable, Logger } from '@nestjs/common';
import { Schedule } from '@lc/messaging';
import { RedemptionsService } from './redemptions.service';

/** The marketplace's periodic work, run by the worker's scheduler once per tick across replicas. */
@Injectable()
export class MarketplaceSchedules {
  private readonly logger = new Logger(MarketplaceSchedules.name);

  constructor(private readonly redemptions: RedemptionsService) {}

  /** Manual redemptions not fulfilled by their deadline are voided (points and stock return). */
  @Schedule({
    name: 'marketplace.redemption-expiry',
    every: 'REDEMPTION_EXPIRY_SWEEP_MS',
    failureMessage: 'redemption expiry sweep failed',
  })
  async expireOverdue(): Promise<void> {
    const count = await this.redemptions.expireOverdue();
    if (count) this.logger.log({ count }, 'overdue redemptions voided');
  }
}
