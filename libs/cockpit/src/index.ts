// What other code imports from @lc/cockpit; everything else in this folder is the library's own.

// Area activity plans and reports (libs/cockpit/src/plans)
export {
  ACTIVITY_LEVELS,
  ACTIVITY_PLAN_EXPORT_COLUMNS,
  ActivityEvidenceService,
  ActivityPlansModule,
  ActivityPlansService,
  bahtText,
  EVIDENCE_TYPES,
  evidenceError,
  PARTICIPANT_ROLES,
  PARTICIPANTS_PER_AREA,
  PlansErrors,
  satangToBaht,
} from './plans';
export type { ActivityPlanExportRow, ActivityPlanSummary, ActivityPlanView } from './plans';

// The cockpit's scope, errors and fiscal years
export { authorise, defaultScope, parseScope, scopeText } from './cockpit-scope';
export type { CockpitScope, RequestedScope } from './cockpit-scope';
export { CockpitErrors } from './cockpit-errors';
export { bangkokDay, fiscalYear, fiscalYearOf } from './fiscal-year';
export type { FiscalYear } from './fiscal-year';

// Research extracts (libs/cockpit/src/research)
export { RESEARCH_DATASETS, ResearchErrors, ResearchModule, ResearchService } from './research';
export type { ResearchDataset, ResearchExtract } from './research';
