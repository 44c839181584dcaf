import { Module } from '@nestjs/common';
import { IdentityModule } from '@lc/identity';
import { MessagingModule } from '@lc/messaging';
import { PdfWorkerModule } from '@lc/pdf';
import { StorageModule } from '@lc/storage';
import { ActivityEvents } from './activities.events';
import { AttendanceService } from './attendance/attendance.service';
import { CampaignsRepository } from './campaigns/campaigns.repository';
import { CampaignsService } from './campaigns/campaigns.service';
import { CampaignsSubscriber, CampaignsSubscription } from './campaigns/campaigns.subscriber';
import { CompletionSchedules } from './completion/completion.schedules';
import { CompletionService } from './completion/completion.service';
import { CertificateIssuer } from './certificates/certificate-issuer';
import { CertificatesRepository } from './certificates/certificates.repository';
import { CertificatesSchedules } from './certificates/certificates.schedules';
import { CertificatesService } from './certificates/certificates.service';
import { EventsRepository } from './events/events.repository';
import { EventsService } from './events/events.service';
import { RegistrationsService } from './registrations/registrations.service';

/**
 * Activities: events and their sessions, registrations with a waitlist, check-ins, attendance, evaluations,
 * completions, certificates and campaigns. Its events are registered here so the api and the worker route the same.
 */
@Module({
  imports: [
    IdentityModule,
    // certificates: their PDFs are kept in the platform's file storage
    StorageModule,
    MessagingModule.forFeature('activities', {
      events: ActivityEvents,
      // campaigns
      subscriptions: [CampaignsSubscription],
    }),
  ],
  providers: [
    // events, registrations, attendance, completion
    EventsRepository,
    EventsService,
    RegistrationsService,
    AttendanceService,
    CompletionService,
    // certificates
    CertificatesRepository,
    CertificatesService,
    // campaigns
    CampaignsRepository,
    CampaignsService,
  ],
  exports: [
    // events, registrations, attendance, completion
    EventsService,
    RegistrationsService,
    AttendanceService,
    CompletionService,
    // certificates
    CertificatesRepository,
    CertificatesService,
    // campaigns
    CampaignsRepository,
    CampaignsService,
  ],
})
export class ActivitiesModule {}

/** The worker's side: completion when events end, certificates when they are due, campaigns' progress. */
@Module({
  // certificates: printed with the process's one Chromium (PdfRenderer)
  imports: [ActivitiesModule, PdfWorkerModule, StorageModule],
  providers: [
    // events, registrations, attendance, completion
    CompletionSchedules,
    // certificates
    CertificateIssuer,
    CertificatesSchedules,
    // campaigns
    CampaignsSubscriber,
  ],
})
export class ActivitiesWorkerModule {}
