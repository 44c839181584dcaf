import { Module } from '@nestjs/common';
import { IdentityModule } from '@lc/identity';
import { MessagingModule } from '@lc/messaging';
import { AwardService } from './awards/award.service';
import { LedgerSubscriber, LedgerSubscription } from './awards/ledger.subscriber';
import { LedgerEvents } from './ledger.events';
import { RulesRepository } from './awards/rules.repository';
import { LedgerService } from './ledger.service';
import { LedgerSchedules } from './ledger.schedules';
import { WalletService } from './wallet.service';

/** The points ledger: transfers, wallets, earning rules; its events and the ledger subscriber's subscription. */
@Module({
  imports: [
    IdentityModule,
    MessagingModule.forFeature('ledger', { events: LedgerEvents, subscriptions: [LedgerSubscription] }),
  ],
  providers: [LedgerService, RulesRepository, WalletService],
  exports: [LedgerService, WalletService],
})
export class LedgerModule {}

/** The worker's side: awards from events, hold expiry. */
@Module({
  imports: [LedgerModule, IdentityModule],
  providers: [RulesRepository, AwardService, LedgerSubscriber, LedgerSchedules],
  exports: [AwardService],
})
export class LedgerWorkerModule {}
