// What other code imports from @lc/activities; everything else in this folder is the library's own.

// Modules
export { ActivitiesModule, ActivitiesWorkerModule } from './activities.module';

// Events and errors
export { ActivityEvents } from './activities.events';
export { ActivitiesErrors } from './activities-errors';

// Events, registrations, attendance, completion
export { mayOrganise } from './events/event-access';
export type { OrganiserRef } from './events/event-access';
export { EventsService } from './events/events.service';
export type {
  EventInput,
  EventListQuery,
  EventView,
  SessionInput,
  SessionView,
} from './events/events.service';
export { RegistrationsService } from './registrations/registrations.service';
export type { RegistrationOutcome } from './registrations/registrations.service';
export { AttendanceService } from './attendance/attendance.service';
export type { CheckInCode, CheckInOutcome, ImportReport } from './attendance/attendance.service';
export { CompletionService } from './completion/completion.service';
export type { CompletionRowView, MemberProgress, MyEvent } from './completion/completion.service';
export type { Missing } from './completion/completion-rule';

// Certificates
export { CertificatesErrors } from './certificates/certificates-errors';
export { CertificateIssuer, CERTIFICATE_BATCH } from './certificates/certificate-issuer';
export { CertificatesService } from './certificates/certificates.service';
export type {
  CertificateFile,
  CertificateProgress,
  CertificateVerification,
  MyCertificateView,
  PortfolioCertificateView,
} from './certificates/certificates.service';

// Campaigns
export { CampaignsErrors } from './campaigns/campaigns-errors';
export { CAMPAIGN_GOALS, CampaignsService } from './campaigns/campaigns.service';
export type {
  CampaignInput,
  CampaignProgressDetail,
  CampaignProgressView,
  CampaignView,
} from './campaigns/campaigns.service';
export type { CampaignGoal, CampaignScope } from './campaigns/campaigns.repository';
