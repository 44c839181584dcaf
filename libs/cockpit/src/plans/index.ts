// What libs/cockpit's index re-exports of the area activity plans; everything else in this folder is their own.

export { ActivityPlansModule } from './activity-plans.module';
export { ActivityPlansService } from './activity-plans.service';
export type { PlanChanges, PlanInput, ReportInput } from './activity-plans.service';
export { ActivityEvidenceService, EVIDENCE_TYPES, evidenceError } from './activity-evidence.service';
export type { EvidenceDownload } from './activity-evidence.service';
export { ACTIVITY_LEVELS, ACTIVITY_PLAN_EXPORT_COLUMNS } from './activity-plans.views';
export type {
  ActivityPlanExportRow,
  ActivityPlanSummary,
  ActivityPlanView,
  ActivityReportView,
  AreaSummaryRow,
  EvidenceView,
} from './activity-plans.views';
export { PARTICIPANT_ROLES, PARTICIPANTS_PER_AREA } from './plans-scope';
export type { RoleCounts } from './plans-scope';
export { PlansErrors } from './plans-errors';
export { bahtText, satangToBaht } from './money';
