// What other code imports from @lc/ledger; everything else in this folder is the library's own.

// Modules
export { LedgerModule, LedgerWorkerModule } from './ledger.module';
export { LedgerChainModule, LedgerChainWorkerModule } from './chain';

// Services
export { LedgerService } from './ledger.service';
export { WalletService } from './wallet.service';
export { AwardService } from './awards/award.service';
export { LedgerChainService } from './chain';

// Events and their subscription
export { LedgerEvents } from './ledger.events';
export { LedgerSubscription } from './awards/ledger.subscriber';

// Accounts and transfers
export { ISSUANCE, memberWallet, partnerClearing } from './ledger.types';
export type { TransferSpec } from './ledger.types';

// Hash chain: hashing, proofs, verification (the chain tests check them from outside)
export {
  LedgerHasher,
  LedgerReconciliation,
  REDACTED_PROOF_FORMAT,
  TRANSFER_COLUMNS_SQL,
  TRANSFER_JSON_SQL,
  blockMessage,
  canonicalTransferJson,
  chainHashHex,
  parseSigningKey,
  reconcileLedger,
  rootFromPath,
  verifyChain,
  verifyProof,
} from './chain';
export type { LedgerProof, RedactedLedgerProof } from './chain';
