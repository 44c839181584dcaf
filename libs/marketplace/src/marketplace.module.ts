import { Module } from '@nestjs/common';
import { IdentityModule } from '@lc/identity';
import { InnovationsModule } from '@lc/innovations';
import { LedgerModule } from '@lc/ledger';
import { MessagingModule } from '@lc/messaging';
import { StorageModule } from '@lc/storage';
import { EndorsementsService } from './endorsements.service';
import { MarketplaceEvents } from './marketplace.events';
import { PartnersRepository } from './partners.repository';
import { PartnersService } from './partners.service';
import { PerkImagesService } from './perk-images.service';
import { PerksRepository } from './perks.repository';
import { PerksService } from './perks.service';
import { RedemptionBatcher } from './redemption-batcher';
import { MarketplaceSchedules } from './marketplace.schedules';
import { RedemptionsRepository } from './redemptions.repository';
import { RedemptionsService } from './redemptions.service';

/** Partners, perks (and their uploaded pictures), redemptions that never oversell, vouchers and endorsements. */
@Module({
  imports: [
    IdentityModule,
    LedgerModule,
    InnovationsModule,
    StorageModule,
    MessagingModule.forFeature('marketplace', { events: MarketplaceEvents }),
  ],
  providers: [
    PartnersRepository,
    PartnersService,
    PerkImagesService,
    PerksRepository,
    PerksService,
    RedemptionBatcher,
    RedemptionsRepository,
    RedemptionsService,
    EndorsementsService,
  ],
  exports: [PartnersService, PerkImagesService, PerksService, RedemptionsService, EndorsementsService],
})
export class MarketplaceModule {}

/** The worker's side: the deadline sweep. */
@Module({ imports: [MarketplaceModule], providers: [MarketplaceSchedules] })
export class MarketplaceWorkerModule {}
