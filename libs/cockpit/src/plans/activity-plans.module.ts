import { Module } from '@nestjs/common';
import { IdentityModule } from '@lc/identity';
import { InnovationsModule } from '@lc/innovations';
import { StorageModule } from '@lc/storage';
import { ActivityEvidenceService } from './activity-evidence.service';
import { ActivityPlansRepository } from './activity-plans.repository';
import { ActivityPlansService } from './activity-plans.service';

/**
 * Area activity plans and reports (seed 000, 004): plans, actuals with their history, evidence files, and the
 * target-against-actual reads the cockpit shows and exports. Evidence goes through innovations' attachment intake
 * into the shared FileStorage, as perk pictures do.
 */
@Module({
  imports: [IdentityModule, InnovationsModule, StorageModule],
  providers: [ActivityPlansRepository, ActivityPlansService, ActivityEvidenceService],
  exports: [ActivityPlansService, ActivityEvidenceService],
})
export class ActivityPlansModule {}
