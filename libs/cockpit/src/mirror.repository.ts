import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { updateReturning } from '@lc/database';

/**
 * The cockpit's own record of what it has counted (members and their schools, activity days, innovations with
 * their dimensions and status, ratings with their day and current score, where schools sit): only cockpit tables,
 * written by the subscriber and replaced by the rebuild.
 */

export interface MemberPlace {
  memberId: string;
  memberKind: string;
  schoolId: string | null;
}

export interface SchoolPlaceRow {
  schoolId: string;
  areaId: string | null;
  provinceCode: string;
  nameTh: string;
  nameEn: string | null;
}

export interface InnovationState {
  innovationId: string;
  authorId: string;
  schoolId: string | null;
  status: 'published' | 'hidden' | 'removed';
  publishedOn: string;
  learningAreas: string[];
  competencies: string[];
  techniques: string[];
}

/** The advisory lock that makes the subscriber's batches and the rebuild take turns. */
export const COCKPIT_LOCK = 0x636b7074; // 'ckpt'

/**
 * The SQL of indicator 18's evidence (a), one innovation at a time or all: the first day on which the peer ratings
 * given up to that day numbered at least 3 and their current scores averaged 4.0 or more. `ratings` is a relation of
 * (innovation_id, rated_on, overall). Authors cannot rate their own innovations, so every rating is a peer's.
 */
export function evidenceSql(ratings: string): string {
  return `
    SELECT innovation_id, min(day) AS evidence_on FROM (
      SELECT innovation_id, day,
             sum(n) OVER (PARTITION BY innovation_id ORDER BY day) AS n,
             sum(s) OVER (PARTITION BY innovation_id ORDER BY day) AS s
      FROM (SELECT innovation_id, rated_on AS day, count(*) AS n, sum(overall) AS s
            FROM ${ratings} r GROUP BY innovation_id, rated_on) per_day
    ) running
    WHERE n >= 3 AND s >= 4 * n
    GROUP BY innovation_id`;
}

/**
 * Indicator 18 per member: the first day of evidence (a) on a published innovation they wrote, (b) a report of
 * using someone else's innovation, or (c) a completed Active Learning training, for teachers and educational
 * personnel only. `members` names cockpit_member rows.
 */
export function alCapableSql(where: string): string {
  return `
    SELECT m.member_id,
           CASE WHEN m.member_kind = ANY($1::text[]) THEN
             least(m.first_adoption_on, m.first_training_on,
                   (SELECT min(i.evidence_on) FROM cockpit_innovation i
                    WHERE i.author_id = m.member_id AND i.status = 'published'))
           END AS al_capable_on
    FROM cockpit_member m WHERE ${where}`;
}

