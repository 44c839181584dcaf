import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { OrganiserRef } from './event-access';

export interface EventRow extends OrganiserRef {
  id: string;
  kind: string;
  title: string;
  description: string;
  capacity: number | null;
  waitlist: boolean;
  registrationOpensAt: Date;
  registrationClosesAt: Date;
  startsAt: Date;
  endsAt: Date;
  completionRule: 'all_sessions' | 'min_share';
  minShare: string | null;
  evaluationRequired: boolean;
  certificateIssueAfterDays: number;
  signatoryName: string;
  signatoryTitle: string;
  activityPlanId: string | null;
  status: 'scheduled' | 'cancelled';
  cancelledAt: Date | null;
  cancelReason: string | null;
  registeredCount: number;
  waitlistedCount: number;
  completionsComputedAt: Date | null;
  certificatesRequestedAt: Date | null;
  createdAt: Date;
  organiserTh: string;
  organiserEn: string;
}

export interface SessionRow {
  id: string;
  eventId: string;
  position: number;
  title: string;
  startsAt: Date;
  endsAt: Date;
  mode: 'online' | 'onsite';
  joinUrl: string | null;
  venue: string | null;
  checkpoints: number;
  codeSecret: Buffer;
  codeRotationSeconds: number;
}

export interface RegistrationRow {
  eventId: string;
  memberId: string;
  status: 'registered' | 'waitlisted' | 'cancelled';
  seq: string;
  createdAt: Date;
  promotedAt: Date | null;
}

const OBEC_TH = 'สำนักงานคณะกรรมการการศึกษาขั้นพื้นฐาน';
const OBEC_EN = 'Office of the Basic Education Commission';

/**
 * The event's columns with its organiser's names. Names of areas, schools and partners are read from their tables
 * here (a read-only join for display), since the marketplace's services sit above this library.
 */
const SELECT_EVENT = `
  SELECT e.id, e.kind, e.title, e.description, e.organiser_type AS "organiserType", e.organiser_id AS "organiserId",
         e.area_id AS "areaId", e.school_id AS "schoolId", e.partner_id AS "partnerId", e.capacity, e.waitlist,
         e.registration_opens_at AS "registrationOpensAt", e.registration_closes_at AS "registrationClosesAt",
         e.starts_at AS "startsAt", e.ends_at AS "endsAt", e.completion_rule AS "completionRule",
         e.min_share::text AS "minShare", e.evaluation_required AS "evaluationRequired",
         e.certificate_issue_after_days AS "certificateIssueAfterDays", e.signatory_name AS "signatoryName",
         e.signatory_title AS "signatoryTitle", e.activity_plan_id AS "activityPlanId", e.status,
         e.cancelled_at AS "cancelledAt", e.cancel_reason AS "cancelReason", e.registered_count AS "registeredCount",
         e.waitlisted_count AS "waitlistedCount", e.completions_computed_at AS "completionsComputedAt",
         e.certificates_requested_at AS "certificatesRequestedAt", e.created_by AS "createdBy",
         e.created_at AS "createdAt",
         CASE e.organiser_type WHEN 'obec' THEN '${OBEC_TH}' WHEN 'area' THEN a.name_th WHEN 'school' THEN s.name_th
              ELSE p.name_th END AS "organiserTh",
         CASE e.organiser_type WHEN 'obec' THEN '${OBEC_EN}' WHEN 'area' THEN coalesce(a.name_en, a.name_th)
              WHEN 'school' THEN coalesce(s.name_en, s.name_th) ELSE coalesce(p.name_en, p.name_th) END AS "organiserEn"
  FROM activity_event e
  LEFT JOIN area a ON e.organiser_type = 'area' AND a.id = e.organiser_id
  LEFT JOIN school s ON e.organiser_type = 'school' AND s.id = e.organiser_id
  LEFT JOIN partner p ON e.organiser_type = 'partner' AND p.id = e.organiser_id`;

const SELECT_SESSION = `
  SELECT id, event_id AS "eventId", position, title, starts_at AS "startsAt", ends_at AS "endsAt", mode,
         join_url AS "joinUrl", venue, checkpoints, code_secret AS "codeSecret",
         code_rotation_seconds AS "codeRotationSeconds"
  FROM activity_session`;

