// What other code imports from @lc/community; everything else in this folder is the library's own.

// Modules
export { CommunityModule, CommunityWorkerModule } from './community.module';

// Services
export { AnnouncementsService } from './announcements.service';
export { CommunityStatsService } from './community-stats.service';
export { FEED_SCOPES, FeedService } from './feed.service';
export { FollowsService } from './follows.service';
export { NotificationsService } from './notifications.service';
export { MailRunner } from './mail.runner';

// Event subscriptions (tests and the demo seed run them directly)
export { FeedSubscription } from './feed.subscriber';
export { NotificationsSubscription } from './notifications.subscriber';

// Values and types of the HTTP contract
export { NOTIFICATION_TYPES } from './notification-types';
export type { FeedScope } from './feed.service';
