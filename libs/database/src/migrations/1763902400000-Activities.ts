import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Activities (seed 003 §2, §4, §6; seed 001; seed 000): events of one or more sessions, registrations with a
 * waitlist, check-ins with rotating codes, attendance, evaluations, completions and certificates.
 *
 * What protects seats, attendance, completions and certificates lives here as well as in code:
 * - an event's `registered_count` is kept by a trigger from its registrations and may never exceed its capacity;
 * - a member registers once per event, checks in once per session and checkpoint, attends a session once,
 *   completes an event once and holds at most one certificate per event;
 * - certificate numbers and verification codes are unique; issued certificates only ever gain a revocation.
 */
export class Activities1763902400000 implements MigrationInterface {
  name = 'Activities1763902400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE activity_event (
        id uuid PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('forum', 'learning_talk', 'showcase', 'workshop', 'coaching')),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
        description text NOT NULL DEFAULT '' CHECK (length(description) <= 10000),
        organiser_type text NOT NULL CHECK (organiser_type IN ('obec', 'area', 'school', 'partner')),
        organiser_id uuid,
        area_id uuid REFERENCES area (id),
        school_id uuid REFERENCES school (id),
        partner_id uuid REFERENCES partner (id),
        capacity integer CHECK (capacity BETWEEN 1 AND 1000000),
        waitlist boolean NOT NULL DEFAULT true,
        registration_opens_at timestamptz NOT NULL,
        registration_closes_at timestamptz NOT NULL,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        completion_rule text NOT NULL CHECK (completion_rule IN ('all_sessions', 'min_share')),
        min_share numeric(4, 3),
        evaluation_required boolean NOT NULL DEFAULT false,
        certificate_issue_after_days integer NOT NULL DEFAULT 7 CHECK (certificate_issue_after_days BETWEEN 0 AND 365),
        signatory_name text NOT NULL CHECK (length(signatory_name) BETWEEN 1 AND 200),
        signatory_title text NOT NULL CHECK (length(signatory_title) BETWEEN 1 AND 300),
        activity_plan_id uuid REFERENCES activity_plan (id) ON DELETE SET NULL,
        status text NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'cancelled')),
        cancelled_at timestamptz,
        cancel_reason text CHECK (length(cancel_reason) BETWEEN 1 AND 1000),
        registered_count integer NOT NULL DEFAULT 0,
        waitlisted_count integer NOT NULL DEFAULT 0,
        completions_computed_at timestamptz,
        certificates_requested_at timestamptz,
        created_by uuid NOT NULL REFERENCES member (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT activity_event_seats CHECK (registered_count >= 0 AND (capacity IS NULL OR registered_count <= capacity)),
        CONSTRAINT activity_event_waitlisted CHECK (waitlisted_count >= 0),
        CONSTRAINT activity_event_registration_window CHECK (registration_opens_at < registration_closes_at),
        CONSTRAINT activity_event_dates CHECK (starts_at < ends_at),
        CONSTRAINT activity_event_min_share CHECK (
          (completion_rule = 'min_share') = (min_share IS NOT NULL) AND (min_share IS NULL OR (min_share > 0 AND min_share <= 1))
        ),
        CONSTRAINT activity_event_organiser CHECK (
          (organiser_type = 'obec' AND organiser_id IS NULL) OR (organiser_type <> 'obec' AND organiser_id IS NOT NULL)
        ),
        CONSTRAINT activity_event_cancelled CHECK ((status = 'cancelled') = (cancelled_at IS NOT NULL))
      )`);
    await queryRunner.query(`CREATE INDEX activity_event_starts ON activity_event (starts_at, id)`);
    await queryRunner.query(`CREATE INDEX activity_event_area ON activity_event (area_id, starts_at, id)`);
    await queryRunner.query(
      `CREATE INDEX activity_event_plan ON activity_event (activity_plan_id) WHERE activity_plan_id IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX activity_event_to_complete ON activity_event (ends_at) WHERE completions_computed_at IS NULL`,
    );

    await queryRunner.query(`
      CREATE TABLE activity_session (
        id uuid PRIMARY KEY,
        event_id uuid NOT NULL REFERENCES activity_event (id) ON DELETE CASCADE,
        position smallint NOT NULL CHECK (position BETWEEN 1 AND 50),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        mode text NOT NULL CHECK (mode IN ('online', 'onsite')),
        join_url text CHECK (join_url ~ '^https://' AND length(join_url) <= 2000),
        venue text CHECK (length(venue) BETWEEN 1 AND 500),
        checkpoints smallint NOT NULL DEFAULT 1 CHECK (checkpoints BETWEEN 1 AND 4),
        code_secret bytea NOT NULL,
        code_rotation_seconds integer NOT NULL DEFAULT 60 CHECK (code_rotation_seconds BETWEEN 15 AND 3600),
        UNIQUE (event_id, position),
        CONSTRAINT activity_session_dates CHECK (starts_at < ends_at),
        CONSTRAINT activity_session_place CHECK (
          (mode = 'online' AND join_url IS NOT NULL) OR (mode = 'onsite' AND venue IS NOT NULL)
        )
      )`);
    await queryRunner.query(`CREATE INDEX activity_session_event ON activity_session (event_id, position)`);

    // Arrival order is the order in which registrations were decided (each decision holds the event's row).
    await queryRunner.query(`CREATE SEQUENCE activity_registration_seq`);
    await queryRunner.query(`
      CREATE TABLE activity_registration (
        event_id uuid NOT NULL REFERENCES activity_event (id) ON DELETE CASCADE,
        member_id uuid NOT NULL REFERENCES member (id),
        status text NOT NULL CHECK (status IN ('registered', 'waitlisted', 'cancelled')),
        seq bigint NOT NULL DEFAULT nextval('activity_registration_seq'),
        created_at timestamptz NOT NULL DEFAULT now(),
        promoted_at timestamptz,
        cancelled_at timestamptz,
        PRIMARY KEY (event_id, member_id),
        CONSTRAINT activity_registration_cancelled CHECK ((status = 'cancelled') = (cancelled_at IS NOT NULL))
      )`);
    await queryRunner.query(
      `CREATE INDEX activity_registration_waitlist ON activity_registration (event_id, seq) WHERE status = 'waitlisted'`,
    );
    await queryRunner.query(
      `CREATE INDEX activity_registration_member ON activity_registration (member_id, created_at)`,
    );
    // The event's counts follow its registrations, in the same statement: the seats CHECK refuses an overbooking.
    await queryRunner.query(`
      CREATE FUNCTION activity_registration_counts() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        registered_delta integer := 0;
        waitlisted_delta integer := 0;
      BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
          registered_delta := registered_delta - (OLD.status = 'registered')::integer;
          waitlisted_delta := waitlisted_delta - (OLD.status = 'waitlisted')::integer;
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
          registered_delta := registered_delta + (NEW.status = 'registered')::integer;
          waitlisted_delta := waitlisted_delta + (NEW.status = 'waitlisted')::integer;
        END IF;
        IF registered_delta <> 0 OR waitlisted_delta <> 0 THEN
          UPDATE activity_event
          SET registered_count = registered_count + registered_delta,
              waitlisted_count = waitlisted_count + waitlisted_delta
          WHERE id = COALESCE(NEW.event_id, OLD.event_id);
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER activity_registration_counts AFTER INSERT OR UPDATE OF status OR DELETE ON activity_registration
      FOR EACH ROW EXECUTE FUNCTION activity_registration_counts()`);

    // One row per member, session and checkpoint entered (a code sent again changes nothing).
    await queryRunner.query(`
      CREATE TABLE activity_check_in (
        session_id uuid NOT NULL REFERENCES activity_session (id) ON DELETE CASCADE,
        member_id uuid NOT NULL REFERENCES member (id),
        checkpoint smallint NOT NULL CHECK (checkpoint BETWEEN 1 AND 4),
        checked_in_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (session_id, member_id, checkpoint)
      )`);
    // A member attended a session once: by entering all its codes, by a meeting tool's import, or by a correction.
    await queryRunner.query(`
      CREATE TABLE activity_attendance (
        session_id uuid NOT NULL REFERENCES activity_session (id) ON DELETE CASCADE,
        member_id uuid NOT NULL REFERENCES member (id),
        event_id uuid NOT NULL REFERENCES activity_event (id) ON DELETE CASCADE,
        minutes integer NOT NULL CHECK (minutes BETWEEN 1 AND 100000),
        source text NOT NULL CHECK (source IN ('check_in', 'import', 'correction')),
        recorded_by uuid REFERENCES member (id),
        reason text CHECK (length(reason) BETWEEN 1 AND 1000),
        recorded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (session_id, member_id),
        CONSTRAINT activity_attendance_correction CHECK (source <> 'correction' OR (reason IS NOT NULL AND recorded_by IS NOT NULL))
      )`);
    await queryRunner.query(
      `CREATE INDEX activity_attendance_event ON activity_attendance (event_id, member_id)`,
    );
    await queryRunner.query(`
      CREATE TABLE activity_evaluation (
        event_id uuid NOT NULL REFERENCES activity_event (id) ON DELETE CASCADE,
        member_id uuid NOT NULL REFERENCES member (id),
        rating smallint NOT NULL CHECK (rating BETWEEN 1 AND 5),
        comments text NOT NULL DEFAULT '' CHECK (length(comments) <= 5000),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (event_id, member_id)
      )`);
    await queryRunner.query(`
      CREATE TABLE activity_completion (
        event_id uuid NOT NULL REFERENCES activity_event (id) ON DELETE CASCADE,
        member_id uuid NOT NULL REFERENCES member (id),
        attended_sessions integer NOT NULL CHECK (attended_sessions >= 0),
        attended_share numeric(5, 4) NOT NULL CHECK (attended_share BETWEEN 0 AND 1),
        completed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (event_id, member_id)
      )`);

    await queryRunner.query(`CREATE SEQUENCE activity_certificate_number_seq`);
    await queryRunner.query(`
      CREATE TABLE activity_certificate (
        id uuid PRIMARY KEY,
        event_id uuid NOT NULL REFERENCES activity_event (id),
        member_id uuid NOT NULL REFERENCES member (id),
        number text NOT NULL UNIQUE CHECK (length(number) BETWEEN 1 AND 40),
        code text NOT NULL UNIQUE CHECK (code ~ '^[A-HJ-KM-NP-Z2-9]{10}$'),
        holder_name text NOT NULL CHECK (length(holder_name) BETWEEN 1 AND 200),
        storage_key text UNIQUE,
        issued_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz,
        revoked_by uuid REFERENCES member (id),
        revoked_reason text CHECK (length(revoked_reason) BETWEEN 1 AND 1000),
        UNIQUE (event_id, member_id),
        FOREIGN KEY (event_id, member_id) REFERENCES activity_completion (event_id, member_id),
        CONSTRAINT activity_certificate_revocation CHECK (
          (revoked_at IS NULL AND revoked_by IS NULL AND revoked_reason IS NULL)
          OR (revoked_at IS NOT NULL AND revoked_by IS NOT NULL AND revoked_reason IS NOT NULL)
        )
      )`);
    await queryRunner.query(
      `CREATE INDEX activity_certificate_member ON activity_certificate (member_id, issued_at)`,
    );
    // An issued certificate keeps what it says: only its file and its revocation may be written afterwards.
    await queryRunner.query(`
      CREATE FUNCTION activity_certificate_unchanged() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF (NEW.id, NEW.event_id, NEW.member_id, NEW.number, NEW.code, NEW.holder_name, NEW.issued_at)
           IS DISTINCT FROM (OLD.id, OLD.event_id, OLD.member_id, OLD.number, OLD.code, OLD.holder_name, OLD.issued_at)
           OR (OLD.revoked_at IS NOT NULL AND NEW.revoked_at IS DISTINCT FROM OLD.revoked_at)
           OR (OLD.storage_key IS NOT NULL AND NEW.storage_key IS DISTINCT FROM OLD.storage_key) THEN
          RAISE EXCEPTION 'an issued certificate is not changed' USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER activity_certificate_unchanged BEFORE UPDATE ON activity_certificate
      FOR EACH ROW EXECUTE FUNCTION activity_certificate_unchanged()`);

    await queryRunner.query(`
      GRANT SELECT, INSERT, UPDATE ON activity_event, activity_session, activity_registration, activity_attendance,
        activity_evaluation, activity_completion, activity_certificate TO lc_app`);
    await queryRunner.query(`GRANT SELECT, INSERT ON activity_check_in TO lc_app`);
    await queryRunner.query(`GRANT DELETE ON activity_attendance TO lc_app`);
    await queryRunner.query(
      `GRANT USAGE ON SEQUENCE activity_registration_seq, activity_certificate_number_seq TO lc_app`,
    );

    // The cockpit's record of who attended an event of an area activity plan (from activity.session_attended; the
    // rebuild recomputes it): a plan's actual participants by role count each member once.
    await queryRunner.query(`
      CREATE TABLE cockpit_plan_attendee (
        plan_id uuid NOT NULL REFERENCES activity_plan (id) ON DELETE CASCADE,
        member_id uuid NOT NULL,
        member_kind text NOT NULL,
        PRIMARY KEY (plan_id, member_id)
      )`);
    await queryRunner.query(`GRANT SELECT, INSERT, DELETE ON cockpit_plan_attendee TO lc_app`);
    // Indicator 18's third kind of evidence: the day a member first completed an Active Learning training.
    await queryRunner.query(`ALTER TABLE cockpit_member ADD COLUMN first_training_on date`);

    // Points for attending a session and completing an event (the ledger's rules; OBEC may change the amounts).
    await queryRunner.query(`
      INSERT INTO ledger_rule (code, event_type, beneficiary, points, cap_day, cap_week, cap_month, name_th, name_en) VALUES
        ('event.session_attended', 'activity.session_attended', 'actor', 5, 20, NULL, NULL, 'เข้าร่วมกิจกรรม', 'Attended a session'),
        ('event.completed', 'activity.event_completed', 'actor', 20, NULL, NULL, NULL, 'ผ่านกิจกรรมครบตามเกณฑ์', 'Completed an event')`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `DELETE FROM ledger_rule WHERE code IN ('event.session_attended', 'event.completed')`,
    );
    await queryRunner.query(`ALTER TABLE cockpit_member DROP COLUMN first_training_on`);
    for (const table of [
      'cockpit_plan_attendee',
      'activity_certificate',
      'activity_completion',
      'activity_evaluation',
      'activity_attendance',
      'activity_check_in',
      'activity_registration',
      'activity_session',
      'activity_event',
    ])
      await queryRunner.query(`DROP TABLE ${table}`);
    await queryRunner.query(`DROP FUNCTION activity_certificate_unchanged()`);
    await queryRunner.query(`DROP FUNCTION activity_registration_counts()`);
    await queryRunner.query(`DROP SEQUENCE activity_registration_seq`);
    await queryRunner.query(`DROP SEQUENCE activity_certificate_number_seq`);
  }
}
