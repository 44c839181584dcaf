import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Actor } from '@lc/identity';
import { BadgesService } from '@lc/recognition';
import { CurrentActor, Public, Roles } from '../auth/access.decorators';
import { BadgeFieldsDto, CreateBadgeDto } from './badges.dto';
import { BadgeAwardResponse, BadgeResponse } from './badges.responses';
import { RecognitionReasonDto } from './levels.dto';

/** Badges: their definitions (public, and the achievements their credentials name), awards, and OBEC's editing. */
@ApiTags('recognition')
@Controller()
export class BadgesController {
  constructor(private readonly badges: BadgesService) {}

  @Public()
  @Get('badges')
  @ApiOperation({ summary: 'The badges members can earn, with how each is earned (Thai and English)' })
  @ApiOkResponse({ type: [BadgeResponse] })
  list() {
    return this.badges.list();
  }

  @Public()
  @Get('badges/:code')
  @ApiOperation({ summary: 'One badge: the achievement its credentials name' })
  @ApiOkResponse({ type: BadgeResponse })
  get(@Param('code') code: string) {
    return this.badges.get(code);
  }

  @Public()
  @Get('badges/:code/image.svg')
  @ApiOperation({ summary: 'The badge’s picture (SVG)' })
  @ApiProduces('image/svg+xml')
  @ApiOkResponse({ description: 'The picture', schema: { type: 'string' } })
  async image(@Param('code') code: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const svg = await this.badges.image(code);
    void reply
      .header('content-type', 'image/svg+xml; charset=utf-8')
      .header('cache-control', 'public, max-age=3600')
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; sandbox");
    return svg;
  }

  @Public()
  @Get('members/:id/badges')
  @ApiOperation({ summary: 'A member’s badges, each with its verifiable credential' })
  @ApiOkResponse({ type: [BadgeAwardResponse] })
  awards(@Param('id', ParseUUIDPipe) memberId: string) {
    return this.badges.awardsOf(memberId);
  }

  @Roles('obec_admin')
  @Get('admin/recognition/badges')
  @ApiOperation({ summary: 'Every badge, inactive ones too (OBEC admins)' })
  @ApiOkResponse({ type: [BadgeResponse] })
  all() {
    return this.badges.list(true);
  }

  @Roles('obec_admin')
  @Post('admin/recognition/badges')
  @ApiOperation({
    summary: 'A new badge (audited); members who meet it receive it at their next qualifying event',
  })
  @ApiCreatedResponse({ type: BadgeResponse })
  create(@CurrentActor() actor: Actor, @Body() body: CreateBadgeDto) {
    return this.badges.create(actor, body);
  }

  @Roles('obec_admin')
  @Put('admin/recognition/badges/:code')
  @ApiOperation({ summary: 'Change a badge’s texts, criterion or activity (audited); awards stay' })
  @ApiOkResponse({ type: BadgeResponse })
  update(@CurrentActor() actor: Actor, @Param('code') code: string, @Body() body: BadgeFieldsDto) {
    return this.badges.update(actor, code, body);
  }

  @Roles('obec_admin')
  @Post('admin/recognition/badge-awards/:id/revoke')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Take a badge back with a reason (audited): its credential is revoked in the published status list',
  })
  @ApiOkResponse({ type: BadgeAwardResponse })
  revoke(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: RecognitionReasonDto,
  ) {
    return this.badges.revokeAward(actor, id, body.reason);
  }
}
