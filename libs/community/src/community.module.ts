import { Module } from '@nestjs/common';
import { ActivitiesModule } from '@lc/activities';
import { IdentityModule } from '@lc/identity';
import { InnovationsModule } from '@lc/innovations';
import { LedgerModule } from '@lc/ledger';
import { MarketplaceModule } from '@lc/marketplace';
import { RecognitionModule } from '@lc/recognition';
import { MessagingModule } from '@lc/messaging';
import { MailModule } from '@lc/mail';
import { AnnouncementsService } from './announcements.service';
import { CommunityEvents } from './community.events';
import { CommunityStatsService } from './community-stats.service';
import { FeedService } from './feed.service';
import { FeedSubscriber, FeedSubscription } from './feed.subscriber';
import { FollowsService } from './follows.service';
import { Lookups } from './lookups';
import { MailRunner } from './mail.runner';
import { NotificationsService } from './notifications.service';
import { NotificationsSubscriber, NotificationsSubscription } from './notifications.subscriber';

/** The feed, follows, notifications, announcements and the public numbers (what the API serves). */
@Module({
  imports: [
    // Levels reached are in the feed and the inbox: their event is declared by recognition.
    RecognitionModule,
    // Certificates issued are in the inbox and e-mail: their event is declared by activities.
    ActivitiesModule,
    MessagingModule.forFeature('community', {
      events: CommunityEvents,
      subscriptions: [FeedSubscription, NotificationsSubscription],
    }),
  ],
  providers: [FeedService, FollowsService, NotificationsService, AnnouncementsService, CommunityStatsService],
  exports: [
    RecognitionModule,
    FeedService,
    FollowsService,
    NotificationsService,
    AnnouncementsService,
    CommunityStatsService,
  ],
})
export class CommunityModule {}

/**
 * The worker's side: fan-out of events into feeds and inboxes, live pushes, e-mail and the daily digest. The
 * titles and names in their texts come from the innovations' and marketplace's services (Lookups).
 */
@Module({
  imports: [
    CommunityModule,
    ActivitiesModule,
    LedgerModule,
    IdentityModule,
    MailModule,
    InnovationsModule,
    MarketplaceModule,
  ],
  providers: [Lookups, FeedSubscriber, NotificationsSubscriber, MailRunner],
  exports: [MailRunner],
})
export class CommunityWorkerModule {}
