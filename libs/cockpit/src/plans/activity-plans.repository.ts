import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { updateReturning } from '@lc/database';
import type { CockpitScope } from '../cockpit-scope';

/** A plan's columns as the service writes them (money in satang, dates as YYYY-MM-DD). */
export interface PlanFields {
  fiscalYear: number;
  titleTh: string;
  titleEn: string | null;
  level: 'area' | 'school';
  schoolId: string | null;
  startsOn: string;
  endsOn: string;
  targetEducationExecutives: number;
  targetSupervisors: number;
  targetSchoolDirectors: number;
  targetTeachers: number;
  budgetSatang: number;
}

/** A report's columns (the current one and every revision). */
export interface ReportFields {
  educationExecutives: number;
  supervisors: number;
  schoolDirectors: number;
  teachers: number;
  supervisionVisits: number;
  budgetSpentSatang: number;
  notes: string | null;
}

/** A plan as read, with its school's names and its current report (null columns when none). */
export interface PlanRow extends Omit<PlanFields, 'budgetSatang'> {
  id: string;
  areaId: string;
  schoolCode: string | null;
  schoolNameTh: string | null;
  schoolNameEn: string | null;
  /** bigint, as text. */
  budgetSatang: string;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  reportRevision: number | null;
  educationExecutives: number | null;
  supervisors: number | null;
  schoolDirectors: number | null;
  teachers: number | null;
  supervisionVisits: number | null;
  budgetSpentSatang: string | null;
  notes: string | null;
  reportedBy: string | null;
  reportedAt: Date | null;
  attendedEducationExecutives: number;
  attendedSupervisors: number;
  attendedSchoolDirectors: number;
  attendedTeachers: number;
}

export interface RevisionRow extends Omit<ReportFields, 'budgetSpentSatang'> {
  revision: number;
  /** bigint, as text. */
  budgetSpentSatang: string;
  reportedBy: string;
  reportedAt: Date;
}

export interface EvidenceRow {
  id: string;
  planId: string;
  storageKey: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  uploadedBy: string;
  uploadedAt: Date;
}

/** Sums of one area's plans in a fiscal year (bigint sums arrive as text). */
export interface AreaTotalsRow {
  areaId: string;
  code: string;
  nameTh: string;
  nameEn: string;
  plans: number;
  reportedPlans: number;
  targetEducationExecutives: number;
  targetSupervisors: number;
  targetSchoolDirectors: number;
  targetTeachers: number;
  educationExecutives: number;
  supervisors: number;
  schoolDirectors: number;
  teachers: number;
  supervisionVisits: number;
  budgetSatang: string;
  budgetSpentSatang: string;
}

/** One plan flat, for CSV/XLSX exports. */
export interface PlanExportRow extends PlanRow {
  areaCode: string;
  areaNameTh: string;
  areaNameEn: string;
}

/**
 * Members who attended the plan's events, by the four roles of seed 000 (teachers and educational personnel count as
 * teachers; other kinds of member are not one of the roles), each member once per plan.
 */
const ATTENDED_BY_ROLE = `
  SELECT plan_id,
         count(*) FILTER (WHERE member_kind = 'executive') AS ee,
         count(*) FILTER (WHERE member_kind = 'supervisor') AS sv,
         count(*) FILTER (WHERE member_kind = 'school_director') AS sd,
         count(*) FILTER (WHERE member_kind IN ('teacher', 'personnel')) AS te
  FROM cockpit_plan_attendee GROUP BY plan_id`;

const SELECT_PLAN = `
  SELECT p.id, p.area_id AS "areaId", p.fiscal_year AS "fiscalYear", p.title_th AS "titleTh", p.title_en AS "titleEn",
         p.level, p.school_id AS "schoolId", s.code AS "schoolCode", s.name_th AS "schoolNameTh", s.name_en AS "schoolNameEn",
         to_char(p.starts_on, 'YYYY-MM-DD') AS "startsOn", to_char(p.ends_on, 'YYYY-MM-DD') AS "endsOn",
         p.target_education_executives AS "targetEducationExecutives", p.target_supervisors AS "targetSupervisors",
         p.target_school_directors AS "targetSchoolDirectors", p.target_teachers AS "targetTeachers",
         p.budget_satang::text AS "budgetSatang", p.created_by AS "createdBy", p.created_at AS "createdAt",
         p.updated_at AS "updatedAt",
         r.revision AS "reportRevision", r.education_executives AS "educationExecutives", r.supervisors,
         r.school_directors AS "schoolDirectors", r.teachers, r.supervision_visits AS "supervisionVisits",
         r.budget_spent_satang::text AS "budgetSpentSatang", r.notes, r.reported_by AS "reportedBy",
         r.reported_at AS "reportedAt",
         coalesce(att.ee, 0)::int AS "attendedEducationExecutives", coalesce(att.sv, 0)::int AS "attendedSupervisors",
         coalesce(att.sd, 0)::int AS "attendedSchoolDirectors", coalesce(att.te, 0)::int AS "attendedTeachers"
  FROM activity_plan p
  LEFT JOIN school s ON s.id = p.school_id
  LEFT JOIN activity_plan_report r ON r.plan_id = p.id
  LEFT JOIN (${ATTENDED_BY_ROLE}) att ON att.plan_id = p.id`;

