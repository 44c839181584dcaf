import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor } from '@lc/identity';
import { LeaderboardsService } from '@lc/recognition';
import { Authenticated, CurrentActor } from '../auth/access.decorators';
import { LeaderboardQueryDto } from './leaderboards.dto';
import { LeaderboardResponse } from './leaderboards.responses';

/**
 * The leaderboards. Signed-in members only: boards name teachers and their schools, which is for the community,
 * not for the open web (a member's public portfolio is their own choice).
 */
@ApiTags('recognition')
@Controller('leaderboards')
export class LeaderboardsController {
  constructor(private readonly leaderboards: LeaderboardsService) {}

  @Authenticated()
  @Get()
  @ApiOperation({
    summary:
      'A leaderboard: points earned, adoptions received or quality, per week, month, term, fiscal year or all time, ' +
      'nationally, per area or per school, optionally for one learning area or competency; with my own place ' +
      '(also outside the top) and the places around it',
  })
  @ApiOkResponse({ type: LeaderboardResponse })
  read(@CurrentActor() actor: Actor, @Query() query: LeaderboardQueryDto) {
    return this.leaderboards.read(actor, query);
  }
}
