import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The first fill of an empty day or month rollup table (docs/COCKPIT.md, "the first rebuild"). At national scale the
 * first rebuild writes ~120 million day rows: kept up to date row by row, the primary key and the two rank indexes
 * grow past memory and the fill takes hours; written into the bare table and indexed once afterwards, it takes a
 * fraction of that. The application role may not drop or create indexes, so two functions owned by the schema owner
 * do it, for these two tables only, and only while the table is empty:
 *  - `cockpit_unindex(table)` locks the table, checks it is empty, keeps each index's and constraint's definition in
 *    `cockpit_fill_index` and drops them; for the month rows it also turns off the trigger that adds inserted rows
 *    to the year and all-time rows (the rebuild recomputes those right after from the month rows: at national scale
 *    the trigger's sums of 30 million new rows would take longer than the fill);
 *  - `cockpit_reindex(table)` builds them again from those definitions (the primary key first), in parallel, and
 *    turns the trigger back on.
 *  - `cockpit_analyze(table)` gathers the statistics of a cockpit table the rebuild has just refilled, in its
 *    transaction: the mirrors are emptied and written again on every rebuild, and the statistics autovacuum last saw
 *    (of an empty table, or of rows since deleted) led the planner to nested loops over millions of rows (minutes
 *    instead of seconds). Only the owner may ANALYZE a table before PostgreSQL 17.
 * The first two run inside the rebuild's transaction: if it fails, the drop is rolled back with everything else. Readers of
 * the table wait for that transaction (its lock); the cockpit's reads give up after a few seconds with a 503.
 */
export class CockpitFirstFill1763902900000 implements MigrationInterface {
  name = 'CockpitFirstFill1763902900000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE cockpit_fill_index (
        table_name text NOT NULL CHECK (table_name IN ('cockpit_daily', 'cockpit_monthly')),
        name text NOT NULL,
        position integer NOT NULL,
        definition text NOT NULL,
        PRIMARY KEY (table_name, name)
      )`);
    // Only the two functions touch it.
    await queryRunner.query(`REVOKE ALL ON cockpit_fill_index FROM lc_app`);
    await queryRunner.query(`
      CREATE FUNCTION cockpit_unindex(target text) RETURNS integer
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        index record;
        dropped integer := 0;
        filled boolean;
      BEGIN
        IF target NOT IN ('cockpit_daily', 'cockpit_monthly') THEN
          RAISE EXCEPTION 'cockpit_unindex: % is not a rollup table it may unindex', target;
        END IF;
        EXECUTE format('LOCK TABLE %I IN ACCESS EXCLUSIVE MODE', target);
        EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I)', target) INTO filled;
        IF filled THEN
          RAISE EXCEPTION 'cockpit_unindex: % is not empty', target;
        END IF;
        FOR index IN
          SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS definition,
                 k.conname, pg_get_constraintdef(k.oid) AS constraint_definition
          FROM pg_index i
          JOIN pg_class c ON c.oid = i.indexrelid
          LEFT JOIN pg_constraint k ON k.conindid = i.indexrelid AND k.conrelid = i.indrelid
          WHERE i.indrelid = target::regclass
        LOOP
          IF index.conname IS NOT NULL THEN
            INSERT INTO cockpit_fill_index (table_name, name, position, definition)
            VALUES (target, index.conname, 1,
                    format('ALTER TABLE %I ADD CONSTRAINT %I %s', target, index.conname, index.constraint_definition));
            EXECUTE format('ALTER TABLE %I DROP CONSTRAINT %I', target, index.conname);
          ELSE
            INSERT INTO cockpit_fill_index (table_name, name, position, definition)
            VALUES (target, index.name, 2, index.definition);
            EXECUTE format('DROP INDEX %I', index.name);
          END IF;
          dropped := dropped + 1;
        END LOOP;
        IF target = 'cockpit_monthly' THEN
          INSERT INTO cockpit_fill_index (table_name, name, position, definition)
          VALUES (target, 'cockpit_monthly_inserted', 3,
                  'ALTER TABLE cockpit_monthly ENABLE TRIGGER cockpit_monthly_inserted');
          ALTER TABLE cockpit_monthly DISABLE TRIGGER cockpit_monthly_inserted;
        END IF;
        RETURN dropped;
      END $$`);
    // Reads of the rollups are never parallel (parallel_workers = 0, CockpitSpans); building the indexes is.
    await queryRunner.query(`
      CREATE FUNCTION cockpit_reindex(target text) RETURNS integer
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp SET maintenance_work_mem = '512MB' AS $$
      DECLARE
        index record;
        built integer := 0;
      BEGIN
        IF target NOT IN ('cockpit_daily', 'cockpit_monthly') THEN
          RAISE EXCEPTION 'cockpit_reindex: % is not a rollup table it may reindex', target;
        END IF;
        EXECUTE format('ALTER TABLE %I RESET (parallel_workers)', target);
        FOR index IN
          SELECT definition, position FROM cockpit_fill_index WHERE table_name = target ORDER BY position, name
        LOOP
          EXECUTE index.definition;
          IF index.position < 3 THEN
            built := built + 1;
          END IF;
        END LOOP;
        DELETE FROM cockpit_fill_index WHERE table_name = target;
        EXECUTE format('ALTER TABLE %I SET (parallel_workers = 0)', target);
        EXECUTE format('ANALYZE %I', target);
        RETURN built;
      END $$`);
    await queryRunner.query(`
      CREATE FUNCTION cockpit_analyze(target text) RETURNS void
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      BEGIN
        IF target NOT IN ('cockpit_member', 'cockpit_rating', 'cockpit_innovation', 'cockpit_member_day',
                          'cockpit_plan_attendee', 'cockpit_daily', 'cockpit_monthly') THEN
          RAISE EXCEPTION 'cockpit_analyze: % is not a cockpit table it may analyze', target;
        END IF;
        EXECUTE format('ANALYZE %I', target);
      END $$`);
    await queryRunner.query(
      `REVOKE ALL ON FUNCTION cockpit_unindex(text), cockpit_reindex(text), cockpit_analyze(text) FROM PUBLIC`,
    );
    await queryRunner.query(
      `GRANT EXECUTE ON FUNCTION cockpit_unindex(text), cockpit_reindex(text), cockpit_analyze(text) TO lc_app`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION cockpit_analyze(text)`);
    await queryRunner.query(`DROP FUNCTION cockpit_reindex(text)`);
    await queryRunner.query(`DROP FUNCTION cockpit_unindex(text)`);
    await queryRunner.query(`DROP TABLE cockpit_fill_index`);
  }
}
