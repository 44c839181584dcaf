// What other code imports from @lc/marketplace; everything else in this folder is the library's own.

// Modules
export { MarketplaceModule, MarketplaceWorkerModule } from './marketplace.module';

// Services
export { PerksService } from './perks.service';
export { PERK_IMAGE_PATH_PATTERN, PERK_IMAGE_TYPES, PerkImagesService } from './perk-images.service';
export { RedemptionsService } from './redemptions.service';
export { RedemptionBatcher } from './redemption-batcher';
export type { RedemptionOutcome, RedemptionRequest } from './redemption-batcher';
export { PartnersService } from './partners.service';
export { EndorsementsService } from './endorsements.service';

// Events
export { MarketplaceEvents, REDEMPTION_CHANGES } from './marketplace.events';
export type { RedemptionFacts } from './marketplace.events';
