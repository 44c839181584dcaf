import { Module } from '@nestjs/common';
import { IdentityModule } from '@lc/identity';
import { AwardService } from './awards/award.service';
import { LedgerSubscriber } from './awards/ledger.subscriber';
import { RulesRepository } from './awards/rules.repository';
import { LedgerService } from './ledger.service';
import { HoldExpiryRunner } from './hold-expiry.runner';
import { WalletService } from './wallet.service';

/** The points ledger: transfers, wallets, earning rules. */
@Module({
  imports: [IdentityModule],
  providers: [LedgerService, RulesRepository, WalletService],
  exports: [LedgerService, WalletService],
})
export class LedgerModule {}

/** The worker's side: awards from events. */
@Module({
  imports: [LedgerModule, IdentityModule],
  providers: [RulesRepository, AwardService, LedgerSubscriber, HoldExpiryRunner],
  exports: [AwardService],
})
export class LedgerWorkerModule {}
