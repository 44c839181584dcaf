import { Module } from '@nestjs/common';
import { ActivitiesModule } from '@lc/activities';
import { CampaignsController } from './campaigns.controller';
import { CertificatesController } from './certificates.controller';
import { EventsController } from './events.controller';

@Module({
  imports: [ActivitiesModule],
  controllers: [
    EventsController,
    // certificates
    CertificatesController,
    // campaigns
    CampaignsController,
  ],
})
export class ActivitiesHttpModule {}
