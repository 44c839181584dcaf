import { Inject, Injectable } from '@nestjs/common';
import { parse } from 'csv-parse/sync';
import { toString as qrSvg } from 'qrcode';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig, Clock, DomainError } from '@lc/core';
import { prepared } from '@lc/database';
import { Actor, AuditRepository } from '@lc/identity';
import { OutboxService } from '@lc/messaging';
import { ActivitiesErrors } from '../activities-errors';
import { ActivityEvents } from '../activities.events';
import { CompletionService } from '../completion/completion.service';
import { EventRow, EventsRepository, SessionRow } from '../events/events.repository';
import { EventsService, minutesOf } from '../events/events.service';
import { checkpointOf, CodeSession, currentCode, withinWindow } from './check-in-codes';

export interface CheckInCode {
  code: string;
  /** The check-in page's link with the code, as a QR (PNG data URL) for the screen or the stream. */
  qr: string;
  url: string;
  expiresAt: string;
  checkpoint: number;
  checkpoints: number;
}

export interface CheckInOutcome {
  sessionId: string;
  checkpoint: number;
  checkpointsEntered: number;
  checkpoints: number;
  attended: boolean;
}

export interface ImportReport {
  sessionId: string;
  recorded: number;
  updated: number;
  skipped: { line: number; email: string; reason: 'unknown_member' | 'not_registered' | 'invalid_minutes' }[];
}

const MAX_IMPORT_ROWS = 100_000;

interface CheckInContext {
  status: 'scheduled' | 'cancelled';
  activityPlanId: string | null;
  registration: string | null;
  id: string;
  startsAt: Date;
  endsAt: Date;
  checkpoints: number;
  codeSecret: Buffer;
  codeRotationSeconds: number;
}

const CHECK_IN_CONTEXT = prepared(
  'activities.check_in_context',
  `SELECT e.status, e.activity_plan_id AS "activityPlanId", r.status AS registration, s.id, s.starts_at AS "startsAt",
          s.ends_at AS "endsAt", s.checkpoints, s.code_secret AS "codeSecret",
          s.code_rotation_seconds AS "codeRotationSeconds"
   FROM activity_session s JOIN activity_event e ON e.id = s.event_id
   LEFT JOIN activity_registration r ON r.event_id = e.id AND r.member_id = $3
   WHERE s.id = $2 AND s.event_id = $1`,
);

/** A checkpoint entered (once), answering how many of the session's checkpoints the member has entered now. */
const CHECK_IN = prepared(
  'activities.check_in',
  `WITH added AS (
     INSERT INTO activity_check_in (session_id, member_id, checkpoint, checked_in_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT DO NOTHING RETURNING checkpoint
   )
   SELECT (SELECT count(*) FROM activity_check_in WHERE session_id = $1 AND member_id = $2)::int
        + (SELECT count(*) FROM added)::int AS n`,
);

const RECORD_ATTENDANCE = prepared(
  'activities.record_attendance',
  `INSERT INTO activity_attendance (session_id, member_id, event_id, minutes, source, recorded_by, reason)
   VALUES ($1, $2, $3, $4, $5, $6, $7)
   ON CONFLICT (session_id, member_id) DO NOTHING RETURNING member_id`,
);

/** Members at a time in an import's statement (two arrays of 5,000 are far under PostgreSQL's limits). */
const IMPORT_BATCH = 5_000;

/**
 * A batch of imported attendance in one statement: rows that are new are inserted (and answered, to be told), rows
 * already there are raised to the imported minutes when those are more (the UPDATE does not see the INSERT's rows:
 * one snapshot).
 */
const IMPORT_ATTENDANCE = `
  WITH input AS (
    SELECT member_id, minutes FROM unnest($1::uuid[], $2::int[]) AS x(member_id, minutes)
  ), inserted AS (
    INSERT INTO activity_attendance (session_id, member_id, event_id, minutes, source, recorded_by)
    SELECT $3, member_id, $4, minutes, 'import', $5 FROM input
    ON CONFLICT (session_id, member_id) DO NOTHING
    RETURNING member_id
  ), updated AS (
    UPDATE activity_attendance a SET minutes = i.minutes, recorded_by = $5, recorded_at = now()
    FROM input i
    WHERE a.session_id = $3 AND a.member_id = i.member_id AND a.minutes < i.minutes
    RETURNING a.member_id
  )
  SELECT coalesce((SELECT array_agg(member_id) FROM inserted), '{}') AS inserted,
         (SELECT count(*)::int FROM updated) AS updated`;

