import { Module } from '@nestjs/common';
import { MarketplaceModule } from '@lc/marketplace';
import { MarketplaceController } from './marketplace.controller';

@Module({ imports: [MarketplaceModule], controllers: [MarketplaceController] })
export class MarketplaceHttpModule {}
