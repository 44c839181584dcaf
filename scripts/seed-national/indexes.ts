/**
 * Bulk load without the secondary indexes and foreign keys of the big tables, then put them back.
 * - `prepare` records every non-unique index and every foreign key of those tables (name, table, definition as
 *   PostgreSQL prints it) in seed_national.dropped and drops them, in one transaction: either all of it happened and
 *   is written down, or none of it.
 * - `indexes` and `foreign-keys` recreate each recorded one that is missing (one per chunk, so a run that stops
 *   continues with the next); re-adding a foreign key checks every row, so the data set is proven to satisfy it.
 * Primary keys and unique constraints stay (they guard the load, and the rows arrive in their order anyway).
 */
import type { Client } from 'pg';
import { Phase } from './phase';
import { SCHEMA as S } from './sql-functions';

export const BULK_TABLES = [
  'member',
  'innovation',
  'innovation_version',
  'innovation_rating',
  'innovation_comment',
  'innovation_adoption',
  'endorsement',
  'ledger_transfer',
  'ledger_chain',
  'redemption',
  'redemption_history',
  'voucher_code',
];

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

export function preparePhase(): Phase {
  return {
    name: 'prepare',
    unit: 'indexes and foreign keys set aside',
    chunks: () => 1,
    estimate: () => 0,
    async run(_ctx, client) {
      const { rows } = await client.query<{
        name: string;
        table_name: string;
        kind: string;
        definition: string;
      }>(
        `SELECT ic.relname AS name, t.relname AS table_name, 'index' AS kind, pg_get_indexdef(ic.oid) AS definition
           FROM pg_index x
           JOIN pg_class ic ON ic.oid = x.indexrelid
           JOIN pg_class t ON t.oid = x.indrelid
           JOIN pg_namespace n ON n.oid = t.relnamespace
          WHERE n.nspname = current_schema() AND t.relname = ANY($1) AND NOT x.indisunique AND NOT x.indisprimary
            AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
         UNION ALL
         SELECT c.conname, t.relname, 'fk', pg_get_constraintdef(c.oid)
           FROM pg_constraint c
           JOIN pg_class t ON t.oid = c.conrelid
           JOIN pg_namespace n ON n.oid = t.relnamespace
          WHERE n.nspname = current_schema() AND c.contype = 'f' AND t.relname = ANY($1)
          ORDER BY 3, 1`,
        [BULK_TABLES],
      );
      for (const row of rows) {
        await client.query(
          `INSERT INTO ${S}.dropped (name, table_name, kind, definition) VALUES ($1, $2, $3, $4)`,
          [row.name, row.table_name, row.kind, row.definition],
        );
        await client.query(
          row.kind === 'index'
            ? `DROP INDEX ${quoteIdent(row.name)}`
            : `ALTER TABLE ${quoteIdent(row.table_name)} DROP CONSTRAINT ${quoteIdent(row.name)}`,
        );
      }
      return { rows: rows.length, meta: { indexes: rows.filter((r) => r.kind === 'index').length } };
    },
  };
}

async function recorded(client: Client, kind: string) {
  const { rows } = await client.query<{ name: string; table_name: string; definition: string }>(
    `SELECT name, table_name, definition FROM ${S}.dropped WHERE kind = $1 ORDER BY name`,
    [kind],
  );
  return rows;
}

function restorePhase(kind: 'index' | 'fk'): Phase {
  return {
    name: kind === 'index' ? 'indexes' : 'foreign-keys',
    unit: kind === 'index' ? 'indexes rebuilt' : 'foreign keys checked',
    // Indexes build two at a time; foreign keys one at a time (each locks both of its tables).
    concurrency: kind === 'index' ? 2 : 1,
    chunks: async (ctx) => (await recorded(ctx.clients[0]!, kind)).length,
    estimate: async (ctx) => (await recorded(ctx.clients[0]!, kind)).length,
    async run(_ctx, client, chunk) {
      const item = (await recorded(client, kind))[chunk]!;
      const exists =
        kind === 'index'
          ? await client.query(`SELECT 1 FROM pg_class WHERE relname = $1 AND relkind = 'i'`, [item.name])
          : await client.query(
              `SELECT 1 FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid WHERE c.conname = $1 AND t.relname = $2`,
              [item.name, item.table_name],
            );
      if (!exists.rowCount) {
        await client.query(
          kind === 'index'
            ? item.definition
            : `ALTER TABLE ${quoteIdent(item.table_name)} ADD CONSTRAINT ${quoteIdent(item.name)} ${item.definition}`,
        );
      }
      await client.query(`UPDATE ${S}.dropped SET restored_at = now() WHERE name = $1`, [item.name]);
      return { rows: 1, meta: { name: item.name } };
    },
  };
}

export const indexesPhase = () => restorePhase('index');
export const foreignKeysPhase = () => restorePhase('fk');

/** Planner statistics (and, with --vacuum, the visibility map and hint bits) for every table the seed filled. */
export function analyzePhase(vacuum: boolean): Phase {
  const tables = [
    ...BULK_TABLES,
    'school',
    'ledger_account',
    'ledger_block',
    'role_grant',
    'perk',
    'partner',
  ];
  return {
    name: 'analyze',
    unit: vacuum ? 'tables vacuumed' : 'tables analysed',
    concurrency: 2,
    transactional: false,
    chunks: () => tables.length,
    estimate: () => tables.length,
    async run(_ctx, client, chunk) {
      await client.query(`${vacuum ? 'VACUUM (ANALYZE)' : 'ANALYZE'} ${quoteIdent(tables[chunk]!)}`);
      return { rows: 1, meta: { table: tables[chunk] } };
    },
  };
}
