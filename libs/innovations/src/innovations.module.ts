import { Module } from '@nestjs/common';
import { IdentityModule } from '@lc/identity';
import { FeedbackService } from './feedback/feedback.service';
import { InnovationsRepository } from './innovations.repository';
import { InnovationsService } from './innovations.service';
import { ModerationService } from './moderation/moderation.service';

/** Innovations: sharing, discovery, feedback, adoption and moderation. */
@Module({
  imports: [IdentityModule],
  providers: [InnovationsRepository, InnovationsService, FeedbackService, ModerationService],
  exports: [InnovationsService, FeedbackService, ModerationService],
})
export class InnovationsModule {}
