import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Schedule } from '@lc/messaging';
import { LedgerHasher } from './ledger-hasher';
import { LedgerReconciliation } from './reconciliation';

const HOUR_MS = 60 * 60 * 1000;

/**
 * The worker's tamper-evidence work, run by the scheduler: the hasher (chain and seal what has committed, every
 * LEDGER_HASH_INTERVAL_MS and at once after a start) and the hourly reconciliation (first 30 s after a start, so
 * the gauges are filled early).
 */
@Injectable()
export class LedgerChainSchedules implements OnApplicationBootstrap {
  private readonly logger = new Logger(LedgerChainSchedules.name);

  constructor(
    private readonly hasher: LedgerHasher,
    private readonly reconciliation: LedgerReconciliation,
  ) {}

  onApplicationBootstrap(): void {
    this.logger.log({ publicKey: this.hasher.publicKey }, 'ledger hasher started');
  }

  /** One hasher at a time across replicas (advisory lock); a failing one (database away) logs every 30 s at most. */
  @Schedule({
    name: 'ledger.chain-hash',
    every: 'LEDGER_HASH_INTERVAL_MS',
    runAtStart: { afterMs: 0 },
    failureLogEveryMs: 30_000,
    failureMessage: 'ledger hasher step failed; retrying',
  })
  async hash(): Promise<void> {
    await this.hasher.catchUp();
  }

  @Schedule({
    name: 'ledger.reconciliation',
    every: HOUR_MS,
    runAtStart: { afterMs: 30_000 },
    failureMessage: 'ledger reconciliation failed',
  })
  async reconcile(): Promise<void> {
    await this.reconciliation.run();
  }
}
