import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

export interface InnovationRow {
  id: string;
  authorId: string;
  authorName: string;
  /** The author's level (recognition), shown beside their name. */
  authorLevel: string;
  schoolId: string | null;
  schoolName: string | null;
  areaId: string | null;
  status: 'draft' | 'published' | 'hidden' | 'removed';
  title: string;
  summary: string;
  body: string;
  bodyHtml: string;
  learningAreas: string[];
  gradeLevels: string[];
  competencies: { code: string; strength: number }[];
  techniques: string[];
  tags: string[];
  context: Record<string, unknown>;
  links: { url: string; title?: string }[];
  license: string;
  coverAttachmentId: string | null;
  version: number;
  moderationReason: string | null;
  publishedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  ratingCount: number;
  ratingSum: number;
  ratingScore: number;
  adoptionCount: number;
  commentCount: number;
  trendingKey: number;
}

const INNOVATION_COLUMNS = `
  i.id, i.author_id AS "authorId", m.display_name AS "authorName", m.level_code AS "authorLevel", i.school_id AS "schoolId", s.name_th AS "schoolName",
  i.area_id AS "areaId", i.status, i.title, i.summary, i.body, i.body_html AS "bodyHtml", i.learning_areas AS "learningAreas",
  i.grade_levels AS "gradeLevels", i.competencies, i.techniques, i.tags, i.context, i.links, i.license,
  i.cover_attachment_id AS "coverAttachmentId", i.version, i.moderation_reason AS "moderationReason",
  i.published_at AS "publishedAt", i.created_at AS "createdAt", i.updated_at AS "updatedAt",
  i.rating_count AS "ratingCount", i.rating_sum AS "ratingSum", i.rating_score AS "ratingScore",
  i.adoption_count AS "adoptionCount", i.comment_count AS "commentCount", i.trending_key AS "trendingKey"`;

const INNOVATION_FROM = `innovation i JOIN member m ON m.id = i.author_id LEFT JOIN school s ON s.id = i.school_id`;

export type InnovationSort = 'newest' | 'top' | 'adopted' | 'trending';

/** The column each order sorts by (descending, then by id): the cursor carries its value. */
const SORT_COLUMN: Record<InnovationSort, string> = {
  newest: 'i.published_at',
  top: 'i.rating_score',
  adopted: 'i.adoption_count',
  trending: 'i.trending_key',
};

/** What a list of innovations is narrowed by; every field but the first three is optional. */
export interface InnovationCriteria {
  /** Moderators also see hidden work, so they can review it. */
  includeHidden: boolean;
  sort: InnovationSort;
  /** The words and partial-word pattern of a parsed search query, if any. */
  query: { words: string; pattern: string | null } | null;
  learningArea?: string;
  grade?: string;
  competency?: string;
  technique?: string;
  areaId?: string;
  schoolId?: string;
  license?: string;
  authorId?: string;
  /** The sort value and id of the last row of the previous page. */
  after?: { v: string | number; id: string } | null;
}

export interface InnovationContent {
  title: string;
  summary: string;
  body: string;
  bodyHtml: string;
  learningAreas: string[];
  gradeLevels: string[];
  competencies: { code: string; strength: number }[];
  techniques: string[];
  tags: string[];
  context: Record<string, unknown>;
  links: { url: string; title?: string }[];
  license: string;
  searchTokens: string;
  searchRaw: string;
}

/** The content columns' values, in the order both the INSERT and the UPDATE list them. */
function contentParams(content: InnovationContent): unknown[] {
  return [
    content.title,
    content.summary,
    content.body,
    content.bodyHtml,
    content.learningAreas,
    content.gradeLevels,
    JSON.stringify(content.competencies),
    content.competencies.map((c) => c.code),
    content.techniques,
    content.tags,
    JSON.stringify(content.context),
    JSON.stringify(content.links),
    content.license,
    content.searchTokens,
    content.searchRaw,
  ];
}

