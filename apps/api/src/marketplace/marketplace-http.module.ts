import { Module } from '@nestjs/common';
import { MarketplaceModule } from '@lc/marketplace';
import { MarketplaceController } from './marketplace.controller';
import { PerkImagesController } from './perk-images.controller';

@Module({ imports: [MarketplaceModule], controllers: [MarketplaceController, PerkImagesController] })
export class MarketplaceHttpModule {}
