import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { CoreErrors, decodeCursor, DEFAULT_PAGE_SIZE, DomainError, Page, toPage, uuidv7 } from '@lc/core';
import { Actor, AuditRepository, IdentityErrors } from '@lc/identity';
import { FILE_STORAGE, FileStorage } from '@lc/storage';
import { fiscalYear as fiscalYearNamed, fiscalYearOf } from '../fiscal-year';
import { ActivityPlansRepository, PlanFields, ReportFields } from './activity-plans.repository';
import {
  ActivityPlanExportRow,
  ActivityPlanSummary,
  ActivityPlanView,
  ActivityReportView,
  exportRow,
  planView,
  revisionView,
  summaryOf,
} from './activity-plans.views';
import { bahtText, bahtToSatang, MAX_SATANG, satangToBaht } from './money';
import { PlansErrors } from './plans-errors';
import { authorise, CockpitScope, parseScope } from '../cockpit-scope';
import { assertMayManageArea, RoleCounts } from './plans-scope';

/** A plan as an area office writes it (seed 000's form): money as baht text or a JSON number. */
export interface PlanInput {
  fiscalYear: number;
  title: string;
  titleEn?: string | null;
  level: 'area' | 'school';
  schoolId?: string | null;
  startsOn: string;
  endsOn: string;
  targets: RoleCounts;
  budget: string | number;
}

export type PlanChanges = Partial<PlanInput>;

/** What happened (seed 004's report): participants by role, classroom supervision visits, money spent. */
export interface ReportInput {
  participants: RoleCounts;
  supervisionVisits: number;
  budgetSpent: string | number;
  notes?: string | null;
  /** The revision the correction was made from: refused with 409 when another report came in meanwhile. */
  expectedRevision?: number;
}

const DATE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;

/**
 * Area activity plans for a fiscal year and their reports. An area admin acts for their area, an OBEC admin for
 * any (403 COCKPIT_SCOPE_FORBIDDEN otherwise). Every change runs in one transaction with its audit entry, taking
 * the plan's row lock first, so two reports of one plan at once are applied one after the other, each whole; every
 * report stays in the append-only revision history.
 */
@Injectable()
export class ActivityPlansService {
  private readonly logger = new Logger(ActivityPlansService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly plans: ActivityPlansRepository,
    private readonly audit: AuditRepository,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
  ) {}

  async create(actor: Actor, areaId: string, input: PlanInput): Promise<ActivityPlanView> {
    assertMayManageArea(actor, areaId);
    const id = uuidv7();
    return this.dataSource.transaction(async (manager) => {
      if (!(await this.plans.areaExists(manager, areaId)))
        throw new DomainError(IdentityErrors.IDENTITY_AREA_NOT_FOUND);
      const fields = await this.checked(manager, areaId, input);
      await this.plans.insert(manager, id, areaId, actor.memberId, fields);
      await this.audit.record(manager, {
        actorId: actor.memberId,
        action: 'activity_plan.created',
        targetType: 'activity_plan',
        targetId: id,
        details: { areaId, fiscalYear: fields.fiscalYear },
      });
      return this.view(manager, id);
    });
  }

  /** An area's plans of a fiscal year (the current one when not given), by start date. */
  async list(
    actor: Actor,
    areaId: string,
    fiscalYear: number | undefined,
    cursor?: string,
  ): Promise<Page<ActivityPlanView>> {
    assertMayManageArea(actor, areaId);
    const manager = this.dataSource.manager;
    if (!(await this.plans.areaExists(manager, areaId)))
      throw new DomainError(IdentityErrors.IDENTITY_AREA_NOT_FOUND);
    const year = fiscalYear ?? fiscalYearOf(new Date()).year;
    const after = decodeCursor<{ startsOn: string; id: string }>(cursor, ['startsOn', 'id']);
    if (after && !DATE.test(after.startsOn)) throw new DomainError(CoreErrors.PAGINATION_INVALID_CURSOR);
    const rows = await this.plans.list(manager, areaId, year, after, DEFAULT_PAGE_SIZE + 1);
    const page = rows.slice(0, DEFAULT_PAGE_SIZE);
    const evidence = await this.plans.evidenceOf(
      manager,
      page.map((row) => row.id),
    );
    return toPage(
      rows,
      DEFAULT_PAGE_SIZE,
      (row) => planView(row, evidence),
      (row) => ({ startsOn: row.startsOn, id: row.id }),
    );
  }