@Injectable()
export class InnovationsRepository {
  async insert(
    manager: EntityManager,
    row: InnovationContent & { id: string; authorId: string; schoolId: string | null; areaId: string | null },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO innovation (id, author_id, school_id, area_id, title, summary, body, body_html, learning_areas, grade_levels,
         competencies, competency_codes, techniques, tags, context, links, license, search_tokens, search_raw)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)`,
      [row.id, row.authorId, row.schoolId, row.areaId, ...contentParams(row)],
    );
  }

  async updateContent(
    manager: EntityManager,
    id: string,
    content: InnovationContent,
    version: number,
  ): Promise<void> {
    await manager.query(
      `UPDATE innovation SET title = $2, summary = $3, body = $4, body_html = $5, learning_areas = $6, grade_levels = $7,
         competencies = $8, competency_codes = $9, techniques = $10, tags = $11, context = $12, links = $13, license = $14,
         search_tokens = $15, search_raw = $16, version = $17, updated_at = now()
       WHERE id = $1`,
      [id, ...contentParams(content), version],
    );
  }

  async find(manager: EntityManager, id: string, lock = false): Promise<InnovationRow | null> {
    const rows: InnovationRow[] = await manager.query(
      `SELECT ${INNOVATION_COLUMNS} FROM ${INNOVATION_FROM} WHERE i.id = $1${lock ? ' FOR UPDATE OF i' : ''}`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** A page of published (and, for moderators, hidden) innovations matching the criteria, in the criteria's order. */
  async search(
    manager: EntityManager,
    criteria: InnovationCriteria,
    limit: number,
  ): Promise<InnovationRow[]> {
    const column = SORT_COLUMN[criteria.sort];
    const params: unknown[] = [];
    const add = (v: unknown) => `$${params.push(v)}`;
    const conditions = [
      criteria.includeHidden ? `i.status IN ('published', 'hidden')` : `i.status = 'published'`,
    ];
    if (criteria.learningArea)
      conditions.push(`i.learning_areas @> ARRAY[${add(criteria.learningArea)}]::text[]`);
    if (criteria.grade) conditions.push(`i.grade_levels @> ARRAY[${add(criteria.grade)}]::text[]`);
    if (criteria.competency)
      conditions.push(`i.competency_codes @> ARRAY[${add(criteria.competency)}]::text[]`);
    if (criteria.technique) conditions.push(`i.techniques @> ARRAY[${add(criteria.technique)}]::text[]`);
    if (criteria.areaId) conditions.push(`i.area_id = ${add(criteria.areaId)}`);
    if (criteria.schoolId) conditions.push(`i.school_id = ${add(criteria.schoolId)}`);
    if (criteria.license) conditions.push(`i.license = ${add(criteria.license)}`);
    if (criteria.authorId) conditions.push(`i.author_id = ${add(criteria.authorId)}`);
    const query = criteria.query;
    if (query) {
      const fullText = `i.search_vector @@ plainto_tsquery('simple', ${add(query.words)})`;
      conditions.push(query.pattern ? `(${fullText} OR i.search_raw LIKE ${add(query.pattern)})` : fullText);
    }
    const after = criteria.after;
    if (after) {
      const cast = criteria.sort === 'newest' ? '::timestamptz' : '::float8';
      conditions.push(`(${column}, i.id) < (${add(after.v)}${cast}, ${add(after.id)}::uuid)`);
    }
    return manager.query(
      `SELECT ${INNOVATION_COLUMNS} FROM ${INNOVATION_FROM} WHERE ${conditions.join(' AND ')}
       ORDER BY ${column} DESC, i.id DESC LIMIT ${add(limit)}`,
      params,
    );
  }

  /** A page of one author's innovations in every status, newest change first. */
  async byAuthor(
    manager: EntityManager,
    authorId: string,
    after: { v: string; id: string } | null,
    limit: number,
  ): Promise<InnovationRow[]> {
    return manager.query(
      `SELECT ${INNOVATION_COLUMNS} FROM ${INNOVATION_FROM} WHERE i.author_id = $1
       ${after ? 'AND (i.updated_at, i.id) < ($2::timestamptz, $3::uuid)' : ''}
       ORDER BY i.updated_at DESC, i.id DESC LIMIT ${limit}`,
      after ? [authorId, after.v, after.id] : [authorId],
    );
  }

  /** The titles of these innovations, in one query (those that do not exist are left out). */
  async titles(manager: EntityManager, ids: string[]): Promise<{ id: string; title: string }[]> {
    return manager.query(`SELECT id, title FROM innovation WHERE id = ANY($1::uuid[])`, [ids]);
  }

  async setStatus(
    manager: EntityManager,
    id: string,
    status: InnovationRow['status'],
    extra: { publishedAt?: boolean; reason?: string | null } = {},
  ): Promise<void> {
    await manager.query(
      `UPDATE innovation SET status = $2, moderation_reason = $3, updated_at = now(),
         published_at = CASE WHEN $4 THEN coalesce(published_at, now()) ELSE published_at END
       WHERE id = $1`,
      [id, status, extra.reason ?? null, extra.publishedAt ?? false],
    );
  }

  async addVersion(
    manager: EntityManager,
    id: string,
    version: number,
    editorId: string,
    snapshot: object,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO innovation_version (innovation_id, version, editor_id, snapshot) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
      [id, version, editorId, JSON.stringify(snapshot)],
    );
  }

  async versions(
    manager: EntityManager,
    id: string,
  ): Promise<{ version: number; editorId: string; createdAt: Date; snapshot: object }[]> {
    return manager.query(
      `SELECT version, editor_id AS "editorId", created_at AS "createdAt", snapshot FROM innovation_version
       WHERE innovation_id = $1 ORDER BY version DESC`,
      [id],
    );
  }

  async setTrending(manager: EntityManager, id: string, key: number): Promise<void> {
    await manager.query(`UPDATE innovation SET trending_key = $2 WHERE id = $1`, [id, key]);
  }

  /** Raters' judgements per competency, for the competency profile. */
  async raterCompetencies(
    manager: EntityManager,
    id: string,
  ): Promise<Map<string, { sum: number; count: number }>> {
    const rows: { code: string; sum: number; count: number }[] = await manager.query(
      `SELECT j.key AS code, sum(j.value::int)::int AS sum, count(*)::int AS count
       FROM innovation_rating r, jsonb_each_text(r.competencies) j WHERE r.innovation_id = $1 GROUP BY j.key`,
      [id],
    );
    return new Map(rows.map((row) => [row.code, { sum: row.sum, count: row.count }]));
  }
}