@Injectable()
export class MirrorRepository {
  async lock(manager: EntityManager): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock($1)`, [COCKPIT_LOCK]);
  }

  /** Events a rebuild already counted: forgotten now and skipped by the caller. */
  async takeRebuilt(manager: EntityManager, eventIds: string[]): Promise<Set<string>> {
    const rows = await updateReturning<{ event_id: string }>(
      manager,
      `DELETE FROM cockpit_rebuilt_event WHERE event_id = ANY($1::uuid[]) RETURNING event_id`,
      [eventIds],
    );
    return new Set(rows.map((row) => row.event_id));
  }

  async members(manager: EntityManager, ids: string[]): Promise<Map<string, MemberPlace>> {
    if (ids.length === 0) return new Map();
    const rows: MemberPlace[] = await manager.query(
      `SELECT member_id AS "memberId", member_kind AS "memberKind", school_id AS "schoolId"
       FROM cockpit_member WHERE member_id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(rows.map((row) => [row.memberId, row]));
  }

  /**
   * Members' kinds and schools, in one statement: registrations set them (`overwrite`), a later lookup only fills a
   * gap. One row per member (the caller keeps the last registration of a member).
   */
  async putMembers(manager: EntityManager, members: MemberPlace[], overwrite: boolean): Promise<void> {
    if (members.length === 0) return;
    await manager.query(
      `INSERT INTO cockpit_member (member_id, member_kind, school_id)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::uuid[]) ORDER BY 1
       ON CONFLICT (member_id) DO ${overwrite ? 'UPDATE SET member_kind = EXCLUDED.member_kind, school_id = EXCLUDED.school_id' : 'NOTHING'}`,
      [members.map((m) => m.memberId), members.map((m) => m.memberKind), members.map((m) => m.schoolId)],
    );
  }

  async schools(manager: EntityManager, ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows: { school_id: string }[] = await manager.query(
      `SELECT school_id FROM cockpit_school WHERE school_id = ANY($1::uuid[])`,
      [ids],
    );
    return new Set(rows.map((row) => row.school_id));
  }

  /** Where schools sit and their names, in one statement (one row per school). */
  async putSchools(manager: EntityManager, schools: SchoolPlaceRow[]): Promise<void> {
    if (schools.length === 0) return;
    await manager.query(
      `INSERT INTO cockpit_school (school_id, area_id, province_code, name_th, name_en)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[]) ORDER BY 1
       ON CONFLICT (school_id) DO UPDATE SET area_id = EXCLUDED.area_id, province_code = EXCLUDED.province_code,
         name_th = EXCLUDED.name_th, name_en = EXCLUDED.name_en`,
      [
        schools.map((s) => s.schoolId),
        schools.map((s) => s.areaId),
        schools.map((s) => s.provinceCode),
        schools.map((s) => s.nameTh),
        schools.map((s) => s.nameEn),
      ],
    );
  }

  /** The recorded state of these innovations, in one query (those never published are left out). */
  async innovations(manager: EntityManager, ids: string[]): Promise<Map<string, InnovationState>> {
    if (ids.length === 0) return new Map();
    const rows: InnovationState[] = await manager.query(
      `SELECT innovation_id AS "innovationId", author_id AS "authorId", school_id AS "schoolId", status,
              to_char(published_on, 'YYYY-MM-DD') AS "publishedOn", learning_areas AS "learningAreas",
              competencies, techniques
       FROM cockpit_innovation WHERE innovation_id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(rows.map((row) => [row.innovationId, row]));
  }

  /**
   * Writes the state a batch leaves these innovations in, in one statement: new ones are inserted whole; for known
   * ones only the status and dimensions change (author, school and publication day never do). One row per innovation.
   */
  async putInnovations(manager: EntityManager, states: InnovationState[]): Promise<void> {
    if (states.length === 0) return;
    await manager.query(
      `INSERT INTO cockpit_innovation (innovation_id, author_id, school_id, status, published_on, learning_areas,
         competencies, techniques)
       SELECT innovation_id, author_id, school_id, status, published_on, learning_areas, competencies, techniques
       FROM jsonb_to_recordset($1::jsonb) AS x(innovation_id uuid, author_id uuid, school_id uuid, status text,
         published_on date, learning_areas text[], competencies text[], techniques text[])
       ORDER BY innovation_id
       ON CONFLICT (innovation_id) DO UPDATE SET status = EXCLUDED.status, learning_areas = EXCLUDED.learning_areas,
         competencies = EXCLUDED.competencies, techniques = EXCLUDED.techniques`,
      [
        JSON.stringify(
          states.map((s) => ({
            innovation_id: s.innovationId,
            author_id: s.authorId,
            school_id: s.schoolId,
            status: s.status,
            published_on: s.publishedOn,
            learning_areas: s.learningAreas,
            competencies: s.competencies,
            techniques: s.techniques,
          })),
        ),
      ],
    );
  }

  /**
   * Records ratings in one statement, one row per (innovation, member): a new one with its day and score, a known
   * one with its new score (its day stays the day it was first given). Answers, in the order given, the day and score
   * each had before, or null when it is new.
   */
  /** Members who attended an event of an area activity plan, once per plan (a plan deleted since is skipped). */
  async notePlanAttendees(
    manager: EntityManager,
    attendees: { planId: string; memberId: string; memberKind: string }[],
  ): Promise<void> {
    if (attendees.length === 0) return;
    await manager.query(
      `INSERT INTO cockpit_plan_attendee (plan_id, member_id, member_kind)
       SELECT x.plan_id, x.member_id, x.member_kind
       FROM unnest($1::uuid[], $2::uuid[], $3::text[]) AS x(plan_id, member_id, member_kind)
       WHERE EXISTS (SELECT 1 FROM activity_plan p WHERE p.id = x.plan_id)
       ON CONFLICT DO NOTHING`,
      [attendees.map((a) => a.planId), attendees.map((a) => a.memberId), attendees.map((a) => a.memberKind)],
    );
  }

  async putRatings(
    manager: EntityManager,
    ratings: { innovationId: string; memberId: string; overall: number; day: string }[],
  ): Promise<({ overall: number; ratedOn: string } | null)[]> {
    if (ratings.length === 0) return [];
    const rows: { n: string; overall: number; rated_on: string }[] = await manager.query(
      `WITH input AS (
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::smallint[], $4::date[]) WITH ORDINALITY
           AS x(innovation_id, member_id, overall, rated_on, n)
       ), old AS (
         SELECT input.n, r.overall, r.rated_on
         FROM cockpit_rating r JOIN input USING (innovation_id, member_id)
       ), written AS (
         INSERT INTO cockpit_rating (innovation_id, member_id, overall, rated_on)
         SELECT innovation_id, member_id, overall, rated_on FROM input ORDER BY innovation_id, member_id
         ON CONFLICT (innovation_id, member_id) DO UPDATE SET overall = EXCLUDED.overall
         RETURNING 1
       )
       SELECT n, overall, to_char(rated_on, 'YYYY-MM-DD') AS rated_on FROM old`,
      [
        ratings.map((r) => r.innovationId),
        ratings.map((r) => r.memberId),
        ratings.map((r) => r.overall),
        ratings.map((r) => r.day),
      ],
    );
    const before: ({ overall: number; ratedOn: string } | null)[] = ratings.map(() => null);
    for (const row of rows)
      before[Number(row.n) - 1] = { overall: Number(row.overall), ratedOn: row.rated_on };
    return before;
  }

  async recomputeEvidence(manager: EntityManager, innovationIds: string[]): Promise<void> {
    if (innovationIds.length === 0) return;
    await manager.query(
      `UPDATE cockpit_innovation i SET evidence_on = e.evidence_on
       FROM (SELECT ids.id AS innovation_id, ev.evidence_on
             FROM unnest($1::uuid[]) AS ids(id)
             LEFT JOIN (${evidenceSql(`(SELECT * FROM cockpit_rating WHERE innovation_id = ANY($1::uuid[]))`)}) ev
               ON ev.innovation_id = ids.id) e
       WHERE i.innovation_id = e.innovation_id AND i.evidence_on IS DISTINCT FROM e.evidence_on`,
      [innovationIds],
    );
  }

  /** The first day each member reported using someone else's innovation (indicator 18's evidence (b)). */
  noteAdoptions(manager: EntityManager, adoptions: { memberId: string; day: string }[]): Promise<void> {
    return this.noteFirstDays(manager, 'first_adoption_on', adoptions);
  }

  /** The first day each member completed an Active Learning training (indicator 18's evidence (c)). */
  noteTrainings(manager: EntityManager, trainings: { memberId: string; day: string }[]): Promise<void> {
    return this.noteFirstDays(manager, 'first_training_on', trainings);
  }

  /** Keeps the earliest of the recorded day and these days, per member. */
  private async noteFirstDays(
    manager: EntityManager,
    column: 'first_adoption_on' | 'first_training_on',
    days: { memberId: string; day: string }[],
  ): Promise<void> {
    if (days.length === 0) return;
    await manager.query(
      `UPDATE cockpit_member m SET ${column} = least(m.${column}, x.day)
       FROM (SELECT member_id, min(day) AS day FROM unnest($1::uuid[], $2::date[]) AS a(member_id, day)
             GROUP BY member_id) x
       WHERE m.member_id = x.member_id AND m.${column} IS DISTINCT FROM least(m.${column}, x.day)`,
      [days.map((a) => a.memberId), days.map((a) => a.day)],
    );
  }

  /** Recomputes indicator 18 for these members; answers those whose day changed, with the day before and after. */
  async recomputeAlCapable(
    manager: EntityManager,
    memberIds: string[],
    staffKinds: string[],
  ): Promise<{ memberId: string; before: string | null; after: string | null }[]> {
    if (memberIds.length === 0) return [];
    const rows = await updateReturning<{ member_id: string; before: string | null; after: string | null }>(
      manager,
      `WITH now_ AS (${alCapableSql('m.member_id = ANY($2::uuid[])')}),
       old AS (SELECT member_id, al_capable_on FROM cockpit_member WHERE member_id = ANY($2::uuid[]))
       UPDATE cockpit_member m SET al_capable_on = now_.al_capable_on
       FROM now_ JOIN old USING (member_id)
       WHERE m.member_id = now_.member_id AND m.al_capable_on IS DISTINCT FROM now_.al_capable_on
       RETURNING m.member_id, to_char(old.al_capable_on, 'YYYY-MM-DD') AS before,
                 to_char(now_.al_capable_on, 'YYYY-MM-DD') AS after`,
      [staffKinds, memberIds],
    );
    return rows.map((row) => ({ memberId: row.member_id, before: row.before, after: row.after }));
  }

  /** Adds activity days; answers the ones that are new. */
  async addActivityDays(
    manager: EntityManager,
    days: { memberId: string; day: string }[],
  ): Promise<{ memberId: string; day: string }[]> {
    if (days.length === 0) return [];
    const rows: { member_id: string; day: string }[] = await manager.query(
      `INSERT INTO cockpit_member_day (member_id, day)
       SELECT DISTINCT * FROM unnest($1::uuid[], $2::date[]) ORDER BY 1, 2
       ON CONFLICT DO NOTHING RETURNING member_id, to_char(day, 'YYYY-MM-DD') AS day`,
      [days.map((d) => d.memberId), days.map((d) => d.day)],
    );
    return rows.map((row) => ({ memberId: row.member_id, day: row.day }));
  }

  /** Every activity day of these members between the two dates (inclusive). */
  async activityDays(
    manager: EntityManager,
    memberIds: string[],
    from: string,
    to: string,
  ): Promise<Map<string, string[]>> {
    const rows: { member_id: string; day: string }[] = await manager.query(
      `SELECT member_id, to_char(day, 'YYYY-MM-DD') AS day FROM cockpit_member_day
       WHERE member_id = ANY($1::uuid[]) AND day BETWEEN $2 AND $3`,
      [memberIds, from, to],
    );
    const byMember = new Map<string, string[]>();
    for (const row of rows) byMember.set(row.member_id, [...(byMember.get(row.member_id) ?? []), row.day]);
    return byMember;
  }
}
