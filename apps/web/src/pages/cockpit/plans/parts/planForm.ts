/**
 * The plan form's values, their checks (the API's: CreateActivityPlanDto and ActivityPlansService's rules) and the
 * request body. Money goes as exact text ("497000.00"); dates as YYYY-MM-DD within the fiscal year.
 */
import type { ActivityPlanResponse } from '../../../../api/generated/model';
import { fiscalYearDays } from './fiscalYear';
import { groupBaht, parseBaht } from './money';
import { countError, emptyCounts, RoleCountValues, RoleKey, ROLES } from './roles';

export type PlanLevel = 'area' | 'school';
export const TITLE_MAX = 300;
const DAY = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;

export interface PlanFormValues {
  fiscalYear: number;
  title: string;
  titleEn: string;
  level: PlanLevel;
  schoolId: string | null;
  startsOn: string;
  endsOn: string;
  targets: RoleCountValues;
  /** As typed ("497,000"); sent as "497000.00". */
  budget: string;
}

export type PlanField = Exclude<keyof PlanFormValues, 'targets'> | `targets.${RoleKey}`;
/** Field → the key (under plans:form.errors) of what is wrong with it. */
export type PlanFormErrors = Partial<Record<PlanField, string>>;

export function emptyPlanForm(fiscalYear: number): PlanFormValues {
  return {
    fiscalYear,
    title: '',
    titleEn: '',
    level: 'area',
    schoolId: null,
    startsOn: '',
    endsOn: '',
    targets: { ...emptyCounts },
    budget: '',
  };
}

export function fromPlan(plan: ActivityPlanResponse): PlanFormValues {
  return {
    fiscalYear: plan.fiscalYear,
    title: plan.title,
    titleEn: plan.titleEn ?? '',
    level: plan.level,
    schoolId: plan.schoolId,
    startsOn: plan.startsOn,
    endsOn: plan.endsOn,
    targets: {
      educationExecutives: plan.targets.educationExecutives,
      supervisors: plan.targets.supervisors,
      schoolDirectors: plan.targets.schoolDirectors,
      teachers: plan.targets.teachers,
    },
    budget: groupBaht(plan.budget),
  };
}

export function isRealDay(day: string): boolean {
  if (!DAY.test(day)) return false;
  const date = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === day;
}

export function validatePlanForm(values: PlanFormValues): PlanFormErrors {
  const errors: PlanFormErrors = {};
  const title = values.title.trim();
  if (!title) errors.title = 'titleRequired';
  else if (title.length > TITLE_MAX) errors.title = 'titleTooLong';
  if (values.titleEn.trim().length > TITLE_MAX) errors.titleEn = 'titleTooLong';
  if (values.level === 'school' && !values.schoolId) errors.schoolId = 'schoolRequired';
  const { first, last } = fiscalYearDays(values.fiscalYear);
  if (!values.startsOn) errors.startsOn = 'dateRequired';
  else if (!isRealDay(values.startsOn)) errors.startsOn = 'dateInvalid';
  else if (values.startsOn < first || values.startsOn > last) errors.startsOn = 'outsideFiscalYear';
  if (!values.endsOn) errors.endsOn = 'dateRequired';
  else if (!isRealDay(values.endsOn)) errors.endsOn = 'dateInvalid';
  else if (values.endsOn < first || values.endsOn > last) errors.endsOn = 'outsideFiscalYear';
  else if (!errors.startsOn && values.endsOn < values.startsOn) errors.endsOn = 'endsBeforeStart';
  for (const role of ROLES) {
    const problem = countError(values.targets[role]);
    if (problem) errors[`targets.${role}`] = problem;
  }
  if (!values.budget.trim()) errors.budget = 'bahtRequired';
  else if (parseBaht(values.budget) === null) errors.budget = 'bahtInvalid';
  return errors;
}

/** Whether two sets of values mean the same plan (the budget as an amount, not as typed). */
export function samePlan(a: PlanFormValues, b: PlanFormValues): boolean {
  const canonical = (values: PlanFormValues) =>
    JSON.stringify({ ...values, budget: parseBaht(values.budget) ?? values.budget.trim() });
  return canonical(a) === canonical(b);
}

export function hasErrors(errors: object): boolean {
  return Object.keys(errors).length > 0;
}

/**
 * The body as the API takes it. The generated CreateActivityPlanDto types `titleEn` and `schoolId` as objects (the
 * API documents its nullable strings as `type: object`), so the body is typed here and handed over with `asDto`.
 */
export interface PlanBody {
  fiscalYear: number;
  title: string;
  titleEn: string | null;
  level: PlanLevel;
  schoolId: string | null;
  startsOn: string;
  endsOn: string;
  targets: Record<RoleKey, number>;
  /** Exact text, "497000.00". */
  budget: string;
}

/** A body typed here, as the generated client's type for it (see PlanBody). */
export function asDto<T>(body: unknown): T {
  return body as T;
}

/** The body of POST /areas/:id/activity-plans, and of PATCH /activity-plans/:id (the whole plan again). */
export function toPlanDto(values: PlanFormValues): PlanBody {
  const titleEn = values.titleEn.trim();
  return {
    fiscalYear: values.fiscalYear,
    title: values.title.trim(),
    titleEn: titleEn || null,
    level: values.level,
    schoolId: values.level === 'school' ? values.schoolId : null,
    startsOn: values.startsOn,
    endsOn: values.endsOn,
    targets: {
      educationExecutives: values.targets.educationExecutives as number,
      supervisors: values.targets.supervisors as number,
      schoolDirectors: values.targets.schoolDirectors as number,
      teachers: values.targets.teachers as number,
    },
    budget: parseBaht(values.budget)!,
  };
}
