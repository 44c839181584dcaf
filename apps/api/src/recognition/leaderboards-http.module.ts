import { Module } from '@nestjs/common';
import { RecognitionModule } from '@lc/recognition';
import { LeaderboardsController } from './leaderboards.controller';

@Module({
  imports: [RecognitionModule],
  controllers: [LeaderboardsController],
})
export class LeaderboardsHttpModule {}