  async get(actor: Actor, id: string): Promise<ActivityPlanView> {
    const manager = this.dataSource.manager;
    const row = await this.plans.find(manager, id);
    if (!row) throw new DomainError(PlansErrors.ACTIVITY_PLAN_NOT_FOUND);
    assertMayManageArea(actor, row.areaId);
    return planView(row, await this.plans.evidenceOf(manager, [id]));
  }

  /** The plan as this transaction sees it: a change answers what it made, not what came after it. */
  private async view(manager: EntityManager, id: string): Promise<ActivityPlanView> {
    const row = (await this.plans.find(manager, id))!;
    return planView(row, await this.plans.evidenceOf(manager, [id]));
  }

  /** Changes what was planned; the whole plan is checked again, as it would be if it were new. */
  async update(actor: Actor, id: string, changes: PlanChanges): Promise<ActivityPlanView> {
    return this.dataSource.transaction(async (manager) => {
      const areaId = await this.lockInScope(manager, actor, id);
      const row = (await this.plans.find(manager, id))!;
      const merged: PlanInput = {
        fiscalYear: changes.fiscalYear ?? row.fiscalYear,
        title: changes.title ?? row.titleTh,
        titleEn: changes.titleEn !== undefined ? changes.titleEn : row.titleEn,
        level: changes.level ?? row.level,
        schoolId: changes.schoolId !== undefined ? changes.schoolId : row.schoolId,
        startsOn: changes.startsOn ?? row.startsOn,
        endsOn: changes.endsOn ?? row.endsOn,
        targets: changes.targets ?? {
          educationExecutives: row.targetEducationExecutives,
          supervisors: row.targetSupervisors,
          schoolDirectors: row.targetSchoolDirectors,
          teachers: row.targetTeachers,
        },
        budget: changes.budget ?? satangToBaht(row.budgetSatang),
      };
      // Moving a school-level plan to the area level drops its school unless the change names one.
      if (changes.level === 'area' && changes.schoolId === undefined) merged.schoolId = null;
      const fields = await this.checked(manager, areaId, merged);
      await this.plans.update(manager, id, fields);
      await this.audit.record(manager, {
        actorId: actor.memberId,
        action: 'activity_plan.updated',
        targetType: 'activity_plan',
        targetId: id,
        details: { areaId, fields: Object.keys(changes).sort() },
      });
      return this.view(manager, id);
    });
  }

  /** Removes a plan that has no report yet (a draft), with its evidence files. */
  async remove(actor: Actor, id: string): Promise<void> {
    const keys = await this.dataSource.transaction(async (manager) => {
      const areaId = await this.lockInScope(manager, actor, id);
      if (await this.plans.hasReport(manager, id)) throw new DomainError(PlansErrors.ACTIVITY_PLAN_REPORTED);
      const storageKeys = await this.plans.deleteEvidence(manager, id);
      await this.plans.delete(manager, id);
      await this.audit.record(manager, {
        actorId: actor.memberId,
        action: 'activity_plan.deleted',
        targetType: 'activity_plan',
        targetId: id,
        details: { areaId, evidenceFiles: storageKeys.length },
      });
      return storageKeys;
    });
    for (const key of keys) {
      await this.storage.delete(key).catch((error: unknown) => {
        this.logger.error({ err: error, key }, 'could not remove an evidence file; it is orphaned');
      });
    }
  }

