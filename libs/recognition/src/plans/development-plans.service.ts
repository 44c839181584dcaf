import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError, loadTaxonomy, uuidv7 } from '@lc/core';
import { fiscalYear as fiscalYearNamed, fiscalYearOf } from '@lc/cockpit';
import { Actor } from '@lc/identity';
import { RecognitionErrors } from '../recognition-errors';

export interface GoalInput {
  competency: string;
  targetLevel: number;
  note?: string | null;
}

export interface ActivityInput {
  kind: 'perk' | 'innovation' | 'event' | 'other';
  refId?: string | null;
  title: string;
  dueOn?: string | null;
  done?: boolean;
}

export interface PlanInput {
  fiscalYear: number;
  title: string;
  showOnPortfolio?: boolean;
  goals: GoalInput[];
  activities: ActivityInput[];
}

export type PlanChanges = Partial<Omit<PlanInput, 'fiscalYear'>>;

export interface DevelopmentPlanView {
  id: string;
  member: { id: string; displayName: string };
  fiscalYear: { year: number; th: string; en: string };
  title: string;
  showOnPortfolio: boolean;
  goals: { competency: string; th: string; en: string; targetLevel: number; note: string | null }[];
  activities: {
    kind: ActivityInput['kind'];
    refId: string | null;
    title: string;
    dueOn: string | null;
    done: boolean;
  }[];
  /** The latest check-in's progress, 0–100 (0 before any). */
  progress: number;
  checkIns: { id: string; progress: number; reflection: string; createdAt: string }[];
  sharedWith: { id: string; displayName: string; memberKind: string }[];
  comments: { id: string; author: { id: string; displayName: string }; body: string; createdAt: string }[];
  createdAt: string;
  updatedAt: string;
}

/** Who may read a plan and comment on it besides its owner: supervisors (ศึกษานิเทศก์) and school directors. */
const SHARE_KINDS = ['supervisor', 'school_director'];
const DATE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;

