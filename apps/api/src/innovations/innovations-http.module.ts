import { Module } from '@nestjs/common';
import { InnovationsModule } from '@lc/innovations';
import { AttachmentsController } from './attachments.controller';
import { FeedbackController } from './feedback.controller';
import { InnovationsController } from './innovations.controller';
import { ModerationController } from './moderation.controller';

@Module({
  imports: [InnovationsModule],
  controllers: [InnovationsController, FeedbackController, ModerationController, AttachmentsController],
})
export class InnovationsHttpModule {}
