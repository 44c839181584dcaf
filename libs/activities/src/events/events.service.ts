import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import {
  Clock,
  decodeCursor,
  DEFAULT_PAGE_SIZE,
  DomainError,
  loadTaxonomy,
  Page,
  toPage,
  uuidv7,
} from '@lc/core';
import { Actor, AuditRepository, hasRole, isObecAdmin } from '@lc/identity';
import { OutboxService } from '@lc/messaging';
import { ActivitiesErrors } from '../activities-errors';
import { ActivityEvents } from '../activities.events';
import { mayOrganise } from './event-access';
import { EventRow, EventsRepository, NewSession, RegistrationRow, SessionRow } from './events.repository';

export type OrganiserType = 'obec' | 'area' | 'school' | 'partner';

export interface SessionInput {
  title: string;
  startsAt: string;
  endsAt: string;
  mode: 'online' | 'onsite';
  joinUrl?: string | null;
  venue?: string | null;
  /** How many codes a member enters to have attended (1: one code; 2: at the start and at the end). */
  checkpoints?: number;
}

export interface EventInput {
  kind: string;
  title: string;
  description?: string;
  organiser: { type: OrganiserType; id?: string | null };
  sessions: SessionInput[];
  capacity?: number | null;
  /** When full: a waitlist (the default) or a refusal (409 EVENT_FULL). */
  waitlist?: boolean;
  registrationOpensAt: string;
  registrationClosesAt: string;
  completion: { rule: 'all_sessions' | 'min_share'; minShare?: number | null; evaluationRequired?: boolean };
  certificate: { issueAfterDays?: number; signatoryName: string; signatoryTitle: string };
  activityPlanId?: string | null;
}

export interface SessionView {
  id: string;
  position: number;
  title: string;
  startsAt: string;
  endsAt: string;
  minutes: number;
  mode: 'online' | 'onsite';
  /** Shown to registered members and organisers only. */
  joinUrl: string | null;
  venue: string | null;
  checkpoints: number;
}

export interface EventView {
  id: string;
  kind: string;
  kindLabel: { th: string; en: string };
  title: string;
  description: string;
  organiser: { type: OrganiserType; id: string | null; th: string; en: string };
  areaId: string | null;
  sessions: SessionView[];
  capacity: number | null;
  waitlist: boolean;
  registeredCount: number;
  waitlistedCount: number;
  seatsLeft: number | null;
  registrationOpensAt: string;
  registrationClosesAt: string;
  registrationOpen: boolean;
  startsAt: string;
  endsAt: string;
  status: 'scheduled' | 'cancelled';
  phase: 'upcoming' | 'live' | 'ended' | 'cancelled';
  completion: { rule: 'all_sessions' | 'min_share'; minShare: number | null; evaluationRequired: boolean };
  certificate: { issueAfterDays: number; signatoryName: string; signatoryTitle: string };
  activityPlanId: string | null;
  me: {
    registration: { status: 'registered' | 'waitlisted'; position: number | null } | null;
    organiser: boolean;
  };
}

export interface EventListQuery {
  kind?: string;
  areaId?: string;
  from?: string;
  to?: string;
  cursor?: string;
}

const MAX_SESSIONS = 50;
/** A training's default share of the hours (seed 001: at least 80 % of the development time). */
export const DEFAULT_MIN_SHARE = 0.8;
export const DEFAULT_ISSUE_AFTER_DAYS = 7;

const invalid = (detail: string) => new DomainError(ActivitiesErrors.EVENT_INVALID, detail);

function instant(value: string, name: string): Date {
  const at = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(at.getTime()))
    throw invalid(`${name} must be a date and time with its offset, e.g. 2026-12-20T09:00:00+07:00`);
  return at;
}

/** A day written YYYY-MM-DD is the Bangkok day; a date-time is taken as written. */
function boundary(value: string | undefined, name: string, endOfDay: boolean): Date | undefined {
  if (!value) return undefined;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const start = new Date(`${value}T00:00:00+07:00`);
    if (Number.isNaN(start.getTime())) throw invalid(`${name} is not a calendar date`);
    return endOfDay ? new Date(start.getTime() + 86_400_000) : start;
  }
  return instant(value, name);
}

export function minutesOf(session: { startsAt: Date; endsAt: Date }): number {
  return Math.max(0, Math.round((session.endsAt.getTime() - session.startsAt.getTime()) / 60_000));
}

/**
 * Events and their sessions (seed 003 §2: forums, Learning Talks, the showcase; seed 001: trainings): organised by
 * OBEC, an area, a school or a partner, for whoever may act for that organiser; listed to every member.
 */
@Injectable()
export class EventsService {
  private readonly kinds = new Map(loadTaxonomy().eventSessionKinds.map((k) => [k.code, k]));

