import { Injectable } from '@nestjs/common';
import { DataSource, QueryRunner } from 'typeorm';
import { DATASETS, MIN_GROUP, ResearchDataset } from './research-datasets';

const PAGE = 5000;

/** One row of an extract as read: its columns, the person's place, and how far that place is generalised. */
export type ResearchRow = Record<string, unknown> & {
  /** 1: area, school and kind are written; 2: area and kind; 3: kind only; 4: none of them. */
  place_level: number;
  area_code: string | null;
  school_code: string | null;
  person_kind: string | null;
};

/**
 * Reads a research extract a page at a time from one snapshot (a REPEATABLE READ transaction that lasts the
 * download). Extracts read the source tables of several domains, read-only: like the cockpit's rebuild, the one
 * documented exception to "a domain reads another's data through its service" (a dataset of a year is millions of
 * rows, read once, in one snapshot).
 *
 * The rows of the period are copied into a temporary table first, then the places are generalised over the whole
 * extract (k-anonymity with k = MIN_GROUP): each distinct (person, area, school, kind) is written at level 1 when at
 * least 5 people share that area, school and kind; the rest at level 2 when at least 5 of them share area and kind;
 * the rest at level 3 when at least 5 share the kind; anyone left at level 4 (no place at all).
 */
@Injectable()
export class ResearchRepository {
  constructor(private readonly dataSource: DataSource) {}

  async *pages(dataset: ResearchDataset, from: Date, to: Date): AsyncGenerator<ResearchRow[]> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    let committed = false;
    try {
      await runner.startTransaction('REPEATABLE READ');
      await this.prepare(runner, dataset, from, to);
      for (let after = 0; ;) {
        const rows: (ResearchRow & { n: string })[] = await runner.query(
          `SELECT r.*, p.level AS place_level, a.code AS area_code, s.code AS school_code
           FROM research_rows r
           JOIN research_places p ON p.person_id = r.person_id AND p.place = r.place
           LEFT JOIN area a ON a.id = r.area_id
           LEFT JOIN school s ON s.id = r.school_id
           WHERE r.n > $1 ORDER BY r.n LIMIT ${PAGE}`,
          [after],
        );
        if (rows.length === 0) break;
        after = Number(rows[rows.length - 1]!.n);
        yield rows;
        if (rows.length < PAGE) break;
      }
      await runner.commitTransaction();
      committed = true;
    } finally {
      if (!committed && runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      await runner.release();
    }
  }

  private async prepare(runner: QueryRunner, dataset: ResearchDataset, from: Date, to: Date): Promise<void> {
    // A year of a national dataset takes longer than an ordinary statement may.
    await runner.query(`SET LOCAL statement_timeout = '15min'`);
    // CREATE TABLE … AS takes no parameters: the bounds are Dates the service validated, written as ISO instants.
    const bounds = [`'${from.toISOString()}'::timestamptz`, `'${to.toISOString()}'::timestamptz`];
    const source = DATASETS[dataset].sql.replace(/\$([12])\b/g, (_, i: string) => bounds[Number(i) - 1]!);
    await runner.query(
      `CREATE TEMP TABLE research_rows ON COMMIT DROP AS
       SELECT row_number() OVER () AS n,
              coalesce(q.area_id::text, '-') || '|' || coalesce(q.school_id::text, '-') || '|' || coalesce(q.person_kind, '-') AS place,
              q.*
       FROM (${source}) q`,
    );
    await runner.query(`CREATE UNIQUE INDEX ON research_rows (n)`);
    await runner.query(
      `CREATE TEMP TABLE research_places ON COMMIT DROP AS
       SELECT DISTINCT person_id, place, area_id, school_id, person_kind, NULL::int AS level FROM research_rows`,
    );
    await runner.query(
      `UPDATE research_places p SET level = 1
       FROM (SELECT place FROM research_places GROUP BY place HAVING count(DISTINCT person_id) >= ${MIN_GROUP}) g
       WHERE p.place = g.place`,
    );
    await runner.query(
      `UPDATE research_places p SET level = 2
       FROM (SELECT area_id, person_kind FROM research_places WHERE level IS NULL GROUP BY 1, 2
             HAVING count(DISTINCT person_id) >= ${MIN_GROUP}) g
       WHERE p.level IS NULL AND p.area_id IS NOT DISTINCT FROM g.area_id AND p.person_kind IS NOT DISTINCT FROM g.person_kind`,
    );
    await runner.query(
      `UPDATE research_places p SET level = 3
       FROM (SELECT person_kind FROM research_places WHERE level IS NULL GROUP BY 1
             HAVING count(DISTINCT person_id) >= ${MIN_GROUP}) g
       WHERE p.level IS NULL AND p.person_kind IS NOT DISTINCT FROM g.person_kind`,
    );
    await runner.query(`UPDATE research_places SET level = 4 WHERE level IS NULL`);
    await runner.query(`CREATE UNIQUE INDEX ON research_places (person_id, place)`);
  }
}
