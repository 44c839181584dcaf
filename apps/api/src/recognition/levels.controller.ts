import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor } from '@lc/identity';
import { LevelsService, NominationsService } from '@lc/recognition';
import { Authenticated, CurrentActor, Roles } from '../auth/access.decorators';
import { NominateDto, NominationsQuery, RecognitionReasonDto, UpdateLevelCriteriaDto } from './levels.dto';
import {
  LevelCriteriaResponse,
  MyLevelResponse,
  NominationPageResponse,
  NominationResponse,
} from './levels.responses';

/** Levels (member → practitioner → change agent → influencer), their criteria, and nominations for Influencer. */
@ApiTags('recognition')
@Controller()
export class LevelsController {
  constructor(
    private readonly levels: LevelsService,
    private readonly nominations: NominationsService,
  ) {}

  @Authenticated()
  @Get('me/level')
  @ApiOperation({
    summary:
      'My level and the next one’s criteria with my progress on each ("2 of 3 innovations rated ≥ 4.0 by at least ' +
      '3 peers"); next is null at the top',
  })
  @ApiOkResponse({ type: MyLevelResponse })
  myLevel(@CurrentActor() actor: Actor) {
    return this.levels.myLevel(actor);
  }

  @Roles('obec_admin')
  @Get('admin/recognition/levels')
  @ApiOperation({ summary: 'What each level asks, and every criterion a level may ask (OBEC admins)' })
  @ApiOkResponse({ type: LevelCriteriaResponse })
  criteria() {
    return this.levels.criteriaView();
  }

  @Roles('obec_admin')
  @Put('admin/recognition/levels')
  @ApiOperation({
    summary:
      'Set what levels ask: each level named is replaced whole (audited). Levels reached are kept; members who ' +
      'meet new criteria are promoted at their next qualifying event',
  })
  @ApiOkResponse({ type: LevelCriteriaResponse })
  updateCriteria(@CurrentActor() actor: Actor, @Body() body: UpdateLevelCriteriaDto) {
    return this.levels.updateCriteria(actor, body);
  }

  @Roles('obec_admin')
  @Post('admin/recognition/members/:id/levels/:level/revoke')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Take a level back with a reason (audited); the levels above it go with it and are not earned again',
  })
  @ApiOkResponse({ type: MyLevelResponse })
  revoke(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) memberId: string,
    @Param('level') level: string,
    @Body() body: RecognitionReasonDto,
  ) {
    return this.levels.revoke(actor, memberId, level, body.reason);
  }

  @Roles('area_admin', 'obec_admin')
  @Post('recognition/nominations')
  @ApiOperation({
    summary:
      'Nominate a Change Agent of your area for Influencer, with a statement (area admins; one waiting nomination ' +
      'per member)',
  })
  @ApiCreatedResponse({ type: NominationResponse })
  nominate(@CurrentActor() actor: Actor, @Body() body: NominateDto) {
    return this.nominations.nominate(actor, body);
  }

  @Roles('area_admin', 'obec_admin')
  @Get('recognition/nominations')
  @ApiOperation({ summary: 'Nominations of your areas (every area for OBEC admins), newest first' })
  @ApiOkResponse({ type: NominationPageResponse })
  list(@CurrentActor() actor: Actor, @Query() query: NominationsQuery) {
    return this.nominations.list(actor, query);
  }

  @Roles('obec_admin')
  @Post('admin/recognition/nominations/:id/approve')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Approve a nomination: the member becomes an Influencer when the rest is met too',
  })
  @ApiOkResponse({ type: NominationResponse })
  approve(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.nominations.approve(actor, id);
  }

  @Roles('obec_admin')
  @Post('admin/recognition/nominations/:id/reject')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reject a nomination with a reason (audited)' })
  @ApiOkResponse({ type: NominationResponse })
  reject(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: RecognitionReasonDto,
  ) {
    return this.nominations.reject(actor, id, body.reason);
  }
}
