import { Module } from '@nestjs/common';
import { LedgerChainModule } from '@lc/ledger';
import { LedgerChainController } from './ledger-chain.controller';

@Module({ imports: [LedgerChainModule], controllers: [LedgerChainController] })
export class LedgerChainHttpModule {}
