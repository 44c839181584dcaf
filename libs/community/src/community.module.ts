import { Module } from '@nestjs/common';
import { IdentityModule } from '@lc/identity';
import { LedgerModule } from '@lc/ledger';
import { AnnouncementsService } from './announcements.service';
import { CommunityStatsService } from './community-stats.service';
import { FeedService } from './feed.service';
import { FeedSubscriber } from './feed.subscriber';
import { FollowsService } from './follows.service';
import { MailRunner } from './mail.runner';
import { MailService } from './mail.service';
import { NotificationsService } from './notifications.service';
import { NotificationsSubscriber } from './notifications.subscriber';

/** The feed, follows, notifications, announcements and the public numbers (what the API serves). */
@Module({
  providers: [FeedService, FollowsService, NotificationsService, AnnouncementsService, CommunityStatsService],
  exports: [FeedService, FollowsService, NotificationsService, AnnouncementsService, CommunityStatsService],
})
export class CommunityModule {}

/** The worker's side: fan-out of events into feeds and inboxes, live pushes, e-mail and the daily digest. */
@Module({
  imports: [CommunityModule, LedgerModule, IdentityModule],
  providers: [FeedSubscriber, NotificationsSubscriber, MailService, MailRunner],
  exports: [MailRunner],
})
export class CommunityWorkerModule {}