export interface NewEvent {
  id: string;
  kind: string;
  title: string;
  description: string;
  organiserType: string;
  organiserId: string | null;
  areaId: string | null;
  schoolId: string | null;
  partnerId: string | null;
  capacity: number | null;
  waitlist: boolean;
  registrationOpensAt: Date;
  registrationClosesAt: Date;
  startsAt: Date;
  endsAt: Date;
  completionRule: string;
  minShare: number | null;
  evaluationRequired: boolean;
  certificateIssueAfterDays: number;
  signatoryName: string;
  signatoryTitle: string;
  activityPlanId: string | null;
  createdBy: string;
}

export interface NewSession {
  id: string;
  position: number;
  title: string;
  startsAt: Date;
  endsAt: Date;
  mode: string;
  joinUrl: string | null;
  venue: string | null;
  checkpoints: number;
  codeSecret: Buffer;
}

/** SQL of events, sessions and registrations. */
@Injectable()
export class EventsRepository {
  async insert(manager: EntityManager, event: NewEvent, sessions: NewSession[]): Promise<void> {
    await manager.query(
      `INSERT INTO activity_event (id, kind, title, description, organiser_type, organiser_id, area_id, school_id,
         partner_id, capacity, waitlist, registration_opens_at, registration_closes_at, starts_at, ends_at,
         completion_rule, min_share, evaluation_required, certificate_issue_after_days, signatory_name,
         signatory_title, activity_plan_id, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23)`,
      [
        event.id,
        event.kind,
        event.title,
        event.description,
        event.organiserType,
        event.organiserId,
        event.areaId,
        event.schoolId,
        event.partnerId,
        event.capacity,
        event.waitlist,
        event.registrationOpensAt,
        event.registrationClosesAt,
        event.startsAt,
        event.endsAt,
        event.completionRule,
        event.minShare,
        event.evaluationRequired,
        event.certificateIssueAfterDays,
        event.signatoryName,
        event.signatoryTitle,
        event.activityPlanId,
        event.createdBy,
      ],
    );
    await manager.query(
      `INSERT INTO activity_session (id, event_id, position, title, starts_at, ends_at, mode, join_url, venue,
         checkpoints, code_secret)
       SELECT s.id, $1, s.position, s.title, s.starts_at, s.ends_at, s.mode, s.join_url, s.venue, s.checkpoints,
              decode(s.secret, 'hex')
       FROM unnest($2::uuid[], $3::int[], $4::text[], $5::timestamptz[], $6::timestamptz[], $7::text[], $8::text[],
                   $9::text[], $10::int[], $11::text[])
         AS s(id, position, title, starts_at, ends_at, mode, join_url, venue, checkpoints, secret)`,
      [
        event.id,
        sessions.map((s) => s.id),
        sessions.map((s) => s.position),
        sessions.map((s) => s.title),
        sessions.map((s) => s.startsAt),
        sessions.map((s) => s.endsAt),
        sessions.map((s) => s.mode),
        sessions.map((s) => s.joinUrl),
        sessions.map((s) => s.venue),
        sessions.map((s) => s.checkpoints),
        sessions.map((s) => s.codeSecret.toString('hex')),
      ],
    );
  }

