import { ApiProperty, ApiPropertyOptions, getSchemaPath } from '@nestjs/swagger';
import { FEED_SCOPES, NOTIFICATION_TYPES } from '@lc/community';

/**
 * The answers of the community routes (feed, follows, notifications, preferences, announcements), for the OpenAPI
 * document the web app's client is generated from. Shapes as FeedService, FollowsService, NotificationsService and
 * AnnouncementsService build them.
 */

const NOTIFICATION_TYPE_CODES = Object.keys(NOTIFICATION_TYPES);
const LINK_TYPES = ['innovation', 'perk', 'announcement', 'transfer', 'redemption', 'level', 'badge'];

/** What a feed item or a notification leads to; inline (not a $ref) so that `nullable` holds for the object. */
const LINK_SCHEMA: ApiPropertyOptions = {
  type: 'object',
  nullable: true,
  description: 'What the item leads to (the web app builds the URL from it)',
  properties: {
    type: { type: 'string', enum: LINK_TYPES },
    id: { type: 'string', format: 'uuid' },
  },
  required: ['type', 'id'],
  selfRequired: true,
};

export class CommunityTextResponse {
  @ApiProperty({ type: String }) th!: string;
  @ApiProperty({ type: String }) en!: string;
}

export class FeedItemResponse {
  @ApiProperty({ type: String, format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, description: 'The event that wrote the item, e.g. innovation.published' })
  kind!: string;
  @ApiProperty({ enum: FEED_SCOPES }) scope!: string;
  @ApiProperty({
    type: 'object',
    nullable: true,
    description: 'Who did it (null for system items)',
    properties: {
      id: { type: 'string', format: 'uuid' },
      displayName: { type: 'string' },
      level: { type: 'string', enum: ['member', 'practitioner', 'change_agent', 'influencer'] },
    },
    required: ['id', 'displayName', 'level'],
    selfRequired: true,
  })
  actor!: { id: string; displayName: string; level: string } | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) innovationId!: string | null;
  @ApiProperty({ type: () => CommunityTextResponse }) title!: CommunityTextResponse;
  @ApiProperty({ type: () => CommunityTextResponse }) body!: CommunityTextResponse;
  @ApiProperty(LINK_SCHEMA) link!: { type: string; id: string } | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: string;
}

export class FeedPageResponse {
  @ApiProperty({ type: [FeedItemResponse] }) items!: FeedItemResponse[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

export class FollowMemberTargetResponse {
  @ApiProperty({ type: String, description: 'The followed member’s display name (empty once erased)' })
  displayName!: string;
}

export class FollowLearningAreaTargetResponse {
  @ApiProperty({ type: () => CommunityTextResponse, description: 'The learning area’s name' })
  label!: CommunityTextResponse;
}

export class FollowResponse {
  @ApiProperty({ type: String, format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['member', 'learningArea'] }) targetType!: 'member' | 'learningArea';
  @ApiProperty({ type: String, description: 'A member id, or a learning area code of the taxonomy' })
  targetId!: string;
  @ApiProperty({
    description: 'A member: {displayName}; a learning area: {label}',
    oneOf: [
      { $ref: getSchemaPath(FollowMemberTargetResponse) },
      { $ref: getSchemaPath(FollowLearningAreaTargetResponse) },
    ],
  })
  target!: FollowMemberTargetResponse | FollowLearningAreaTargetResponse;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: string;
}

export class FollowListResponse {
  @ApiProperty({ type: [FollowResponse] }) items!: FollowResponse[];
  @ApiProperty({ type: String, nullable: true, description: 'Always null: the list is not paged' })
  nextCursor!: string | null;
}

export class NotificationResponse {
  @ApiProperty({ type: String, format: 'uuid' }) id!: string;
  @ApiProperty({ enum: NOTIFICATION_TYPE_CODES }) type!: string;
  @ApiProperty({ type: () => CommunityTextResponse }) title!: CommunityTextResponse;
  @ApiProperty({ type: () => CommunityTextResponse }) body!: CommunityTextResponse;
  @ApiProperty(LINK_SCHEMA) link!: { type: string; id: string } | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) actorId!: string | null;
  @ApiProperty({ type: Boolean }) read!: boolean;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: string;
}

export class NotificationInboxResponse {
  @ApiProperty({ type: [NotificationResponse] }) items!: NotificationResponse[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
  @ApiProperty({ type: 'integer', description: 'Unread notifications in the inbox, all pages' })
  unread!: number;
}

export class NotificationUnreadResponse {
  @ApiProperty({ type: 'integer', description: 'Unread notifications left' }) unread!: number;
}

export class NotificationChannelsResponse {
  @ApiProperty({ type: Boolean }) inApp!: boolean;
  @ApiProperty({ type: Boolean }) email!: boolean;
}

export class NotificationPreferencesResponse {
  @ApiProperty({
    type: 'object',
    description: `Per notification type (every one of: ${NOTIFICATION_TYPE_CODES.join(', ')}): {inApp, email}`,
    additionalProperties: { $ref: getSchemaPath(NotificationChannelsResponse) },
  })
  channels!: Record<string, NotificationChannelsResponse>;
  @ApiProperty({ enum: ['off', 'daily'] }) digest!: 'off' | 'daily';
}

export class AnnouncementResponse {
  @ApiProperty({ type: String, format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['national', 'area'] }) scope!: 'national' | 'area';
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The area (scope area)' })
  areaId!: string | null;
  @ApiProperty({ type: String }) title!: string;
  @ApiProperty({ type: String }) body!: string;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: string;
}

export class CommunityStatsResponse {
  @ApiProperty({ type: 'integer', description: 'Active members', example: 12840 }) members!: number;
  @ApiProperty({ type: 'integer', description: 'Published innovations', example: 1520 }) innovations!: number;
  @ApiProperty({ type: 'integer', description: 'Ratings of published innovations', example: 8410 })
  ratings!: number;
  @ApiProperty({
    type: 'integer',
    description: 'Comments (not deleted) on published innovations',
    example: 5230,
  })
  comments!: number;
  @ApiProperty({
    type: 'integer',
    description: 'Recorded classroom uses of published innovations',
    example: 960,
  })
  adoptions!: number;
  @ApiProperty({
    type: 'integer',
    description: 'Points members have earned in all (awards and adjustments, less reversals)',
    example: 251400,
  })
  pointsIssued!: number;
}

/** Referenced only through $ref (oneOf, additionalProperties): registered with @ApiExtraModels. */
export const COMMUNITY_EXTRA_MODELS = [
  FollowMemberTargetResponse,
  FollowLearningAreaTargetResponse,
  NotificationChannelsResponse,
];
