import { Module } from '@nestjs/common';
import { CommunityModule } from '@lc/community';
import { CommunityController } from './community.controller';

@Module({ imports: [CommunityModule], controllers: [CommunityController] })
export class CommunityHttpModule {}