  /**
   * Reports the actuals, or corrects them: the submission becomes the current report whole, and the history keeps
   * every earlier one. With `expectedRevision`, a report that changed meanwhile is refused (409).
   */
  async report(actor: Actor, id: string, input: ReportInput): Promise<ActivityPlanView> {
    const fields = reportFields(input);
    return this.dataSource.transaction(async (manager) => {
      const areaId = await this.lockInScope(manager, actor, id);
      const current = await this.plans.currentRevision(manager, id);
      if (input.expectedRevision !== undefined && input.expectedRevision !== current)
        throw new DomainError(PlansErrors.ACTIVITY_REPORT_STALE, undefined, { currentRevision: current });
      const revision = current + 1;
      await this.plans.saveReport(manager, uuidv7(), id, revision, actor.memberId, fields);
      await this.audit.record(manager, {
        actorId: actor.memberId,
        action: revision === 1 ? 'activity_plan.reported' : 'activity_plan.report_corrected',
        targetType: 'activity_plan',
        targetId: id,
        details: { areaId, revision },
      });
      return this.view(manager, id);
    });
  }

  /** Every report of a plan, the current one first. */
  async revisions(actor: Actor, id: string, cursor?: string): Promise<Page<ActivityReportView>> {
    const manager = this.dataSource.manager;
    const row = await this.plans.find(manager, id);
    if (!row) throw new DomainError(PlansErrors.ACTIVITY_PLAN_NOT_FOUND);
    assertMayManageArea(actor, row.areaId);
    const before = decodeCursor<{ revision: number }>(cursor, ['revision']);
    if (before && !Number.isInteger(before.revision))
      throw new DomainError(CoreErrors.PAGINATION_INVALID_CURSOR);
    const rows = await this.plans.revisions(manager, id, before?.revision ?? null, DEFAULT_PAGE_SIZE + 1);
    return toPage(rows, DEFAULT_PAGE_SIZE, revisionView, (revision) => ({ revision: revision.revision }));
  }

  /**
   * Target against actual per area and in total, for `national` (OBEC admins) or `area:<id>` (its area admins, OBEC
   * admins), authorised as every cockpit read is (403 COCKPIT_SCOPE_FORBIDDEN, 400 COCKPIT_SCOPE_INVALID, 404
   * COCKPIT_SCOPE_NOT_FOUND for OBEC admins); a school scope is refused with 400 ACTIVITY_PLAN_SCOPE_INVALID.
   */
  async summary(actor: Actor, scopeText: string, fiscalYear: number): Promise<ActivityPlanSummary> {
    const requested = parseScope(scopeText);
    if (requested.kind === 'school') throw new DomainError(PlansErrors.ACTIVITY_PLAN_SCOPE_INVALID);
    const manager = this.dataSource.manager;
    const scope = await authorise(actor, requested, {
      areaExists: (areaId) => this.plans.areaExists(manager, areaId),
      // Never asked: a school scope was refused above.
      school: async () => null,
    });
    const rows = await this.plans.areaTotals(manager, scope, fiscalYear);
    return summaryOf(scopeText, fiscalYearNamed(fiscalYear), rows);
  }

  /**
   * For the cockpit (which has checked the scope): per area id, target and actual participants of the fiscal year,
   * all roles summed (actuals of reported plans only). National: every area, zeros included; area: that area;
   * school: the plans held at that school, under its area.
   */
  async participantsByArea(
    scope: CockpitScope,
    fiscalYear: number,
  ): Promise<Map<string, { target: number; actual: number }>> {
    const rows = await this.plans.areaTotals(this.dataSource.manager, scope, fiscalYear);
    return new Map(
      rows.map((row) => [
        row.areaId,
        {
          target:
            row.targetEducationExecutives +
            row.targetSupervisors +
            row.targetSchoolDirectors +
            row.targetTeachers,
          actual: row.educationExecutives + row.supervisors + row.schoolDirectors + row.teachers,
        },
      ]),
    );
  }

  /** For the cockpit's CSV/XLSX exports (scope checked by the caller): every plan of the scope, flat. */
  async rows(scope: CockpitScope, fiscalYear: number): Promise<ActivityPlanExportRow[]> {
    return (await this.plans.exportRows(this.dataSource.manager, scope, fiscalYear)).map(exportRow);
  }

  /** Locks the plan and checks the actor may act for its area; answers the area. */
  private async lockInScope(manager: EntityManager, actor: Actor, id: string): Promise<string> {
    const locked = await this.plans.lock(manager, id);
    if (!locked) throw new DomainError(PlansErrors.ACTIVITY_PLAN_NOT_FOUND);
    assertMayManageArea(actor, locked.areaId);
    return locked.areaId;
  }

