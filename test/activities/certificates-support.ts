import { DataSource } from 'typeorm';
import { uuidv7 } from '@lc/core';

export interface TestEventOptions {
  title?: string;
  kind?: string;
  createdBy: string;
  organiser?: { type: 'obec' | 'area' | 'school' | 'partner'; id?: string | null };
  areaId?: string | null;
  schoolId?: string | null;
  partnerId?: string | null;
  startsAt: Date;
  endsAt: Date;
  issueAfterDays?: number;
  completionsComputed?: boolean;
  signatoryName?: string;
  signatoryTitle?: string;
}

/**
 * An event written directly with SQL (its creation and completion have their own suites: certificates need
 * only an ended event and its completers).
 */
export async function insertEvent(db: DataSource, options: TestEventOptions): Promise<string> {
  const id = uuidv7();
  const organiser = options.organiser ?? { type: 'obec', id: null };
  await db.query(
    `INSERT INTO activity_event (id, kind, title, organiser_type, organiser_id, area_id, school_id, partner_id,
       registration_opens_at, registration_closes_at, starts_at, ends_at, completion_rule, certificate_issue_after_days,
       signatory_name, signatory_title, completions_computed_at, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'all_sessions', $13, $14, $15, $16, $17)`,
    [
      id,
      options.kind ?? 'forum',
      options.title ?? 'เสวนาวิชาการทดสอบ',
      organiser.type,
      organiser.id ?? null,
      options.areaId ?? null,
      options.schoolId ?? null,
      options.partnerId ?? null,
      new Date(options.startsAt.getTime() - 14 * 86_400_000),
      new Date(options.startsAt.getTime() - 60_000),
      options.startsAt,
      options.endsAt,
      options.issueAfterDays ?? 7,
      options.signatoryName ?? 'นายทดสอบ ลงนาม',
      options.signatoryTitle ?? 'เลขาธิการคณะกรรมการการศึกษาขั้นพื้นฐาน',
      options.completionsComputed === false ? null : options.endsAt,
      options.createdBy,
    ],
  );
  return id;
}

/** Registrations and completions of these members (as the lead's completion would write them). */
export async function insertCompleters(db: DataSource, eventId: string, memberIds: string[]): Promise<void> {
  await db.query(
    `INSERT INTO activity_registration (event_id, member_id, status)
     SELECT $1, id, 'registered' FROM unnest($2::uuid[]) AS id ON CONFLICT DO NOTHING`,
    [eventId, memberIds],
  );
  await db.query(
    `INSERT INTO activity_completion (event_id, member_id, attended_sessions, attended_share)
     SELECT $1, id, 1, 1 FROM unnest($2::uuid[]) AS id`,
    [eventId, memberIds],
  );
}

/** Members written directly (bulk set-up), with Thai names. */
export async function insertMembers(
  db: DataSource,
  count: number,
  prefix = 'ครูผ่านกิจกรรม',
): Promise<string[]> {
  const ids = Array.from({ length: count }, () => uuidv7());
  await db.query(
    `INSERT INTO member (id, email, display_name, member_kind, terms_version, privacy_version, consented_at, email_verified_at)
     SELECT id, 'cert-' || id || '@example.test', $2 || ' ' || n, 'teacher', 't', 'p', now(), now()
     FROM unnest($1::uuid[]) WITH ORDINALITY AS x(id, n)`,
    [ids, prefix],
  );
  return ids;
}

export async function count(db: DataSource, sql: string, params: unknown[] = []): Promise<number> {
  const [row] = await db.query<{ count: string }[]>(sql, params);
  return Number(row!.count);
}
