import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The community's live side: feed items, follows, the notification inbox and its e-mail, preferences, digests
 * and announcements.
 * - Feed items are written once per (event, scope) by the worker: a scope is `global`, `area:<id>`,
 *   `school:<id>` or `member:<id>` (what happens to my work). The "following" feed is read from the global items
 *   of followed members and learning areas (fan-out on read: one follow costs nothing at write time, and a
 *   teacher follows few enough that the index on actor and the GIN on learning areas answer it).
 * - Whether an innovation is still visible is checked when feeds are read, so hidden or removed content leaves
 *   every feed at once and comes back when restored, with no race.
 * - Notifications are unique per (member, event, type): a redelivered event adds nothing. E-mail waits in the
 *   same row (`email_state`) and is sent by the worker after the commit, at most once.
 */
export class CreateCommunity1763900800000 implements MigrationInterface {
  name = 'CreateCommunity1763900800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE follow (
        id uuid PRIMARY KEY,
        member_id uuid NOT NULL REFERENCES member (id) ON DELETE CASCADE,
        target_type text NOT NULL CHECK (target_type IN ('member', 'learningArea')),
        target_id text NOT NULL CHECK (length(target_id) BETWEEN 1 AND 64),
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (member_id, target_type, target_id),
        CHECK (target_type <> 'member' OR target_id <> member_id::text)
      )`);
    await queryRunner.query(`CREATE INDEX follow_target ON follow (target_type, target_id)`);

    await queryRunner.query(`
      CREATE TABLE feed_item (
        id uuid PRIMARY KEY,
        event_id uuid NOT NULL,
        scope text NOT NULL,
        kind text NOT NULL,
        actor_id uuid,
        innovation_id uuid,
        learning_areas text[] NOT NULL DEFAULT '{}',
        data jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (event_id, scope)
      )`);
    await queryRunner.query(`CREATE INDEX feed_item_scope ON feed_item (scope, id DESC)`);
    await queryRunner.query(
      `CREATE INDEX feed_item_actor ON feed_item (actor_id, id DESC) WHERE scope = 'global' AND actor_id IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX feed_item_learning_areas ON feed_item USING gin (learning_areas) WHERE scope = 'global'`,
    );

    await queryRunner.query(`
      CREATE TABLE notification (
        id uuid PRIMARY KEY,
        member_id uuid NOT NULL REFERENCES member (id) ON DELETE CASCADE,
        event_id uuid NOT NULL,
        type text NOT NULL,
        data jsonb NOT NULL,
        -- false: the member wants this kind by e-mail only; the row exists for the e-mail, not the inbox.
        in_app boolean NOT NULL DEFAULT true,
        read_at timestamptz,
        email_state text NOT NULL DEFAULT 'none' CHECK (email_state IN ('none', 'pending', 'sent', 'failed')),
        email_attempts smallint NOT NULL DEFAULT 0,
        emailed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (member_id, event_id, type)
      )`);
    await queryRunner.query(
      `CREATE INDEX notification_inbox ON notification (member_id, id DESC) WHERE in_app`,
    );
    await queryRunner.query(
      `CREATE INDEX notification_unread ON notification (member_id) WHERE in_app AND read_at IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX notification_email_pending ON notification (id) WHERE email_state = 'pending'`,
    );

    await queryRunner.query(`
      CREATE TABLE notification_preference (
        member_id uuid PRIMARY KEY REFERENCES member (id) ON DELETE CASCADE,
        channels jsonb NOT NULL DEFAULT '{}',
        digest text NOT NULL DEFAULT 'off' CHECK (digest IN ('off', 'daily')),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE INDEX notification_preference_digest ON notification_preference (member_id) WHERE digest = 'daily'`,
    );

    await queryRunner.query(`
      CREATE TABLE digest_sent (
        member_id uuid NOT NULL REFERENCES member (id) ON DELETE CASCADE,
        day date NOT NULL,
        notifications integer NOT NULL,
        sent_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (member_id, day)
      )`);

    await queryRunner.query(`
      CREATE TABLE announcement (
        id uuid PRIMARY KEY,
        author_id uuid REFERENCES member (id) ON DELETE SET NULL,
        scope text NOT NULL CHECK (scope IN ('national', 'area')),
        area_id uuid REFERENCES area (id),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        body text NOT NULL CHECK (length(body) BETWEEN 1 AND 5000),
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((scope = 'area') = (area_id IS NOT NULL))
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'announcement',
      'digest_sent',
      'notification_preference',
      'notification',
      'feed_item',
      'follow',
    ])
      await queryRunner.query(`DROP TABLE ${table}`);
  }
}
