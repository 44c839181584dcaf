import { Module } from '@nestjs/common';
import { IdentityModule } from '@lc/identity';
import { MessagingModule } from '@lc/messaging';
import { StorageModule } from '@lc/storage';
import { AttachmentIntake } from './attachments/attachment-intake';
import { AttachmentsService } from './attachments/attachments.service';
import { ThumbnailWorkers } from './attachments/thumbnail-workers';
import { FeedbackThrottle } from './feedback/feedback-throttle.service';
import { FeedbackService } from './feedback/feedback.service';
import { InnovationEvents } from './innovations.events';
import { InnovationsRepository } from './innovations.repository';
import { InnovationsService } from './innovations.service';
import { ModerationService } from './moderation/moderation.service';

/** Innovations: sharing, discovery, feedback, adoption, attachments and moderation. */
@Module({
  imports: [
    IdentityModule,
    StorageModule,
    MessagingModule.forFeature('innovations', { events: InnovationEvents }),
  ],
  providers: [
    InnovationsRepository,
    InnovationsService,
    FeedbackService,
    FeedbackThrottle,
    ModerationService,
    ThumbnailWorkers,
    AttachmentIntake,
    AttachmentsService,
  ],
  exports: [InnovationsService, FeedbackService, ModerationService, AttachmentIntake, AttachmentsService],
})
export class InnovationsModule {}