  constructor(
    private readonly dataSource: DataSource,
    private readonly events: EventsRepository,
    private readonly audit: AuditRepository,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {}

  async create(actor: Actor, input: EventInput): Promise<EventView> {
    if (!this.kinds.has(input.kind))
      throw invalid(`kind must be one of ${[...this.kinds.keys()].join(', ')}`);
    if (input.sessions.length < 1 || input.sessions.length > MAX_SESSIONS)
      throw invalid(`an event has 1 to ${MAX_SESSIONS} sessions`);
    const sessions: NewSession[] = input.sessions.map((s, i) => {
      const startsAt = instant(s.startsAt, `sessions[${i}].startsAt`);
      const endsAt = instant(s.endsAt, `sessions[${i}].endsAt`);
      if (startsAt >= endsAt) throw invalid(`sessions[${i}] must end after it starts`);
      if (endsAt.getTime() - startsAt.getTime() > 24 * 3600_000)
        throw invalid(`sessions[${i}] lasts more than a day: make one session per day`);
      if (s.mode === 'online' && !s.joinUrl?.startsWith('https://'))
        throw invalid(`sessions[${i}] is online: give its joinUrl (https://…)`);
      if (s.mode === 'onsite' && !s.venue?.trim()) throw invalid(`sessions[${i}] is on site: give its venue`);
      return {
        id: uuidv7(),
        position: i + 1,
        title: s.title.trim(),
        startsAt,
        endsAt,
        mode: s.mode,
        joinUrl: s.mode === 'online' ? s.joinUrl! : null,
        venue: s.mode === 'onsite' ? s.venue!.trim() : null,
        checkpoints: s.checkpoints ?? 1,
        codeSecret: randomBytes(32),
      };
    });
    const startsAt = new Date(Math.min(...sessions.map((s) => s.startsAt.getTime())));
    const endsAt = new Date(Math.max(...sessions.map((s) => s.endsAt.getTime())));
    const opensAt = instant(input.registrationOpensAt, 'registrationOpensAt');
    const closesAt = instant(input.registrationClosesAt, 'registrationClosesAt');
    if (opensAt >= closesAt) throw invalid('registration must close after it opens');
    if (closesAt > endsAt) throw invalid('registration must close by the time the event ends');
    const rule = input.completion.rule;
    const minShare = rule === 'min_share' ? (input.completion.minShare ?? DEFAULT_MIN_SHARE) : null;
    if (
      minShare !== null &&
      !(minShare > 0 && minShare <= 1 && Math.round(minShare * 1000) === minShare * 1000)
    )
      throw invalid('completion.minShare is a share above 0 and at most 1, in thousandths (0.8 = 80 %)');
    if (rule === 'all_sessions' && input.completion.minShare != null)
      throw invalid('completion.minShare applies to the min_share rule only');

    return this.dataSource.transaction(async (manager) => {
      const place = await this.organiserPlace(manager, actor, input.organiser);
      let activityPlanId: string | null = null;
      if (input.activityPlanId) {
        const planArea = await this.events.planArea(manager, input.activityPlanId);
        if (!planArea)
          throw new DomainError(ActivitiesErrors.EVENT_PLAN_NOT_ALLOWED, 'No such activity plan');
        const allowed = place.areaId ? planArea === place.areaId : isObecAdmin(actor);
        if (!allowed) throw new DomainError(ActivitiesErrors.EVENT_PLAN_NOT_ALLOWED);
        activityPlanId = input.activityPlanId;
      }
      const id = uuidv7();
      await this.events.insert(
        manager,
        {
          id,
          kind: input.kind,
          title: input.title.trim(),
          description: (input.description ?? '').trim(),
          organiserType: input.organiser.type,
          organiserId: input.organiser.type === 'obec' ? null : input.organiser.id!,
          ...place,
          capacity: input.capacity ?? null,
          waitlist: input.waitlist ?? true,
          registrationOpensAt: opensAt,
          registrationClosesAt: closesAt,
          startsAt,
          endsAt,
          completionRule: rule,
          minShare,
          evaluationRequired: input.completion.evaluationRequired ?? false,
          certificateIssueAfterDays: input.certificate.issueAfterDays ?? DEFAULT_ISSUE_AFTER_DAYS,
          signatoryName: input.certificate.signatoryName.trim(),
          signatoryTitle: input.certificate.signatoryTitle.trim(),
          activityPlanId,
          createdBy: actor.memberId,
        },
        sessions,
      );
      await this.audit.record(manager, {
        actorId: actor.memberId,
        action: 'activity.event_created',
        targetType: 'activity_event',
        targetId: id,
        details: { kind: input.kind, organiser: input.organiser, sessions: sessions.length },
      });
      return this.viewIn(manager, actor, id);
    });
  }

  /** Where an organiser sits, after checking the actor may act for it (403 otherwise, 404 for an unknown one). */
  private async organiserPlace(
    manager: EntityManager,
    actor: Actor,
    organiser: EventInput['organiser'],
  ): Promise<{ areaId: string | null; schoolId: string | null; partnerId: string | null }> {
    const obec = isObecAdmin(actor);
    if (organiser.type === 'obec') {
      if (organiser.id) throw invalid('an OBEC event names no organiser.id');
      if (!obec) throw new DomainError(ActivitiesErrors.EVENT_ORGANISER_FORBIDDEN);
      return { areaId: null, schoolId: null, partnerId: null };
    }
    if (!organiser.id) throw invalid(`organiser.id is the ${organiser.type}'s id`);
    const found = await this.events.organisation(manager, organiser.type, organiser.id);
    if (!found) throw new DomainError(ActivitiesErrors.EVENT_ORGANISER_NOT_FOUND);
    const areaId = found.areaId;
    const allowed =
      obec ||
      (organiser.type === 'area' && hasRole(actor, 'area_admin', organiser.id)) ||
      (organiser.type === 'school' &&
        (hasRole(actor, 'school_admin', organiser.id) ||
          (!!areaId && hasRole(actor, 'area_admin', areaId)))) ||
      (organiser.type === 'partner' && hasRole(actor, 'partner_staff', organiser.id));
    if (!allowed) throw new DomainError(ActivitiesErrors.EVENT_ORGANISER_FORBIDDEN);
    return {
      areaId,
      schoolId: organiser.type === 'school' ? organiser.id : null,
      partnerId: organiser.type === 'partner' ? organiser.id : null,
    };
  }

  async list(actor: Actor, query: EventListQuery): Promise<Page<EventView>> {
    if (query.kind && !this.kinds.has(query.kind))
      throw invalid(`kind must be one of ${[...this.kinds.keys()]}`);
    const after = decodeCursor<{ startsAt: string; id: string }>(query.cursor, ['startsAt', 'id']);
    const manager = this.dataSource.manager;
    const rows = await this.events.list(
      manager,
      {
        kind: query.kind,
        areaId: query.areaId,
        from: boundary(query.from, 'from', false),
        to: boundary(query.to, 'to', true),
      },
      after,
      DEFAULT_PAGE_SIZE,
    );
    const views = await this.viewsOf(manager, actor, rows.slice(0, DEFAULT_PAGE_SIZE));
    return toPage(
      rows,
      DEFAULT_PAGE_SIZE,
      (row) => views.get(row.id)!.view,
      (row) => ({ startsAt: row.startsAt.toISOString(), id: row.id }),
    );
  }

  /** Several events as the actor sees them, with their sessions, in three queries. */
  async viewsIn(
    manager: EntityManager,
    actor: Actor,
    ids: string[],
  ): Promise<Map<string, { row: EventRow; sessions: SessionRow[]; view: EventView }>> {
    return this.viewsOf(manager, actor, await this.events.findMany(manager, ids));
  }

  private async viewsOf(
    manager: EntityManager,
    actor: Actor,
    rows: EventRow[],
  ): Promise<Map<string, { row: EventRow; sessions: SessionRow[]; view: EventView }>> {
    const ids = rows.map((row) => row.id);
    const sessions = await this.events.sessionsOf(manager, ids);
    const mine = await this.registrationsOf(manager, actor.memberId, ids);
    return new Map(
      rows.map((row) => {
        const own = sessions.get(row.id) ?? [];
        return [row.id, { row, sessions: own, view: this.toView(actor, row, own, mine.get(row.id) ?? null) }];
      }),
    );
  }

  get(actor: Actor, id: string): Promise<EventView> {
    return this.viewIn(this.dataSource.manager, actor, id);
  }

  async viewIn(manager: EntityManager, actor: Actor, id: string): Promise<EventView> {
    const row = await this.events.find(manager, id);
    if (!row) throw new DomainError(ActivitiesErrors.EVENT_NOT_FOUND);
    const sessions = await this.events.sessions(manager, id);
    const registration = await this.events.registration(manager, id, actor.memberId);
    let position: number | null = null;
    if (registration?.status === 'waitlisted')
      position = await this.events.waitlistPosition(manager, id, registration.seq);
    return this.toView(actor, row, sessions, registration ? { ...registration, position } : null);
  }

  /** The event, for who may run it (404 when it does not exist, 403 when the actor is not its organiser). */
  async organised(manager: EntityManager, actor: Actor, id: string, lock = false): Promise<EventRow> {
    const row = await this.events.find(manager, id, lock);
    if (!row) throw new DomainError(ActivitiesErrors.EVENT_NOT_FOUND);
    if (!mayOrganise(actor, row)) throw new DomainError(ActivitiesErrors.EVENT_ORGANISER_FORBIDDEN);
    return row;
  }

  async cancel(actor: Actor, id: string, reason: string): Promise<EventView> {
    return this.dataSource.transaction(async (manager) => {
      const row = await this.organised(manager, actor, id, true);
      if (row.status === 'cancelled') throw new DomainError(ActivitiesErrors.EVENT_CANCELLED);
      if (row.endsAt <= this.clock.now()) throw new DomainError(ActivitiesErrors.EVENT_ENDED);
      await manager.query(
        `UPDATE activity_event SET status = 'cancelled', cancelled_at = $2, cancel_reason = $3, updated_at = now()
         WHERE id = $1`,
        [id, this.clock.now(), reason.trim()],
      );
      await this.outbox.append(manager, ActivityEvents.eventCancelled, {
        eventId: id,
        title: row.title,
        reason: reason.trim(),
      });
      await this.audit.record(manager, {
        actorId: actor.memberId,
        action: 'activity.event_cancelled',
        targetType: 'activity_event',
        targetId: id,
        reason: reason.trim(),
      });
      return this.viewIn(manager, actor, id);
    });
  }

  /** Everyone registered for an event or on its waitlist (to tell them of a change). */
  async registrantIds(manager: EntityManager, eventId: string): Promise<string[]> {
    const rows: { member_id: string }[] = await manager.query(
      `SELECT member_id FROM activity_registration WHERE event_id = $1 AND status <> 'cancelled' ORDER BY seq`,
      [eventId],
    );
    return rows.map((row) => row.member_id);
  }

  private async registrationsOf(
    manager: EntityManager,
    memberId: string,
    eventIds: string[],
  ): Promise<Map<string, RegistrationRow & { position: number | null }>> {
    if (eventIds.length === 0) return new Map();
    const rows: (RegistrationRow & { position: number | null })[] = await manager.query(
      `SELECT r.event_id AS "eventId", r.member_id AS "memberId", r.status, r.seq::text AS seq,
              r.created_at AS "createdAt", r.promoted_at AS "promotedAt",
              CASE WHEN r.status = 'waitlisted' THEN (
                SELECT count(*)::int FROM activity_registration w
                WHERE w.event_id = r.event_id AND w.status = 'waitlisted' AND w.seq <= r.seq) END AS position
       FROM activity_registration r WHERE r.member_id = $1 AND r.event_id = ANY($2::uuid[])`,
      [memberId, eventIds],
    );
    return new Map(rows.map((row) => [row.eventId, row]));
  }

  toView(
    actor: Actor,
    row: EventRow,
    sessions: SessionRow[],
    registration: (RegistrationRow & { position: number | null }) | null,
  ): EventView {
    const now = this.clock.now();
    const organiser = mayOrganise(actor, row);
    const active =
      registration && registration.status !== 'cancelled'
        ? { status: registration.status as 'registered' | 'waitlisted', position: registration.position }
        : null;
    const kind = this.kinds.get(row.kind)!;
    return {
      id: row.id,
      kind: row.kind,
      kindLabel: { th: kind.th, en: kind.en },
      title: row.title,
      description: row.description,
      organiser: { type: row.organiserType, id: row.organiserId, th: row.organiserTh, en: row.organiserEn },
      areaId: row.areaId,
      sessions: sessions.map((s) => ({
        id: s.id,
        position: s.position,
        title: s.title,
        startsAt: s.startsAt.toISOString(),
        endsAt: s.endsAt.toISOString(),
        minutes: minutesOf(s),
        mode: s.mode,
        joinUrl: organiser || active?.status === 'registered' ? s.joinUrl : null,
        venue: s.venue,
        checkpoints: s.checkpoints,
      })),
      capacity: row.capacity,
      waitlist: row.waitlist,
      registeredCount: row.registeredCount,
      waitlistedCount: row.waitlistedCount,
      seatsLeft: row.capacity === null ? null : Math.max(0, row.capacity - row.registeredCount),
      registrationOpensAt: row.registrationOpensAt.toISOString(),
      registrationClosesAt: row.registrationClosesAt.toISOString(),
      registrationOpen:
        row.status === 'scheduled' && now >= row.registrationOpensAt && now < row.registrationClosesAt,
      startsAt: row.startsAt.toISOString(),
      endsAt: row.endsAt.toISOString(),
      status: row.status,
      phase:
        row.status === 'cancelled'
          ? 'cancelled'
          : now < row.startsAt
            ? 'upcoming'
            : now < row.endsAt
              ? 'live'
              : 'ended',
      completion: {
        rule: row.completionRule,
        minShare: row.minShare === null ? null : Number(row.minShare),
        evaluationRequired: row.evaluationRequired,
      },
      certificate: {
        issueAfterDays: row.certificateIssueAfterDays,
        signatoryName: row.signatoryName,
        signatoryTitle: row.signatoryTitle,
      },
      activityPlanId: row.activityPlanId,
      me: { registration: active, organiser },
    };
  }
}
