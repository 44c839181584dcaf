import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@lc/core';
import { LedgerHasher } from './ledger-hasher';
import { LedgerReconciliation } from './reconciliation';

const HOUR_MS = 60 * 60 * 1000;
/** The first reconciliation after start, so the gauges are filled early. */
const FIRST_RECONCILIATION_MS = 30_000;
/** A failing hasher (database away) logs at most this often. */
const ERROR_LOG_EVERY_MS = 30_000;

/**
 * In the worker: the hasher loop (catch up, then wait LEDGER_HASH_INTERVAL_MS) and an hourly reconciliation.
 * Stops before the connections close, waiting for a step or a reconciliation under way.
 */
@Injectable()
export class LedgerChainRunner implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(LedgerChainRunner.name);
  private stopped = false;
  private hashTimer: NodeJS.Timeout | null = null;
  private reconcileTimers: NodeJS.Timeout[] = [];
  private hashing: Promise<unknown> | null = null;
  private reconciling: Promise<unknown> | null = null;
  private lastErrorLoggedAt = 0;

  constructor(
    private readonly hasher: LedgerHasher,
    private readonly reconciliation: LedgerReconciliation,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.logger.log({ publicKey: this.hasher.publicKey }, 'ledger hasher started');
    this.scheduleHashing(0);
    this.reconcileTimers = [
      setTimeout(() => this.reconcile(), FIRST_RECONCILIATION_MS),
      setInterval(() => this.reconcile(), HOUR_MS),
    ];
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.hashTimer) clearTimeout(this.hashTimer);
    for (const timer of this.reconcileTimers) clearTimeout(timer);
    await Promise.all([this.hashing, this.reconciling]);
  }

  private scheduleHashing(delayMs: number): void {
    if (this.stopped) return;
    this.hashTimer = setTimeout(() => {
      this.hashing = this.hasher
        .catchUp()
        .catch((error: unknown) => {
          if (Date.now() - this.lastErrorLoggedAt < ERROR_LOG_EVERY_MS) return;
          this.lastErrorLoggedAt = Date.now();
          this.logger.error({ err: error }, 'ledger hasher step failed; retrying');
        })
        .finally(() => {
          this.hashing = null;
          this.scheduleHashing(this.config.LEDGER_HASH_INTERVAL_MS);
        });
    }, delayMs);
  }

  private reconcile(): void {
    if (this.stopped || this.reconciling) return;
    this.reconciling = this.reconciliation
      .run()
      .catch((error: unknown) => this.logger.error({ err: error }, 'ledger reconciliation failed'))
      .finally(() => (this.reconciling = null));
  }
}
