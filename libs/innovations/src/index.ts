// What other code imports from @lc/innovations; everything else in this folder is the library's own.

// Module
export { InnovationsModule } from './innovations.module';

// Services
export { InnovationsService } from './innovations.service';
export { FeedbackService } from './feedback/feedback.service';
export { ModerationService } from './moderation/moderation.service';

// Attachments (the marketplace's perk images use the same intake)
export { AttachmentErrors, AttachmentIntake, AttachmentsService, attachmentDisposition } from './attachments';
export type { AttachmentDownload, StagedFile } from './attachments';

// Errors and events
export { InnovationErrors } from './innovations-errors';
export { InnovationEvents } from './innovations.events';

// Thai-aware search (the marketplace searches perks the same way)
export { parseQuery, searchRaw, searchTokensOffThread } from './text/thai-search';