  async find(manager: EntityManager, id: string, lock = false): Promise<EventRow | null> {
    if (lock) await manager.query(`SELECT 1 FROM activity_event WHERE id = $1 FOR UPDATE`, [id]);
    const rows: EventRow[] = await manager.query(`${SELECT_EVENT} WHERE e.id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** These events (in no particular order; the missing ones left out). */
  async findMany(manager: EntityManager, ids: string[]): Promise<EventRow[]> {
    if (ids.length === 0) return [];
    return manager.query(`${SELECT_EVENT} WHERE e.id = ANY($1::uuid[])`, [ids]);
  }

  async list(
    manager: EntityManager,
    filter: { kind?: string; areaId?: string; from?: Date; to?: Date },
    after: { startsAt: string; id: string } | null,
    limit: number,
  ): Promise<EventRow[]> {
    return manager.query(
      `${SELECT_EVENT}
       WHERE ($1::text IS NULL OR e.kind = $1)
         AND ($2::uuid IS NULL OR e.area_id = $2)
         AND ($3::timestamptz IS NULL OR e.ends_at >= $3)
         AND ($4::timestamptz IS NULL OR e.starts_at < $4)
         AND ($5::timestamptz IS NULL OR (e.starts_at, e.id) > ($5::timestamptz, $6::uuid))
       ORDER BY e.starts_at, e.id
       LIMIT $7`,
      [
        filter.kind ?? null,
        filter.areaId ?? null,
        filter.from ?? null,
        filter.to ?? null,
        after?.startsAt ?? null,
        after?.id ?? null,
        limit + 1,
      ],
    );
  }

  async byIds(manager: EntityManager, ids: string[]): Promise<Map<string, EventRow>> {
    if (ids.length === 0) return new Map();
    const rows: EventRow[] = await manager.query(`${SELECT_EVENT} WHERE e.id = ANY($1::uuid[])`, [ids]);
    return new Map(rows.map((row) => [row.id, row]));
  }

  sessions(manager: EntityManager, eventId: string): Promise<SessionRow[]> {
    return manager.query(`${SELECT_SESSION} WHERE event_id = $1 ORDER BY position`, [eventId]);
  }

  async sessionsOf(manager: EntityManager, eventIds: string[]): Promise<Map<string, SessionRow[]>> {
    const byEvent = new Map<string, SessionRow[]>();
    if (eventIds.length === 0) return byEvent;
    const rows: SessionRow[] = await manager.query(
      `${SELECT_SESSION} WHERE event_id = ANY($1::uuid[]) ORDER BY event_id, position`,
      [eventIds],
    );
    for (const row of rows) byEvent.set(row.eventId, [...(byEvent.get(row.eventId) ?? []), row]);
    return byEvent;
  }

  async session(manager: EntityManager, eventId: string, sessionId: string): Promise<SessionRow | null> {
    const rows: SessionRow[] = await manager.query(`${SELECT_SESSION} WHERE event_id = $1 AND id = $2`, [
      eventId,
      sessionId,
    ]);
    return rows[0] ?? null;
  }

  async registration(
    manager: EntityManager,
    eventId: string,
    memberId: string,
  ): Promise<RegistrationRow | null> {
    const rows: RegistrationRow[] = await manager.query(
      `SELECT event_id AS "eventId", member_id AS "memberId", status, seq::text AS seq, created_at AS "createdAt",
              promoted_at AS "promotedAt"
       FROM activity_registration WHERE event_id = $1 AND member_id = $2`,
      [eventId, memberId],
    );
    return rows[0] ?? null;
  }

  /** A waitlisted member's place in the queue (1 = next to get a seat). */
  async waitlistPosition(manager: EntityManager, eventId: string, seq: string): Promise<number> {
    const [row] = await manager.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM activity_registration WHERE event_id = $1 AND status = 'waitlisted' AND seq <= $2`,
      [eventId, seq],
    );
    return row!.n;
  }

  async organisation(
    manager: EntityManager,
    type: 'area' | 'school' | 'partner',
    id: string,
  ): Promise<{ areaId: string | null } | null> {
    const sql = {
      area: `SELECT id AS "areaId" FROM area WHERE id = $1`,
      school: `SELECT area_id AS "areaId" FROM school WHERE id = $1`,
      partner: `SELECT NULL::uuid AS "areaId" FROM partner WHERE id = $1`,
    }[type];
    const rows: { areaId: string | null }[] = await manager.query(sql, [id]);
    return rows[0] ?? null;
  }

  /** The area of an activity plan (the cockpit's table; read to link an event to its plan). */
  async planArea(manager: EntityManager, planId: string): Promise<string | null> {
    const rows: { area_id: string }[] = await manager.query(
      `SELECT area_id FROM activity_plan WHERE id = $1`,
      [planId],
    );
    return rows[0]?.area_id ?? null;
  }
}
