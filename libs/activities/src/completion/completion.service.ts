import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Clock, decodeCursor, DomainError, Page, toPage } from '@lc/core';
import { Actor } from '@lc/identity';
import { OutboxService } from '@lc/messaging';
import { ActivitiesErrors } from '../activities-errors';
import { ActivityEvents } from '../activities.events';
import { EventRow, EventsRepository, SessionRow } from '../events/events.repository';
import { EventsService, EventView, minutesOf } from '../events/events.service';
import { CompletionRule, completionOf, CompletionState, Missing } from './completion-rule';

export interface MemberProgress {
  attendedSessions: number;
  sessions: { id: string; attended: boolean; minutes: number }[];
  attendedMinutes: number;
  totalMinutes: number;
  share: number;
  evaluated: boolean;
  completed: boolean;
  /** Decided when the event ended (until then `completed` says whether the member is on track). */
  final: boolean;
  missing: Missing[];
}

export interface MyEvent {
  event: EventView;
  progress: MemberProgress | null;
}

export interface CompletionRowView {
  member: { id: string; displayName: string; memberKind: string; email: string };
  progress: MemberProgress;
}

const ruleOf = (event: EventRow): CompletionRule => ({
  rule: event.completionRule,
  minShareMilli: event.minShare === null ? null : Math.round(Number(event.minShare) * 1000),
  evaluationRequired: event.evaluationRequired,
});

const PAGE = 100;

/**
 * Completion (seed 003 §2 "ผ่านทุกกิจกรรม"; seed 001: 80 % of the time and the evaluation form): decided for every
 * registered member when the event ends (the worker's schedule, or an organiser issuing certificates early), and
 * again for a member whose attendance or evaluation changes afterwards. A completion is recorded once (its primary
 * key) and `activity.event_completed` is told once: the ledger's points and the certificate follow from it.
 */
/** A member's attendance and evaluation of an event against its rule. */
function stateOf(
  event: EventRow,
  sessions: SessionRow[],
  attended: Map<string, number>,
  evaluated: boolean,
): CompletionState & { attended: Map<string, number>; evaluated: boolean } {
  const lengths = sessions.map((s) => ({ id: s.id, minutes: minutesOf(s) }));
  return { ...completionOf(ruleOf(event), lengths, attended, evaluated), attended, evaluated };
}