  /** The plan's columns, after every rule the database also enforces, each refused with its own code. */
  private async checked(manager: EntityManager, areaId: string, input: PlanInput): Promise<PlanFields> {
    const schoolId = input.schoolId ?? null;
    if (input.level === 'school') {
      if (!schoolId) throw new DomainError(PlansErrors.ACTIVITY_PLAN_SCHOOL_REQUIRED);
      if ((await this.plans.schoolArea(manager, schoolId)) !== areaId)
        throw new DomainError(PlansErrors.ACTIVITY_PLAN_SCHOOL_NOT_IN_AREA);
    } else if (schoolId) {
      throw new DomainError(PlansErrors.ACTIVITY_PLAN_SCHOOL_NOT_ALLOWED);
    }
    if (!isCalendarDate(input.startsOn) || !isCalendarDate(input.endsOn))
      throw new DomainError(PlansErrors.ACTIVITY_PLAN_INVALID_DATE);
    if (input.endsOn < input.startsOn) throw new DomainError(PlansErrors.ACTIVITY_PLAN_DATES_ORDER);
    const year = fiscalYearDays(input.fiscalYear);
    if (input.startsOn < year.first || input.endsOn > year.last)
      throw new DomainError(PlansErrors.ACTIVITY_PLAN_DATES_OUTSIDE_FISCAL_YEAR, undefined, {
        fiscalYear: input.fiscalYear,
        firstDay: year.first,
        lastDay: year.last,
      });
    const targets = input.targets;
    for (const [field, value] of Object.entries(targets)) assertCount(`targets.${field}`, value);
    return {
      fiscalYear: input.fiscalYear,
      titleTh: input.title,
      titleEn: input.titleEn ?? null,
      level: input.level,
      schoolId: input.level === 'school' ? schoolId : null,
      startsOn: input.startsOn,
      endsOn: input.endsOn,
      targetEducationExecutives: targets.educationExecutives,
      targetSupervisors: targets.supervisors,
      targetSchoolDirectors: targets.schoolDirectors,
      targetTeachers: targets.teachers,
      budgetSatang: satang('budget', input.budget),
    };
  }
}

function reportFields(input: ReportInput): ReportFields {
  for (const [field, value] of Object.entries(input.participants))
    assertCount(`participants.${field}`, value);
  assertCount('supervisionVisits', input.supervisionVisits);
  return {
    educationExecutives: input.participants.educationExecutives,
    supervisors: input.participants.supervisors,
    schoolDirectors: input.participants.schoolDirectors,
    teachers: input.participants.teachers,
    supervisionVisits: input.supervisionVisits,
    budgetSpentSatang: satang('budgetSpent', input.budgetSpent),
    notes: input.notes ?? null,
  };
}

/** The first and last calendar days (YYYY-MM-DD) of a fiscal year named in the Buddhist Era. */
export function fiscalYearDays(year: number): { first: string; last: string } {
  const named = fiscalYearNamed(year);
  const gregorianEnd = named.end.getUTCFullYear();
  return { first: `${gregorianEnd - 1}-10-01`, last: `${gregorianEnd}-09-30` };
}

function isCalendarDate(text: string): boolean {
  if (!DATE.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

/** The DTOs refuse these first; a caller that skipped them gets the same 400. */
function assertCount(field: string, value: unknown): void {
  if (!Number.isInteger(value) || (value as number) < 0 || (value as number) > 1_000_000)
    throw invalid(field, `${field} must be a whole number from 0 to 1,000,000`);
}

function satang(field: string, value: unknown): number {
  if (bahtText(value) === null)
    throw invalid(field, `${field} must be an amount of baht ≥ 0 with at most 2 decimals`);
  const amount = bahtToSatang(value);
  if (amount > MAX_SATANG) throw invalid(field, `${field} is too large`);
  return amount;
}

function invalid(field: string, message: string): DomainError {
  return new DomainError(CoreErrors.VALIDATION_FAILED, message, { errors: [{ field, message }] });
}
