import { Module } from '@nestjs/common';

/** Tamper evidence: hash chain, Merkle blocks, signed head, proofs and verification. */
@Module({})
export class LedgerChainModule {}
