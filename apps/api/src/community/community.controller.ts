import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiExtraModels,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import {
  AnnouncementsService,
  CommunityStatsService,
  FeedService,
  FollowsService,
  NotificationsService,
} from '@lc/community';
import type { Actor } from '@lc/identity';
import { Authenticated, CurrentActor, Public, Roles } from '../auth/access.decorators';
import { CursorQuery } from '../identity/identity.dto';
import {
  AnnouncementDto,
  ChannelsDto,
  FeedQuery,
  FollowDto,
  MarkReadDto,
  PreferencesDto,
} from './community.dto';
import {
  AnnouncementResponse,
  COMMUNITY_EXTRA_MODELS,
  CommunityStatsResponse,
  FeedPageResponse,
  FollowListResponse,
  FollowResponse,
  NotificationInboxResponse,
  NotificationPreferencesResponse,
  NotificationUnreadResponse,
} from './community.responses';

@ApiTags('community')
@ApiExtraModels(...COMMUNITY_EXTRA_MODELS, ChannelsDto)
@Controller()
export class CommunityController {
  constructor(
    private readonly feed: FeedService,
    private readonly follows: FollowsService,
    private readonly notifications: NotificationsService,
    private readonly announcements: AnnouncementsService,
    private readonly communityStats: CommunityStatsService,
  ) {}

  @Public()
  @Get('community/stats')
  @ApiOkResponse({ type: CommunityStatsResponse })
  @ApiOperation({
    summary:
      'The community in numbers for the public landing page: members, published innovations, ratings, comments, adoptions, points issued (refreshed every 30 seconds)',
  })
  stats() {
    return this.communityStats.stats();
  }

  @Authenticated()
  @Get('feed')
  @ApiOkResponse({ type: FeedPageResponse })
  @ApiOperation({
    summary: 'A feed, newest first: global, my area, my school, who and what I follow, or mine',
  })
  read(@CurrentActor() actor: Actor, @Query() query: FeedQuery) {
    return this.feed.read(actor, query.scope ?? 'global', query.cursor);
  }

  @Authenticated()
  @Post('follows')
  @ApiCreatedResponse({ type: FollowResponse })
  @ApiOperation({ summary: 'Follow a member or a learning area' })
  follow(@CurrentActor() actor: Actor, @Body() body: FollowDto) {
    return this.follows.follow(actor, body.targetType, body.targetId);
  }

  @Authenticated()
  @Delete('follows/:id')
  @HttpCode(204)
  @ApiNoContentResponse()
  async unfollow(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    await this.follows.unfollow(actor, id);
  }

  @Authenticated()
  @Get('follows')
  @ApiOkResponse({ type: FollowListResponse })
  list(@CurrentActor() actor: Actor) {
    return this.follows.list(actor);
  }

  @Authenticated()
  @Get('notifications')
  @ApiOkResponse({ type: NotificationInboxResponse })
  @ApiOperation({ summary: 'My inbox, newest first, with the unread count' })
  inbox(@CurrentActor() actor: Actor, @Query() query: CursorQuery) {
    return this.notifications.inbox(actor, query.cursor);
  }

  @Authenticated()
  @Post('notifications/read')
  @HttpCode(200)
  @ApiOkResponse({ type: NotificationUnreadResponse })
  @ApiOperation({ summary: 'Mark some ({ids}) or all ({all: true}) of my notifications read' })
  markRead(@CurrentActor() actor: Actor, @Body() body: MarkReadDto) {
    return this.notifications.markRead(actor, body);
  }

  @Authenticated()
  @Get('me/notification-preferences')
  @ApiOkResponse({ type: NotificationPreferencesResponse })
  preferences(@CurrentActor() actor: Actor) {
    return this.notifications.preferences(actor.memberId);
  }

  @Authenticated()
  @Put('me/notification-preferences')
  @ApiOkResponse({ type: NotificationPreferencesResponse })
  @ApiOperation({ summary: 'Per type: in the app and/or by e-mail; and the daily digest' })
  updatePreferences(@CurrentActor() actor: Actor, @Body() body: PreferencesDto) {
    return this.notifications.updatePreferences(actor, body);
  }

  @Roles('obec_admin', 'area_admin')
  @Post('admin/announcements')
  @ApiCreatedResponse({ type: AnnouncementResponse })
  @ApiOperation({ summary: 'Announce nationally (OBEC) or to one area (OBEC, or that area’s admin)' })
  announce(@CurrentActor() actor: Actor, @Body() body: AnnouncementDto) {
    return this.announcements.create(actor, body);
  }
}