/**
 * The QR of a check-in link as an SVG data URL: sharp at any size on a projector, a few kilobytes, and about twenty
 * times cheaper to make than a 512 px PNG (the organiser's screen asks for a new one every minute).
 */
async function checkInQr(url: string): Promise<string> {
  const svg = await qrSvg(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}

const codeSession = (s: SessionRow): CodeSession => ({
  id: s.id,
  secret: s.codeSecret,
  rotationSeconds: s.codeRotationSeconds,
  checkpoints: s.checkpoints,
  startsAt: s.startsAt,
  endsAt: s.endsAt,
});

/**
 * Attendance (seed 003 §2, seed 001): rotating check-in codes shown by the organiser, check-ins from members'
 * phones, a meeting tool's attendance imported as CSV, corrections with a reason. A member attends a session once
 * (its primary key), and only then is `activity.session_attended` told (the ledger's points, the plan's actuals).
 */
@Injectable()
export class AttendanceService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly events: EventsRepository,
    private readonly eventsService: EventsService,
    private readonly completion: CompletionService,
    private readonly outbox: OutboxService,
    private readonly audit: AuditRepository,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async code(actor: Actor, eventId: string, sessionId: string, checkpoint = 1): Promise<CheckInCode> {
    const manager = this.dataSource.manager;
    await this.eventsService.organised(manager, actor, eventId);
    const session = await this.session(manager, eventId, sessionId);
    if (!Number.isInteger(checkpoint) || checkpoint < 1 || checkpoint > session.checkpoints)
      throw new DomainError(
        ActivitiesErrors.EVENT_INVALID,
        `checkpoint is 1 to ${session.checkpoints} for this session`,
      );
    const { code, expiresAt } = currentCode(codeSession(session), checkpoint, this.clock.now());
    const url = `${this.config.WEB_URL.replace(/\/+$/, '')}/events/${eventId}/check-in?session=${sessionId}&code=${code}`;
    return {
      code,
      qr: await checkInQr(url),
      url,
      expiresAt: expiresAt.toISOString(),
      checkpoint,
      checkpoints: session.checkpoints,
    };
  }

  async checkIn(actor: Actor, eventId: string, sessionId: string, code: string): Promise<CheckInOutcome> {
    const now = this.clock.now();
    return this.dataSource.transaction(async (manager) => {
      // The hot path of a national forum: the event, the session and the registration in one prepared statement.
      const [context] = await manager.query<CheckInContext[]>(CHECK_IN_CONTEXT, [
        eventId,
        sessionId,
        actor.memberId,
      ]);
      if (!context) {
        const event = await this.events.find(manager, eventId);
        throw new DomainError(
          event ? ActivitiesErrors.EVENT_SESSION_NOT_FOUND : ActivitiesErrors.EVENT_NOT_FOUND,
        );
      }
      if (context.status === 'cancelled') throw new DomainError(ActivitiesErrors.EVENT_CANCELLED);
      if (context.registration !== 'registered') throw new DomainError(ActivitiesErrors.EVENT_NOT_REGISTERED);
      const session = context as unknown as SessionRow;
      const codes = codeSession(session);
      if (!withinWindow(codes, now)) throw new DomainError(ActivitiesErrors.CHECK_IN_OUTSIDE_WINDOW);
      const checkpoint = checkpointOf(codes, code, now);
      if (checkpoint === null) throw new DomainError(ActivitiesErrors.CHECK_IN_CODE_INVALID);
      const [entered] = await manager.query<{ n: number }[]>(CHECK_IN, [
        sessionId,
        actor.memberId,
        checkpoint,
        now,
      ]);
      // Every checkpoint entered: attended (recorded and told once; a code sent again finds it recorded).
      const attended = entered!.n >= session.checkpoints;
      if (attended)
        await this.record(
          manager,
          { id: eventId, activityPlanId: context.activityPlanId },
          session,
          actor.memberId,
          minutesOf(session),
          'check_in',
          null,
          null,
        );
      return {
        sessionId,
        checkpoint,
        checkpointsEntered: entered!.n,
        checkpoints: session.checkpoints,
        attended,
      };
    });
  }

  /**
   * A meeting tool's attendance for one session: a CSV with the columns `email` and `minutes` (a header row; other
   * columns are ignored). Minutes count up to the session's length; a row for a member already recorded keeps the
   * larger figure. Members who are unknown or not registered are reported back, not recorded.
   */
  async import(
    actor: Actor,
    eventId: string,
    sessionId: string | undefined,
    csv: string,
  ): Promise<ImportReport> {
    const rows = this.parseImport(csv);
    return this.dataSource.transaction(async (manager) => {
      const event = await this.eventsService.organised(manager, actor, eventId, true);
      const sessions = await this.events.sessions(manager, eventId);
      const session = sessionId
        ? sessions.find((s) => s.id === sessionId)
        : sessions.length === 1
          ? sessions[0]
          : null;
      if (!session)
        throw new DomainError(
          sessionId ? ActivitiesErrors.EVENT_SESSION_NOT_FOUND : ActivitiesErrors.EVENT_INVALID,
          sessionId ? undefined : 'This event has several sessions: say which with ?sessionId=',
        );
      const emails = [...new Set(rows.map((row) => row.email))];
      const found: { email: string; member_id: string; status: string | null }[] = await manager.query(
        `SELECT m.email, m.id AS member_id, r.status
         FROM member m LEFT JOIN activity_registration r ON r.event_id = $2 AND r.member_id = m.id
         WHERE m.email = ANY($1::text[])`,
        [emails, eventId],
      );
      const byEmail = new Map(found.map((row) => [row.email, row]));
      const report: ImportReport = { sessionId: session.id, recorded: 0, updated: 0, skipped: [] };
      const minutesByMember = new Map<string, number>();
      for (const row of rows) {
        const member = byEmail.get(row.email);
        if (row.minutes === null)
          report.skipped.push({ line: row.line, email: row.email, reason: 'invalid_minutes' });
        else if (!member) report.skipped.push({ line: row.line, email: row.email, reason: 'unknown_member' });
        else if (member.status !== 'registered')
          report.skipped.push({ line: row.line, email: row.email, reason: 'not_registered' });
        else if (row.minutes > 0)
          minutesByMember.set(member.member_id, (minutesByMember.get(member.member_id) ?? 0) + row.minutes);
      }
      const length = minutesOf(session);
      const entries = [...minutesByMember];
      for (let start = 0; start < entries.length; start += IMPORT_BATCH) {
        const batch = entries.slice(start, start + IMPORT_BATCH);
        // New attendance is recorded; attendance already there (a check-in, an earlier import) only grows.
        const [result] = (await manager.query(IMPORT_ATTENDANCE, [
          batch.map(([memberId]) => memberId),
          batch.map(([, minutes]) => Math.min(minutes, length)),
          session.id,
          event.id,
          actor.memberId,
        ])) as { inserted: string[]; updated: number }[];
        report.recorded += result!.inserted.length;
        report.updated += result!.updated;
        await this.outbox.appendMany(
          manager,
          result!.inserted.map((memberId) => ({
            event: ActivityEvents.sessionAttended,
            payload: {
              eventId: event.id,
              sessionId: session.id,
              memberId,
              activityPlanId: event.activityPlanId,
            },
          })),
        );
      }
      await this.audit.record(manager, {
        actorId: actor.memberId,
        action: 'activity.attendance_imported',
        targetType: 'activity_session',
        targetId: session.id,
        details: {
          rows: rows.length,
          recorded: report.recorded,
          updated: report.updated,
          skipped: report.skipped.length,
        },
      });
      if (event.completionsComputedAt)
        await this.completion.completeMembers(manager, event, [...minutesByMember.keys()]);
      return report;
    });
  }

  /** An organiser corrects one member's attendance of a session, with a reason (audited). */
  async correct(
    actor: Actor,
    eventId: string,
    sessionId: string,
    memberId: string,
    change: { attended: boolean; minutes?: number; reason: string },
  ): Promise<{ attended: boolean; minutes: number }> {
    return this.dataSource.transaction(async (manager) => {
      const event = await this.eventsService.organised(manager, actor, eventId, true);
      const session = await this.session(manager, eventId, sessionId);
      const registration = await this.events.registration(manager, eventId, memberId);
      if (registration?.status !== 'registered')
        throw new DomainError(ActivitiesErrors.ATTENDANCE_MEMBER_NOT_FOUND);
      const length = minutesOf(session);
      const minutes = change.attended ? Math.min(change.minutes ?? length, length) : 0;
      if (change.attended && minutes < 1)
        throw new DomainError(ActivitiesErrors.EVENT_INVALID, 'minutes must be at least 1');
      if (change.attended) {
        const added = await this.record(
          manager,
          event,
          session,
          memberId,
          minutes,
          'correction',
          actor.memberId,
          change.reason,
        );
        if (added === null)
          await manager.query(
            `UPDATE activity_attendance SET minutes = $3, source = 'correction', recorded_by = $4, reason = $5,
               recorded_at = now()
             WHERE session_id = $1 AND member_id = $2`,
            [sessionId, memberId, minutes, actor.memberId, change.reason],
          );
      } else {
        await manager.query(`DELETE FROM activity_attendance WHERE session_id = $1 AND member_id = $2`, [
          sessionId,
          memberId,
        ]);
      }
      await this.audit.record(manager, {
        actorId: actor.memberId,
        action: 'activity.attendance_corrected',
        targetType: 'activity_session',
        targetId: sessionId,
        reason: change.reason,
        details: { memberId, attended: change.attended, minutes },
      });
      if (event.completionsComputedAt) await this.completion.completeMembers(manager, event, [memberId]);
      return { attended: change.attended, minutes };
    });
  }

  /**
   * Records a first attendance and tells of it; null when the member had attended already (nothing told twice).
   */
  private async record(
    manager: EntityManager,
    event: Pick<EventRow, 'id' | 'activityPlanId'>,
    session: SessionRow,
    memberId: string,
    minutes: number,
    source: 'check_in' | 'import' | 'correction',
    by: string | null,
    reason: string | null,
  ): Promise<string | null> {
    const rows: { member_id: string }[] = await manager.query(RECORD_ATTENDANCE, [
      session.id,
      memberId,
      event.id,
      minutes,
      source,
      by,
      reason,
    ]);
    if (rows.length === 0) return null;
    await this.outbox.append(manager, ActivityEvents.sessionAttended, {
      eventId: event.id,
      sessionId: session.id,
      memberId,
      activityPlanId: event.activityPlanId,
    });
    return memberId;
  }

  private async session(manager: EntityManager, eventId: string, sessionId: string): Promise<SessionRow> {
    const session = await this.events.session(manager, eventId, sessionId);
    if (!session) throw new DomainError(ActivitiesErrors.EVENT_SESSION_NOT_FOUND);
    return session;
  }

  private parseImport(csv: string): { line: number; email: string; minutes: number | null }[] {
    let records: Record<string, string>[];
    try {
      records = parse(csv.replace(/^\uFEFF/, ''), {
        columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
        skip_empty_lines: true,
        trim: true,
        relax_column_count: true,
      });
    } catch {
      throw new DomainError(ActivitiesErrors.ATTENDANCE_IMPORT_INVALID);
    }
    if (records.length > MAX_IMPORT_ROWS)
      throw new DomainError(ActivitiesErrors.ATTENDANCE_IMPORT_INVALID, `At most ${MAX_IMPORT_ROWS} rows`);
    if (records.length > 0 && !('email' in records[0]! && 'minutes' in records[0]!))
      throw new DomainError(ActivitiesErrors.ATTENDANCE_IMPORT_INVALID);
    return records.map((record, i) => {
      const minutes = Number(record.minutes);
      return {
        line: i + 2,
        email: (record.email ?? '').toLowerCase(),
        minutes: Number.isFinite(minutes) && minutes >= 0 && minutes <= 100_000 ? Math.floor(minutes) : null,
      };
    });
  }
}
