export * from './marketplace-errors';
export * from './marketplace.module';
export * from './perks.service';
export * from './redemptions.service';
export * from './redemption-batcher';
export * from './partners.service';
export * from './endorsements.service';
