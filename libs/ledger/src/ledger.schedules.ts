import { Injectable, Logger } from '@nestjs/common';
import { Schedule } from '@lc/messaging';
import { LedgerService } from './ledger.service';

/** The ledger's periodic work, run by the worker's scheduler once per tick across replicas. */
@Injectable()
export class LedgerSchedules {
  private readonly logger = new Logger(LedgerSchedules.name);

  constructor(private readonly ledger: LedgerService) {}

  /** Voids holds whose expiry has passed (each hold is resolved once, whoever sweeps). */
  @Schedule({
    name: 'ledger.hold-expiry',
    every: 'HOLD_EXPIRY_SWEEP_MS',
    failureMessage: 'hold expiry sweep failed',
  })
  async voidExpiredHolds(): Promise<void> {
    const count = await this.ledger.voidExpiredHolds();
    if (count) this.logger.log({ count }, 'expired holds voided');
  }
}