/** The WHERE of a scoped read of plans, with its parameters appended to `params`. */
function scopeCondition(scope: CockpitScope, params: unknown[]): string {
  if (scope.kind === 'area') return `p.area_id = $${params.push(scope.areaId)}`;
  if (scope.kind === 'school') return `p.school_id = $${params.push(scope.schoolId)}`;
  return 'true';
}

/**
 * The SQL of area activity plans. Areas and schools are read-only reference data of identity: their names are
 * joined here, as the cockpit's other reads do.
 */
@Injectable()
export class ActivityPlansRepository {
  async areaExists(manager: EntityManager, areaId: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(`SELECT 1 FROM area WHERE id = $1`, [areaId]);
    return rows.length > 0;
  }

  /** The area of a school, or null when there is no such school (or it has no area). */
  async schoolArea(manager: EntityManager, schoolId: string): Promise<string | null> {
    const rows: { areaId: string | null }[] = await manager.query(
      `SELECT area_id AS "areaId" FROM school WHERE id = $1`,
      [schoolId],
    );
    return rows[0]?.areaId ?? null;
  }

  async insert(manager: EntityManager, id: string, areaId: string, by: string, plan: PlanFields) {
    await manager.query(
      `INSERT INTO activity_plan (id, area_id, fiscal_year, title_th, title_en, level, school_id, starts_on, ends_on,
         target_education_executives, target_supervisors, target_school_directors, target_teachers, budget_satang, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
      [id, areaId, ...planValues(plan), by],
    );
  }

  async update(manager: EntityManager, id: string, plan: PlanFields): Promise<void> {
    await manager.query(
      `UPDATE activity_plan SET fiscal_year = $2, title_th = $3, title_en = $4, level = $5, school_id = $6,
         starts_on = $7, ends_on = $8, target_education_executives = $9, target_supervisors = $10,
         target_school_directors = $11, target_teachers = $12, budget_satang = $13, updated_at = now()
       WHERE id = $1`,
      [id, ...planValues(plan)],
    );
  }

  async find(manager: EntityManager, id: string): Promise<PlanRow | null> {
    const rows: PlanRow[] = await manager.query(`${SELECT_PLAN} WHERE p.id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** The plan's area, its row locked until the transaction ends (every change of a plan takes this first). */
  async lock(manager: EntityManager, id: string): Promise<{ areaId: string } | null> {
    const rows: { areaId: string }[] = await manager.query(
      `SELECT area_id AS "areaId" FROM activity_plan WHERE id = $1 FOR UPDATE`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** An area's plans of a fiscal year, by start date, keyset after (startsOn, id). */
  async list(
    manager: EntityManager,
    areaId: string,
    fiscalYear: number,
    after: { startsOn: string; id: string } | null,
    limit: number,
  ): Promise<PlanRow[]> {
    const params: unknown[] = [areaId, fiscalYear, limit];
    const keyset = after
      ? `AND (p.starts_on, p.id) > ($${params.push(after.startsOn)}::date, $${params.push(after.id)}::uuid)`
      : '';
    return manager.query(
      `${SELECT_PLAN} WHERE p.area_id = $1 AND p.fiscal_year = $2 ${keyset} ORDER BY p.starts_on, p.id LIMIT $3`,
      params,
    );
  }

  async delete(manager: EntityManager, id: string): Promise<void> {
    await manager.query(`DELETE FROM activity_plan WHERE id = $1`, [id]);
  }

  async hasReport(manager: EntityManager, planId: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(`SELECT 1 FROM activity_plan_report WHERE plan_id = $1`, [
      planId,
    ]);
    return rows.length > 0;
  }

  /** The current report's revision (0: none yet). Read under the plan's lock. */
  async currentRevision(manager: EntityManager, planId: string): Promise<number> {
    const rows: { revision: number }[] = await manager.query(
      `SELECT revision FROM activity_plan_report WHERE plan_id = $1`,
      [planId],
    );
    return rows[0]?.revision ?? 0;
  }

  /** Appends the revision and makes it the current report, whole: every field comes from this one submission. */
  async saveReport(
    manager: EntityManager,
    id: string,
    planId: string,
    revision: number,
    by: string,
    report: ReportFields,
  ): Promise<void> {
    const values = [
      report.educationExecutives,
      report.supervisors,
      report.schoolDirectors,
      report.teachers,
      report.supervisionVisits,
      report.budgetSpentSatang,
      report.notes,
      by,
    ];
    await manager.query(
      `INSERT INTO activity_plan_report_revision (id, plan_id, revision, education_executives, supervisors,
         school_directors, teachers, supervision_visits, budget_spent_satang, notes, reported_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [id, planId, revision, ...values],
    );
    await manager.query(
      `INSERT INTO activity_plan_report (plan_id, revision, education_executives, supervisors, school_directors,
         teachers, supervision_visits, budget_spent_satang, notes, reported_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (plan_id) DO UPDATE SET revision = EXCLUDED.revision,
         education_executives = EXCLUDED.education_executives, supervisors = EXCLUDED.supervisors,
         school_directors = EXCLUDED.school_directors, teachers = EXCLUDED.teachers,
         supervision_visits = EXCLUDED.supervision_visits, budget_spent_satang = EXCLUDED.budget_spent_satang,
         notes = EXCLUDED.notes, reported_by = EXCLUDED.reported_by, reported_at = now()`,
      [planId, revision, ...values],
    );
  }

  /** A plan's reports, newest first, keyset before a revision. */
  async revisions(
    manager: EntityManager,
    planId: string,
    before: number | null,
    limit: number,
  ): Promise<RevisionRow[]> {
    return manager.query(
      `SELECT revision, education_executives AS "educationExecutives", supervisors, school_directors AS "schoolDirectors",
              teachers, supervision_visits AS "supervisionVisits", budget_spent_satang::text AS "budgetSpentSatang",
              notes, reported_by AS "reportedBy", reported_at AS "reportedAt"
       FROM activity_plan_report_revision
       WHERE plan_id = $1 AND ($2::int IS NULL OR revision < $2)
       ORDER BY revision DESC LIMIT $3`,
      [planId, before, limit],
    );
  }

  // Evidence

  async evidenceOf(manager: EntityManager, planIds: string[]): Promise<EvidenceRow[]> {
    if (planIds.length === 0) return [];
    return manager.query(`${SELECT_EVIDENCE} WHERE plan_id = ANY($1::uuid[]) ORDER BY uploaded_at, id`, [
      planIds,
    ]);
  }

  async evidence(manager: EntityManager, planId: string, id: string): Promise<EvidenceRow | null> {
    const rows: EvidenceRow[] = await manager.query(`${SELECT_EVIDENCE} WHERE plan_id = $1 AND id = $2`, [
      planId,
      id,
    ]);
    return rows[0] ?? null;
  }

  async evidenceCount(manager: EntityManager, planId: string): Promise<number> {
    const [{ count }] = await manager.query(
      `SELECT count(*)::int AS count FROM activity_plan_evidence WHERE plan_id = $1`,
      [planId],
    );
    return count;
  }

  async insertEvidence(manager: EntityManager, row: Omit<EvidenceRow, 'uploadedAt'> & { sha256: string }) {
    await manager.query(
      `INSERT INTO activity_plan_evidence (id, plan_id, storage_key, file_name, content_type, byte_size, sha256, uploaded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        row.id,
        row.planId,
        row.storageKey,
        row.fileName,
        row.contentType,
        row.sizeBytes,
        row.sha256,
        row.uploadedBy,
      ],
    );
  }

  /** Removes evidence rows (one, or all of a plan), answering their storage keys. */
  async deleteEvidence(manager: EntityManager, planId: string, id?: string): Promise<string[]> {
    const rows = await updateReturning<{ storageKey: string }>(
      manager,
      `DELETE FROM activity_plan_evidence WHERE plan_id = $1 AND ($2::uuid IS NULL OR id = $2)
       RETURNING storage_key AS "storageKey"`,
      [planId, id ?? null],
    );
    return rows.map((row) => row.storageKey);
  }

  // Reads for the cockpit

  /**
   * Per area of the scope, the sums of its plans in the fiscal year. A plan's actual participants per role are its
   * current report's, or the members who attended its events on the platform when they are more (a report may add
   * people the platform did not record, never count fewer). National
   * scope answers every area, those without plans with zeros; an area scope that area; a school scope the plans
   * held at that school, under its area (none when the school has no area).
   */
  async areaTotals(
    manager: EntityManager,
    scope: CockpitScope,
    fiscalYear: number,
  ): Promise<AreaTotalsRow[]> {
    const params: unknown[] = [fiscalYear];
    const plans = scopeCondition(scope, params);
    const areas = scope.kind === 'national' ? 'true' : `a.id = $${params.push(scope.areaId)}`;
    return manager.query(
      `SELECT a.id AS "areaId", a.code, a.name_th AS "nameTh", a.name_en AS "nameEn",
              coalesce(x.plans, 0)::int AS plans, coalesce(x.reported, 0)::int AS "reportedPlans",
              coalesce(x.t_ee, 0)::int AS "targetEducationExecutives", coalesce(x.t_sv, 0)::int AS "targetSupervisors",
              coalesce(x.t_sd, 0)::int AS "targetSchoolDirectors", coalesce(x.t_te, 0)::int AS "targetTeachers",
              coalesce(x.a_ee, 0)::int AS "educationExecutives", coalesce(x.a_sv, 0)::int AS supervisors,
              coalesce(x.a_sd, 0)::int AS "schoolDirectors", coalesce(x.a_te, 0)::int AS teachers,
              coalesce(x.visits, 0)::int AS "supervisionVisits",
              coalesce(x.budget, 0)::text AS "budgetSatang", coalesce(x.spent, 0)::text AS "budgetSpentSatang"
       FROM area a
       LEFT JOIN (
         SELECT p.area_id, count(*) AS plans, count(r.plan_id) AS reported,
                sum(p.target_education_executives) AS t_ee, sum(p.target_supervisors) AS t_sv,
                sum(p.target_school_directors) AS t_sd, sum(p.target_teachers) AS t_te,
                sum(greatest(r.education_executives, att.ee)) AS a_ee, sum(greatest(r.supervisors, att.sv)) AS a_sv,
                sum(greatest(r.school_directors, att.sd)) AS a_sd, sum(greatest(r.teachers, att.te)) AS a_te,
                sum(r.supervision_visits) AS visits,
                sum(p.budget_satang) AS budget, sum(r.budget_spent_satang) AS spent
         FROM activity_plan p LEFT JOIN activity_plan_report r ON r.plan_id = p.id
         LEFT JOIN (${ATTENDED_BY_ROLE}) att ON att.plan_id = p.id
         WHERE p.fiscal_year = $1 AND ${plans}
         GROUP BY p.area_id
       ) x ON x.area_id = a.id
       WHERE ${areas}
       ORDER BY a.level, a.code`,
      params,
    );
  }

  /** Every plan of the scope in the fiscal year, with its area's names, by area then start date. */
  async exportRows(
    manager: EntityManager,
    scope: CockpitScope,
    fiscalYear: number,
  ): Promise<PlanExportRow[]> {
    const params: unknown[] = [fiscalYear];
    const condition = scopeCondition(scope, params);
    return manager.query(
      `SELECT x.*, a.code AS "areaCode", a.name_th AS "areaNameTh", a.name_en AS "areaNameEn"
       FROM (${SELECT_PLAN} WHERE p.fiscal_year = $1 AND ${condition}) x
       JOIN area a ON a.id = x."areaId"
       ORDER BY a.level, a.code, x."startsOn", x.id`,
      params,
    );
  }
}

const SELECT_EVIDENCE = `
  SELECT id, plan_id AS "planId", storage_key AS "storageKey", file_name AS "fileName", content_type AS "contentType",
         byte_size AS "sizeBytes", uploaded_by AS "uploadedBy", uploaded_at AS "uploadedAt"
  FROM activity_plan_evidence`;

function planValues(plan: PlanFields): unknown[] {
  return [
    plan.fiscalYear,
    plan.titleTh,
    plan.titleEn,
    plan.level,
    plan.schoolId,
    plan.startsOn,
    plan.endsOn,
    plan.targetEducationExecutives,
    plan.targetSupervisors,
    plan.targetSchoolDirectors,
    plan.targetTeachers,
    plan.budgetSatang,
  ];
}