@Injectable()
export class CompletionService {
  private readonly logger = new Logger(CompletionService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly events: EventsRepository,
    private readonly eventsService: EventsService,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {}

  /** Decides the completions of every event that has ended and is not decided yet (the worker's schedule). */
  async completeEnded(): Promise<number> {
    const due: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM activity_event
       WHERE completions_computed_at IS NULL AND status = 'scheduled' AND ends_at <= $1 ORDER BY ends_at LIMIT 100`,
      [this.clock.now()],
    );
    let completed = 0;
    for (const { id } of due) completed += await this.completeEvent(id);
    return completed;
  }

  /** Decides an ended event's completions (idempotent: a second run adds only what changed). */
  async completeEvent(eventId: string): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const event = await this.events.find(manager, eventId, true);
      if (!event) throw new DomainError(ActivitiesErrors.EVENT_NOT_FOUND);
      if (event.endsAt > this.clock.now()) throw new DomainError(ActivitiesErrors.EVENT_NOT_ENDED);
      const members: { member_id: string }[] = await manager.query(
        `SELECT member_id FROM activity_registration WHERE event_id = $1 AND status = 'registered'`,
        [eventId],
      );
      const added = await this.completeMembers(
        manager,
        event,
        members.map((m) => m.member_id),
      );
      await manager.query(
        `UPDATE activity_event SET completions_computed_at = coalesce(completions_computed_at, $2) WHERE id = $1`,
        [eventId, this.clock.now()],
      );
      if (!event.completionsComputedAt)
        this.logger.log(
          { eventId, registered: members.length, completed: added },
          'event completions decided',
        );
      return added;
    });
  }

  /** Records the completions among these members that are not recorded yet; returns how many were added. */
  async completeMembers(manager: EntityManager, event: EventRow, memberIds: string[]): Promise<number> {
    if (memberIds.length === 0) return 0;
    const sessions = await this.events.sessions(manager, event.id);
    const states = await this.states(manager, event, sessions, memberIds);
    const completers = [...states].filter(([, state]) => state.completed);
    if (completers.length === 0) return 0;
    const completedAt = this.clock.now();
    const inserted: { member_id: string }[] = await manager.query(
      `INSERT INTO activity_completion (event_id, member_id, attended_sessions, attended_share, completed_at)
       SELECT $1, x.member_id, x.sessions, x.share, $5
       FROM unnest($2::uuid[], $3::int[], $4::numeric[]) AS x(member_id, sessions, share)
       ON CONFLICT (event_id, member_id) DO NOTHING RETURNING member_id`,
      [
        event.id,
        completers.map(([id]) => id),
        completers.map(([, s]) => s.attendedSessions),
        completers.map(([, s]) => s.share),
        completedAt,
      ],
    );
    if (inserted.length > 0)
      await this.outbox.appendMany(
        manager,
        inserted.map((row) => ({
          event: ActivityEvents.eventCompleted,
          payload: {
            eventId: event.id,
            memberId: row.member_id,
            kind: event.kind,
            completedAt: completedAt.toISOString(),
          },
        })),
      );
    return inserted.length;
  }

  /** Members' attendance and evaluation against the event's rule. */
  private async states(
    manager: EntityManager,
    event: EventRow,
    sessions: SessionRow[],
    memberIds: string[],
  ): Promise<Map<string, CompletionState & { attended: Map<string, number>; evaluated: boolean }>> {
    const attendance: { member_id: string; session_id: string; minutes: number }[] = await manager.query(
      `SELECT member_id, session_id, minutes FROM activity_attendance
       WHERE event_id = $1 AND member_id = ANY($2::uuid[])`,
      [event.id, memberIds],
    );
    const evaluations: { member_id: string }[] = await manager.query(
      `SELECT member_id FROM activity_evaluation WHERE event_id = $1 AND member_id = ANY($2::uuid[])`,
      [event.id, memberIds],
    );
    const evaluated = new Set(evaluations.map((row) => row.member_id));
    const attended = new Map<string, Map<string, number>>();
    for (const row of attendance) {
      const mine = attended.get(row.member_id) ?? new Map<string, number>();
      mine.set(row.session_id, row.minutes);
      attended.set(row.member_id, mine);
    }
    return new Map(
      memberIds.map((id) => [
        id,
        stateOf(event, sessions, attended.get(id) ?? new Map<string, number>(), evaluated.has(id)),
      ]),
    );
  }

  /** One member's progress in several events, in three queries whatever their number. */
  private async progressIn(
    manager: EntityManager,
    memberId: string,
    events: { row: EventRow; sessions: SessionRow[] }[],
  ): Promise<Map<string, MemberProgress>> {
    const ids = events.map((e) => e.row.id);
    if (ids.length === 0) return new Map();
    const attendance: { event_id: string; session_id: string; minutes: number }[] = await manager.query(
      `SELECT event_id, session_id, minutes FROM activity_attendance
       WHERE member_id = $1 AND event_id = ANY($2::uuid[])`,
      [memberId, ids],
    );
    const evaluated = new Set(
      (
        (await manager.query(
          `SELECT event_id FROM activity_evaluation WHERE member_id = $1 AND event_id = ANY($2::uuid[])`,
          [memberId, ids],
        )) as { event_id: string }[]
      ).map((row) => row.event_id),
    );
    const recorded = new Set(
      (
        (await manager.query(
          `SELECT event_id FROM activity_completion WHERE member_id = $1 AND event_id = ANY($2::uuid[])`,
          [memberId, ids],
        )) as { event_id: string }[]
      ).map((row) => row.event_id),
    );
    const attended = new Map<string, Map<string, number>>();
    for (const row of attendance) {
      const minutes = attended.get(row.event_id) ?? new Map<string, number>();
      minutes.set(row.session_id, row.minutes);
      attended.set(row.event_id, minutes);
    }
    return new Map(
      events.map(({ row, sessions }) => {
        const state = stateOf(row, sessions, attended.get(row.id) ?? new Map(), evaluated.has(row.id));
        return [row.id, this.progressOf(row, sessions, state, recorded.has(row.id))];
      }),
    );
  }

  private progressOf(
    event: EventRow,
    sessions: SessionRow[],
    state: CompletionState & { attended: Map<string, number>; evaluated: boolean },
    recorded: boolean,
  ): MemberProgress {
    const final = event.completionsComputedAt !== null;
    return {
      attendedSessions: state.attendedSessions,
      sessions: sessions.map((s) => ({
        id: s.id,
        attended: (state.attended.get(s.id) ?? 0) > 0,
        minutes: Math.min(state.attended.get(s.id) ?? 0, minutesOf(s)),
      })),
      attendedMinutes: state.attendedMinutes,
      totalMinutes: state.totalMinutes,
      share: state.share,
      evaluated: state.evaluated,
      // Once decided, what was recorded stands (a completion is never taken back).
      completed: recorded || state.completed,
      final,
      missing: recorded ? [] : state.missing,
    };
  }

  /** The evaluation form (seed 001): a rating and comments, once per member, from the event's start. */
  async evaluate(actor: Actor, eventId: string, rating: number, comments: string): Promise<MemberProgress> {
    return this.dataSource.transaction(async (manager) => {
      const event = await this.events.find(manager, eventId);
      if (!event) throw new DomainError(ActivitiesErrors.EVENT_NOT_FOUND);
      const registration = await this.events.registration(manager, eventId, actor.memberId);
      if (registration?.status !== 'registered' || this.clock.now() < event.startsAt)
        throw new DomainError(ActivitiesErrors.EVALUATION_NOT_OPEN);
      const rows: unknown[] = await manager.query(
        `INSERT INTO activity_evaluation (event_id, member_id, rating, comments) VALUES ($1, $2, $3, $4)
         ON CONFLICT DO NOTHING RETURNING member_id`,
        [eventId, actor.memberId, rating, comments.trim()],
      );
      if (rows.length === 0) throw new DomainError(ActivitiesErrors.EVALUATION_EXISTS);
      if (event.completionsComputedAt) await this.completeMembers(manager, event, [actor.memberId]);
      return (await this.progress(manager, event, [actor.memberId])).get(actor.memberId)!;
    });
  }

  private async progress(
    manager: EntityManager,
    event: EventRow,
    memberIds: string[],
  ): Promise<Map<string, MemberProgress>> {
    const sessions = await this.events.sessions(manager, event.id);
    const states = await this.states(manager, event, sessions, memberIds);
    const recorded: { member_id: string }[] = await manager.query(
      `SELECT member_id FROM activity_completion WHERE event_id = $1 AND member_id = ANY($2::uuid[])`,
      [event.id, memberIds],
    );
    const done = new Set(recorded.map((row) => row.member_id));
    return new Map(
      [...states].map(([id, state]) => [id, this.progressOf(event, sessions, state, done.has(id))]),
    );
  }

  /** The member's events (registered or waitlisted), soonest first, with what each still needs. */
  async mine(actor: Actor, cursor?: string): Promise<Page<MyEvent>> {
    const manager = this.dataSource.manager;
    const after = decodeCursor<{ startsAt: string; id: string }>(cursor, ['startsAt', 'id']);
    const rows: { id: string; starts_at: Date }[] = await manager.query(
      `SELECT e.id, e.starts_at FROM activity_registration r JOIN activity_event e ON e.id = r.event_id
       WHERE r.member_id = $1 AND r.status <> 'cancelled'
         AND ($2::timestamptz IS NULL OR (e.starts_at, e.id) < ($2::timestamptz, $3::uuid))
       ORDER BY e.starts_at DESC, e.id DESC LIMIT $4`,
      [actor.memberId, after?.startsAt ?? null, after?.id ?? null, PAGE + 1],
    );
    const views = await this.eventsService.viewsIn(
      manager,
      actor,
      rows.slice(0, PAGE).map((row) => row.id),
    );
    // Progress only where the member holds a seat (a waitlisted member has none to show).
    const progress = await this.progressIn(
      manager,
      actor.memberId,
      [...views.values()].filter((v) => v.view.me.registration?.status === 'registered'),
    );
    return toPage(
      rows,
      PAGE,
      (row) => ({ event: views.get(row.id)!.view, progress: progress.get(row.id) ?? null }),
      (row) => ({ startsAt: row.starts_at.toISOString(), id: row.id }),
    );
  }

  /** One event as the member sees it, with their progress when they hold a seat (404 when it does not exist). */
  async myEvent(actor: Actor, eventId: string): Promise<MyEvent> {
    const manager = this.dataSource.manager;
    const found = (await this.eventsService.viewsIn(manager, actor, [eventId])).get(eventId);
    if (!found) throw new DomainError(ActivitiesErrors.EVENT_NOT_FOUND);
    const seated = found.view.me.registration?.status === 'registered';
    const progress = seated ? await this.progressIn(manager, actor.memberId, [found]) : null;
    return { event: found.view, progress: progress?.get(eventId) ?? null };
  }

  /** Every registered member's attendance and completion, for the event's organisers (by name, a page at a time). */
  async completions(actor: Actor, eventId: string, cursor?: string): Promise<Page<CompletionRowView>> {
    const manager = this.dataSource.manager;
    const event = await this.eventsService.organised(manager, actor, eventId);
    const after = decodeCursor<{ name: string; id: string }>(cursor, ['name', 'id']);
    const members: { id: string; display_name: string; member_kind: string; email: string }[] =
      await manager.query(
        `SELECT m.id, m.display_name, m.member_kind, m.email
       FROM activity_registration r JOIN member m ON m.id = r.member_id
       WHERE r.event_id = $1 AND r.status = 'registered'
         AND ($2::text IS NULL OR (m.display_name, m.id) > ($2::text, $3::uuid))
       ORDER BY m.display_name, m.id LIMIT $4`,
        [eventId, after?.name ?? null, after?.id ?? null, PAGE + 1],
      );
    const progress = await this.progress(
      manager,
      event,
      members.slice(0, PAGE).map((m) => m.id),
    );
    return toPage(
      members,
      PAGE,
      (m) => ({
        member: { id: m.id, displayName: m.display_name, memberKind: m.member_kind, email: m.email },
        progress: progress.get(m.id)!,
      }),
      (m) => ({ name: m.display_name, id: m.id }),
    );
  }
}
