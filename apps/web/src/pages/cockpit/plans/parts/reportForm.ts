/**
 * The report form's values (seed 004's results: participants by role, classroom supervision visits, money spent,
 * notes), their checks (ReportActivityPlanDto) and the request body. The revision it was made from goes along, so a
 * report someone else sent meanwhile is not overwritten (409 ACTIVITY_REPORT_STALE).
 */
import type { ActivityPlanResponse } from '../../../../api/generated/model';
import { groupBaht, parseBaht } from './money';
import type { PlanBody } from './planForm';
import { countError, emptyCounts, MAX_COUNT, RoleCountValues, RoleKey, ROLES } from './roles';

export const NOTES_MAX = 5000;

export interface ReportFormValues {
  participants: RoleCountValues;
  supervisionVisits: number | '';
  budgetSpent: string;
  notes: string;
}

export type ReportField = Exclude<keyof ReportFormValues, 'participants'> | `participants.${RoleKey}`;
export type ReportFormErrors = Partial<Record<ReportField, string>>;

export function reportValuesOf(plan: ActivityPlanResponse): ReportFormValues {
  const report = plan.report;
  if (!report) return { participants: { ...emptyCounts }, supervisionVisits: '', budgetSpent: '', notes: '' };
  return {
    participants: {
      educationExecutives: report.participants.educationExecutives,
      supervisors: report.participants.supervisors,
      schoolDirectors: report.participants.schoolDirectors,
      teachers: report.participants.teachers,
    },
    supervisionVisits: report.supervisionVisits,
    budgetSpent: groupBaht(report.budgetSpent),
    notes: report.notes ?? '',
  };
}

export function validateReportForm(values: ReportFormValues): ReportFormErrors {
  const errors: ReportFormErrors = {};
  for (const role of ROLES) {
    const problem = countError(values.participants[role]);
    if (problem) errors[`participants.${role}`] = problem;
  }
  const visits = values.supervisionVisits;
  if (visits === '') errors.supervisionVisits = 'countRequired';
  else if (!Number.isInteger(visits) || visits < 0 || visits > MAX_COUNT)
    errors.supervisionVisits = 'countRange';
  if (!values.budgetSpent.trim()) errors.budgetSpent = 'bahtRequired';
  else if (parseBaht(values.budgetSpent) === null) errors.budgetSpent = 'bahtInvalid';
  if (values.notes.length > NOTES_MAX) errors.notes = 'notesTooLong';
  return errors;
}

/** The body of POST /activity-plans/:id/report (typed here: the generated type has `notes` as an object). */
export interface ReportBody {
  participants: PlanBody['targets'];
  supervisionVisits: number;
  /** Exact text, "476000.50". */
  budgetSpent: string;
  notes: string | null;
  expectedRevision: number;
}

export function toReportDto(values: ReportFormValues, expectedRevision: number): ReportBody {
  const notes = values.notes.trim();
  return {
    participants: {
      educationExecutives: values.participants.educationExecutives as number,
      supervisors: values.participants.supervisors as number,
      schoolDirectors: values.participants.schoolDirectors as number,
      teachers: values.participants.teachers as number,
    },
    supervisionVisits: values.supervisionVisits as number,
    budgetSpent: parseBaht(values.budgetSpent)!,
    notes: notes || null,
    expectedRevision,
  };
}
