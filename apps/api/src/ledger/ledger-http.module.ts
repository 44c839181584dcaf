import { Module } from '@nestjs/common';
import { LedgerModule } from '@lc/ledger';
import { WalletController } from './wallet.controller';

@Module({ imports: [LedgerModule], controllers: [WalletController] })
export class LedgerHttpModule {}
