import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The transactional outbox and the subscribers' processed-event keys.
 * A NOTIFY on insert wakes the relay at once; polling is only the fallback.
 */
export class CreateOutbox1763900000000 implements MigrationInterface {
  name = 'CreateOutbox1763900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE outbox_event (
        id uuid PRIMARY KEY,
        seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        type text NOT NULL CHECK (type ~ '^[a-z]+(\\.[a-z_]+)+$'),
        version integer NOT NULL DEFAULT 1 CHECK (version > 0),
        payload jsonb NOT NULL,
        occurred_at timestamptz NOT NULL DEFAULT now(),
        relayed_at timestamptz
      )`);
    await queryRunner.query(
      `CREATE INDEX outbox_event_unrelayed ON outbox_event (seq) WHERE relayed_at IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX outbox_event_relayed_at ON outbox_event (relayed_at) WHERE relayed_at IS NOT NULL`,
    );
    await queryRunner.query(`
      CREATE FUNCTION outbox_event_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('outbox_event', '');
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER outbox_event_notify AFTER INSERT ON outbox_event
      FOR EACH STATEMENT EXECUTE FUNCTION outbox_event_notify()`);
    await queryRunner.query(`
      CREATE TABLE processed_event (
        subscriber text NOT NULL,
        event_id uuid NOT NULL,
        processed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (subscriber, event_id)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE processed_event`);
    await queryRunner.query(`DROP TRIGGER outbox_event_notify ON outbox_event`);
    await queryRunner.query(`DROP FUNCTION outbox_event_notify()`);
    await queryRunner.query(`DROP TABLE outbox_event`);
  }
}
