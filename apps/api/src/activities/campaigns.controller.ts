import { Body, Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CampaignsService } from '@lc/activities';
import { Actor } from '@lc/identity';
import { Authenticated, CurrentActor, Roles } from '../auth/access.decorators';
import { CreateCampaignDto } from './campaigns.dto';
import { CampaignProgressResponse, CampaignResponse } from './campaigns.responses';

/** Campaigns and challenges (issue 18 §6): time-boxed goals with a bonus, progress for each member and a badge. */
@ApiTags('activities')
@Controller()
export class CampaignsController {
  constructor(private readonly campaigns: CampaignsService) {}

  @Roles('obec_admin', 'area_admin')
  @Post('admin/campaigns')
  @ApiOperation({
    summary:
      'Create a campaign (audited): national (OBEC admins) or for one area (its area admins; 403 ' +
      'CAMPAIGN_SCOPE_FORBIDDEN for another area), a goal, a target per member, a window, a bonus per qualifying ' +
      'action inside the window and optionally a badge of criterion "campaign" given on completion.',
  })
  @ApiCreatedResponse({ type: CampaignResponse })
  create(@CurrentActor() actor: Actor, @Body() body: CreateCampaignDto) {
    return this.campaigns.create(actor, body);
  }

  @Authenticated()
  @Get('campaigns')
  @ApiOperation({
    summary:
      'The running and upcoming campaigns of the nation and of the caller’s area (and of the areas they ' +
      'administer), the soonest to end first, each with the caller’s own progress',
  })
  @ApiOkResponse({ type: [CampaignResponse] })
  list(@CurrentActor() actor: Actor) {
    return this.campaigns.list(actor);
  }

  @Authenticated()
  @Get('campaigns/:id/progress')
  @ApiOperation({
    summary:
      'The caller’s progress in a campaign (an area campaign: members of that area and its admins; 404 for ' +
      'others); OBEC admins and the area’s admins also see how many took part and completed',
  })
  @ApiOkResponse({ type: CampaignProgressResponse })
  progress(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.campaigns.progress(actor, id);
  }
}
