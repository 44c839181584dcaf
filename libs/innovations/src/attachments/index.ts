// What the rest of the library and its index use from attachments/.

// Services
export { AttachmentsService } from './attachments.service';
export type { AttachmentDownload } from './attachments.service';
export { AttachmentIntake } from './attachment-intake';
export type { StagedFile } from './attachment-intake';

// Errors
export { AttachmentErrors } from './attachments-errors';

// HTTP
export { attachmentDisposition } from './file-name';
