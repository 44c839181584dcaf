import { Module } from '@nestjs/common';
import { LedgerChainModule } from '@lc/ledger';

@Module({ imports: [LedgerChainModule], controllers: [] })
export class LedgerChainHttpModule {}