/** A real day of the Gregorian calendar written YYYY-MM-DD (2027-02-30 is not: JavaScript would roll it over). */
function isCalendarDate(text: string): boolean {
  if (!DATE.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

/**
 * ID PLANs (แผนพัฒนาตนเองรายบุคคล, seed 001): a member plans their growth for a fiscal year (competencies with a
 * target level; activities: a training perk, an innovation to try, or something else, with due dates), checks in with
 * progress and reflection, and shares the plan with a supervisor or their school director, who comment on it.
 */
@Injectable()
export class DevelopmentPlansService {
  private readonly competencies = new Map(
    loadTaxonomy().competencyFrameworks.flatMap((framework) =>
      framework.competencies.map((c) => [c.code, { th: c.th, en: c.en }] as const),
    ),
  );

  constructor(private readonly dataSource: DataSource) {}

  async create(actor: Actor, input: PlanInput): Promise<DevelopmentPlanView> {
    if (!Number.isInteger(input.fiscalYear) || input.fiscalYear < 2560 || input.fiscalYear > 2700)
      throw new DomainError(RecognitionErrors.RECOGNITION_PLAN_INVALID, 'fiscalYear');
    const id = uuidv7();
    await this.dataSource.transaction(async (manager) => {
      await this.checkItems(manager, input.goals, input.activities);
      const inserted: unknown[] = await manager.query(
        `INSERT INTO development_plan (id, member_id, fiscal_year, title, show_on_portfolio)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (member_id, fiscal_year) DO NOTHING RETURNING 1`,
        [id, actor.memberId, input.fiscalYear, input.title.trim(), input.showOnPortfolio ?? false],
      );
      if (inserted.length === 0) throw new DomainError(RecognitionErrors.RECOGNITION_PLAN_EXISTS);
      await this.writeItems(manager, id, input.goals, input.activities);
    });
    return this.view(id);
  }

  /** The member's plan of a fiscal year (the current one by default), or null when they have none. */
  async mine(actor: Actor, fiscalYear?: number): Promise<DevelopmentPlanView | null> {
    const year = fiscalYear ?? fiscalYearOf(new Date()).year;
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM development_plan WHERE member_id = $1 AND fiscal_year = $2`,
      [actor.memberId, year],
    );
    return rows[0] ? this.view(rows[0].id) : null;
  }

  async update(actor: Actor, id: string, changes: PlanChanges): Promise<DevelopmentPlanView> {
    await this.dataSource.transaction(async (manager) => {
      await this.ownPlan(manager, actor, id, true);
      if (changes.goals || changes.activities)
        await this.checkItems(manager, changes.goals ?? [], changes.activities ?? []);
      await manager.query(
        `UPDATE development_plan SET title = coalesce($2, title), show_on_portfolio = coalesce($3, show_on_portfolio),
           updated_at = now() WHERE id = $1`,
        [id, changes.title?.trim() ?? null, changes.showOnPortfolio ?? null],
      );
      if (changes.goals) {
        await manager.query(`DELETE FROM development_goal WHERE plan_id = $1`, [id]);
        await this.writeItems(manager, id, changes.goals, []);
      }
      if (changes.activities) {
        await manager.query(`DELETE FROM development_activity WHERE plan_id = $1`, [id]);
        await this.writeItems(manager, id, [], changes.activities);
      }
    });
    return this.view(id);
  }

  async checkIn(
    actor: Actor,
    id: string,
    input: { progress: number; reflection: string },
  ): Promise<DevelopmentPlanView> {
    await this.dataSource.transaction(async (manager) => {
      await this.ownPlan(manager, actor, id, true);
      await manager.query(
        `INSERT INTO development_check_in (id, plan_id, progress, reflection) VALUES ($1, $2, $3, $4)`,
        [uuidv7(), id, input.progress, input.reflection.trim()],
      );
      await manager.query(`UPDATE development_plan SET updated_at = now() WHERE id = $1`, [id]);
    });
    return this.view(id);
  }

  /** Shares the plan with a supervisor or a school director (once; sharing again changes nothing). */
  async share(actor: Actor, id: string, memberId: string): Promise<DevelopmentPlanView> {
    await this.dataSource.transaction(async (manager) => {
      await this.ownPlan(manager, actor, id, false);
      const [member] = await manager.query<{ member_kind: string; status: string }[]>(
        `SELECT member_kind, status FROM member WHERE id = $1`,
        [memberId],
      );
      if (!member || member.status !== 'active')
        throw new DomainError(RecognitionErrors.RECOGNITION_MEMBER_NOT_FOUND);
      if (!SHARE_KINDS.includes(member.member_kind) || memberId === actor.memberId)
        throw new DomainError(RecognitionErrors.RECOGNITION_PLAN_SHARE_KIND);
      await manager.query(
        `INSERT INTO development_plan_share (plan_id, member_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
        [id, memberId],
      );
    });
    return this.view(id);
  }

  /** Plans shared with the actor (a supervisor or a director), newest first. */
  async sharedWithMe(actor: Actor): Promise<DevelopmentPlanView[]> {
    const rows: { plan_id: string }[] = await this.dataSource.query(
      `SELECT s.plan_id FROM development_plan_share s JOIN development_plan p ON p.id = s.plan_id
       WHERE s.member_id = $1 ORDER BY p.updated_at DESC LIMIT 100`,
      [actor.memberId],
    );
    return Promise.all(rows.map((row) => this.view(row.plan_id)));
  }

  /** A plan, for its owner and those it is shared with (404 for anyone else: it is not theirs to know of). */
  async get(actor: Actor, id: string): Promise<DevelopmentPlanView> {
    await this.readable(this.dataSource.manager, actor, id);
    return this.view(id);
  }

  async comment(actor: Actor, id: string, body: string): Promise<DevelopmentPlanView> {
    await this.dataSource.transaction(async (manager) => {
      await this.readable(manager, actor, id);
      await manager.query(
        `INSERT INTO development_plan_comment (id, plan_id, author_id, body) VALUES ($1, $2, $3, $4)`,
        [uuidv7(), id, actor.memberId, body.trim()],
      );
    });
    return this.view(id);
  }

  /** A member's plan of a fiscal year, for their evidence document. */
  async ofYear(memberId: string, year: number): Promise<DevelopmentPlanView | null> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM development_plan WHERE member_id = $1 AND fiscal_year = $2`,
      [memberId, year],
    );
    return rows[0] ? this.view(rows[0].id) : null;
  }

  /** The plan the member shows on their portfolio this fiscal year, if they chose to. */
  async onPortfolio(memberId: string): Promise<DevelopmentPlanView | null> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM development_plan WHERE member_id = $1 AND fiscal_year = $2 AND show_on_portfolio`,
      [memberId, fiscalYearOf(new Date()).year],
    );
    return rows[0] ? this.view(rows[0].id) : null;
  }

  private async ownPlan(manager: EntityManager, actor: Actor, id: string, lock: boolean): Promise<void> {
    const rows: { member_id: string }[] = await manager.query(
      `SELECT member_id FROM development_plan WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
      [id],
    );
    if (!rows[0] || rows[0].member_id !== actor.memberId)
      throw new DomainError(RecognitionErrors.RECOGNITION_PLAN_NOT_FOUND);
  }

  private async readable(manager: EntityManager, actor: Actor, id: string): Promise<void> {
    const rows: unknown[] = await manager.query(
      `SELECT 1 FROM development_plan p WHERE p.id = $1 AND (p.member_id = $2
         OR EXISTS (SELECT 1 FROM development_plan_share s WHERE s.plan_id = p.id AND s.member_id = $2))`,
      [id, actor.memberId],
    );
    if (rows.length === 0) throw new DomainError(RecognitionErrors.RECOGNITION_PLAN_NOT_FOUND);
  }

  /** Goals name competencies of the taxonomy; a perk activity names a training perk, an innovation one a published one. */
  private async checkItems(
    manager: EntityManager,
    goals: GoalInput[],
    activities: ActivityInput[],
  ): Promise<void> {
    for (const goal of goals)
      if (!this.competencies.has(goal.competency))
        throw new DomainError(
          RecognitionErrors.RECOGNITION_PLAN_INVALID,
          `competency ${goal.competency.slice(0, 40)}`,
        );
    for (const activity of activities) {
      if (activity.dueOn && !isCalendarDate(activity.dueOn))
        throw new DomainError(RecognitionErrors.RECOGNITION_PLAN_INVALID, 'dueOn');
      if (activity.kind === 'other') continue;
      if (!activity.refId) throw new DomainError(RecognitionErrors.RECOGNITION_PLAN_INVALID, 'refId');
      const [sql, refused] =
        activity.kind === 'perk'
          ? ([
              `SELECT 1 FROM perk WHERE id = $1 AND category = 'training' AND status IN ('live', 'paused', 'ended')`,
              RecognitionErrors.RECOGNITION_PLAN_PERK_NOT_TRAINING,
            ] as const)
          : activity.kind === 'innovation'
            ? ([
                `SELECT 1 FROM innovation WHERE id = $1 AND status = 'published'`,
                RecognitionErrors.RECOGNITION_PLAN_INNOVATION_NOT_FOUND,
              ] as const)
            : ([
                `SELECT 1 FROM activity_event WHERE id = $1 AND status <> 'cancelled'`,
                RecognitionErrors.RECOGNITION_PLAN_EVENT_NOT_FOUND,
              ] as const);
      if ((await manager.query(sql, [activity.refId])).length === 0) throw new DomainError(refused);
    }
  }

  private async writeItems(
    manager: EntityManager,
    planId: string,
    goals: GoalInput[],
    activities: ActivityInput[],
  ): Promise<void> {
    for (const [position, goal] of goals.entries())
      await manager.query(
        `INSERT INTO development_goal (id, plan_id, position, competency, target_level, note) VALUES ($1, $2, $3, $4, $5, $6)`,
        [uuidv7(), planId, position, goal.competency, goal.targetLevel, goal.note?.trim() || null],
      );
    for (const [position, activity] of activities.entries())
      await manager.query(
        `INSERT INTO development_activity (id, plan_id, position, kind, ref_id, title, due_on, done)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [
          uuidv7(),
          planId,
          position,
          activity.kind,
          activity.kind === 'other' ? null : activity.refId,
          activity.title.trim(),
          activity.dueOn ?? null,
          activity.done ?? false,
        ],
      );
  }

  private async view(id: string): Promise<DevelopmentPlanView> {
    const manager = this.dataSource.manager;
    const [plan] = await manager.query<
      {
        id: string;
        member_id: string;
        display_name: string;
        fiscal_year: number;
        title: string;
        show_on_portfolio: boolean;
        created_at: Date;
        updated_at: Date;
      }[]
    >(
      `SELECT p.id, p.member_id, m.display_name, p.fiscal_year, p.title, p.show_on_portfolio, p.created_at, p.updated_at
       FROM development_plan p JOIN member m ON m.id = p.member_id WHERE p.id = $1`,
      [id],
    );
    if (!plan) throw new DomainError(RecognitionErrors.RECOGNITION_PLAN_NOT_FOUND);
    const [goals, activities, checkIns, shares, comments] = await Promise.all([
      manager.query<{ competency: string; target_level: number; note: string | null }[]>(
        `SELECT competency, target_level, note FROM development_goal WHERE plan_id = $1 ORDER BY position`,
        [id],
      ),
      manager.query<
        {
          kind: ActivityInput['kind'];
          ref_id: string | null;
          title: string;
          due_on: string | null;
          done: boolean;
        }[]
      >(
        `SELECT kind, ref_id, title, to_char(due_on, 'YYYY-MM-DD') AS due_on, done
         FROM development_activity WHERE plan_id = $1 ORDER BY position`,
        [id],
      ),
      manager.query<{ id: string; progress: number; reflection: string; created_at: Date }[]>(
        `SELECT id, progress, reflection, created_at FROM development_check_in WHERE plan_id = $1
         ORDER BY created_at DESC, id DESC`,
        [id],
      ),
      manager.query<{ id: string; display_name: string; member_kind: string }[]>(
        `SELECT m.id, m.display_name, m.member_kind FROM development_plan_share s JOIN member m ON m.id = s.member_id
         WHERE s.plan_id = $1 ORDER BY s.shared_at`,
        [id],
      ),
      manager.query<
        { id: string; author_id: string; display_name: string; body: string; created_at: Date }[]
      >(
        `SELECT c.id, c.author_id, m.display_name, c.body, c.created_at FROM development_plan_comment c
         JOIN member m ON m.id = c.author_id WHERE c.plan_id = $1 ORDER BY c.created_at, c.id`,
        [id],
      ),
    ]);
    const named = fiscalYearNamed(plan.fiscal_year);
    return {
      id: plan.id,
      member: { id: plan.member_id, displayName: plan.display_name },
      fiscalYear: { year: plan.fiscal_year, th: named.th, en: named.en },
      title: plan.title,
      showOnPortfolio: plan.show_on_portfolio,
      goals: goals.map((goal) => ({
        competency: goal.competency,
        th: this.competencies.get(goal.competency)?.th ?? goal.competency,
        en: this.competencies.get(goal.competency)?.en ?? goal.competency,
        targetLevel: goal.target_level,
        note: goal.note,
      })),
      activities: activities.map((a) => ({
        kind: a.kind,
        refId: a.ref_id,
        title: a.title,
        dueOn: a.due_on,
        done: a.done,
      })),
      progress: checkIns[0]?.progress ?? 0,
      checkIns: checkIns.map((c) => ({
        id: c.id,
        progress: c.progress,
        reflection: c.reflection,
        createdAt: c.created_at.toISOString(),
      })),
      sharedWith: shares.map((s) => ({ id: s.id, displayName: s.display_name, memberKind: s.member_kind })),
      comments: comments.map((c) => ({
        id: c.id,
        author: { id: c.author_id, displayName: c.display_name },
        body: c.body,
        createdAt: c.created_at.toISOString(),
      })),
      createdAt: plan.created_at.toISOString(),
      updatedAt: plan.updated_at.toISOString(),
    };
  }
}
