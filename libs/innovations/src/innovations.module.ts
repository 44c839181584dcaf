import { Module } from '@nestjs/common';
import { IdentityModule } from '@lc/identity';
import { AttachmentIntake } from './attachments/attachment-intake';
import { AttachmentsService } from './attachments/attachments.service';
import { FILE_STORAGE } from './attachments/storage/file-storage';
import { fileStorageProvider } from './attachments/storage/storage.provider';
import { ThumbnailWorkers } from './attachments/thumbnail-workers';
import { FeedbackThrottle } from './feedback/feedback-throttle.service';
import { FeedbackService } from './feedback/feedback.service';
import { InnovationsRepository } from './innovations.repository';
import { InnovationsService } from './innovations.service';
import { ModerationService } from './moderation/moderation.service';

/** Innovations: sharing, discovery, feedback, adoption, attachments and moderation. */
@Module({
  imports: [IdentityModule],
  providers: [
    InnovationsRepository,
    InnovationsService,
    FeedbackService,
    FeedbackThrottle,
    ModerationService,
    fileStorageProvider,
    ThumbnailWorkers,
    AttachmentIntake,
    AttachmentsService,
  ],
  exports: [
    InnovationsService,
    FeedbackService,
    ModerationService,
    FILE_STORAGE,
    AttachmentIntake,
    AttachmentsService,
  ],
})
export class InnovationsModule {}
