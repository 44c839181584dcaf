// What the ledger's index re-exports from chain/ (and the ledger benchmark loads).

// Modules and services
export { LedgerChainModule, LedgerChainWorkerModule } from './ledger-chain.module';
export { LedgerChainService } from './ledger-chain.service';
export { LedgerHasher } from './ledger-hasher';
export { LedgerReconciliation, reconcileLedger } from './reconciliation';

// Canonical form, hashing and signing
export { TRANSFER_COLUMNS_SQL, TRANSFER_JSON_SQL, canonicalTransferJson } from './canonical';
export { blockMessage, chainHashHex, rootFromPath } from './chain-crypto';
export { parseSigningKey } from './signing-key';

// Proofs and verification (scripts/bench/ledger.ts requires this file for measureVerificationRate)
export { REDACTED_PROOF_FORMAT, verifyProof } from './proof';
export type { LedgerProof, RedactedLedgerProof } from './proof';
export { measureVerificationRate, verifyChain } from './verify-chain';
