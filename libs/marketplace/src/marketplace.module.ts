import { Module } from '@nestjs/common';
import { IdentityModule } from '@lc/identity';
import { InnovationsModule } from '@lc/innovations';
import { LedgerModule } from '@lc/ledger';
import { EndorsementsService } from './endorsements.service';
import { PartnersService } from './partners.service';
import { PerkImagesService } from './perk-images.service';
import { PerksService } from './perks.service';
import { RedemptionBatcher } from './redemption-batcher';
import { RedemptionExpiryRunner } from './redemption-expiry.runner';
import { RedemptionsService } from './redemptions.service';

/** Partners, perks (and their uploaded pictures), redemptions that never oversell, vouchers and endorsements. */
@Module({
  imports: [IdentityModule, LedgerModule, InnovationsModule],
  providers: [
    PartnersService,
    PerkImagesService,
    PerksService,
    RedemptionBatcher,
    RedemptionsService,
    EndorsementsService,
  ],
  exports: [PartnersService, PerkImagesService, PerksService, RedemptionsService, EndorsementsService],
})
export class MarketplaceModule {}

/** The worker's side: the deadline sweep. */
@Module({ imports: [MarketplaceModule], providers: [RedemptionExpiryRunner] })
export class MarketplaceWorkerModule {}
