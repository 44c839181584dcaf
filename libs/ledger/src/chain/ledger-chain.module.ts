import { Logger, Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@lc/core';
import { LedgerChainSchedules } from './ledger-chain.schedules';
import { LedgerChainService } from './ledger-chain.service';
import { LEDGER_SIGNING_KEY, LedgerHasher } from './ledger-hasher';
import { LedgerReconciliation } from './reconciliation';
import { loadSigningKey } from './signing-key';

/**
 * Tamper evidence, read side (the API's): signed head, inclusion proofs, verification on demand. Holds no
 * signing key and never hashes transfers as they arrive.
 */
@Module({ providers: [LedgerChainService], exports: [LedgerChainService] })
export class LedgerChainModule {}

/**
 * The worker's side: the hasher that chains and seals (with the Ed25519 signing key), the hourly
 * reconciliation, and their schedules (LedgerChainSchedules).
 */
@Module({
  imports: [LedgerChainModule],
  providers: [
    {
      provide: LEDGER_SIGNING_KEY,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => {
        const key = loadSigningKey(config);
        if (key.ephemeral) {
          new Logger('LedgerChain').warn(
            { publicKey: key.publicKey },
            'LEDGER_SIGNING_KEY is not set: ledger blocks are signed with an ephemeral key made at start',
          );
        }
        return key;
      },
    },
    LedgerHasher,
    LedgerReconciliation,
    LedgerChainSchedules,
  ],
  exports: [LEDGER_SIGNING_KEY, LedgerHasher, LedgerReconciliation, LedgerChainModule],
})
export class LedgerChainWorkerModule {}
