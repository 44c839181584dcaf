import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { decodeCursor, DEFAULT_PAGE_SIZE, Page, toPage, uuidOfBytes } from '@lc/core';
import type { Actor } from '@lc/identity';
import { Rooms } from '@lc/realtime';
import { Bilingual, Rendered } from './texts';

export const FEED_SCOPES = ['global', 'area', 'school', 'following', 'mine'] as const;
export type FeedScope = (typeof FEED_SCOPES)[number];

/** Where an item is stored: `global`, `area:<id>`, `school:<id>` or `member:<id>` (the member's own "mine"). */
export type StoredScope = string;

export interface NewFeedItem {
  scope: StoredScope;
  kind: string;
  actorId: string | null;
  innovationId: string | null;
  learningAreas: string[];
  text: Rendered;
  link: { type: string; id: string } | null;
  extra?: Record<string, unknown>;
}

export interface FeedItemView {
  id: string;
  kind: string;
  scope: FeedScope;
  actor: { id: string; displayName: string; level: string } | null;
  innovationId: string | null;
  title: Bilingual;
  body: Bilingual;
  link: { type: string; id: string } | null;
  createdAt: string;
}

interface FeedRow {
  id: string;
  scope: string;
  kind: string;
  actorId: string | null;
  actorName: string | null;
  actorLevel: string | null;
  innovationId: string | null;
  data: { title: Bilingual; body: Bilingual; link: FeedItemView['link'] };
  createdAt: Date;
}

export const scopeKey = {
  global: 'global',
  area: (id: string) => `area:${id}`,
  school: (id: string) => `school:${id}`,
  member: (id: string) => `member:${id}`,
};

/** The public name of a stored scope, and the socket.io room its items are pushed to. */
export function publicScope(stored: StoredScope): { scope: FeedScope; room: string } {
  const [kind, id] = stored.split(':') as [string, string | undefined];
  if (kind === 'area') return { scope: 'area', room: Rooms.area(id!) };
  if (kind === 'school') return { scope: 'school', room: Rooms.school(id!) };
  if (kind === 'member') return { scope: 'mine', room: Rooms.member(id!) };
  return { scope: 'global', room: Rooms.global };
}

const SELECT_ITEMS = `
  SELECT f.id, f.scope, f.kind, f.actor_id AS "actorId", m.display_name AS "actorName", m.level_code AS "actorLevel", f.innovation_id AS "innovationId",
         f.data, f.created_at AS "createdAt"
  FROM feed_item f LEFT JOIN member m ON m.id = f.actor_id`;

// Hidden or removed innovations leave every feed, checked when read (no race with moderation).
const VISIBLE = `(f.innovation_id IS NULL OR EXISTS (SELECT 1 FROM innovation i WHERE i.id = f.innovation_id AND i.status = 'published'))`;

/**
 * Feeds are read from stored items, newest first, by cursor. "following" is computed when read: the global items
 * whose actor is a followed member or whose learning areas meet a followed one.
 */
@Injectable()
export class FeedService {
  constructor(private readonly dataSource: DataSource) {}

  async read(actor: Actor, scope: FeedScope, cursor?: string): Promise<Page<FeedItemView>> {
    const params: unknown[] = [];
    let where: string;
    if (scope === 'global') where = `f.scope = 'global'`;
    else if (scope === 'mine') where = `f.scope = $${params.push(scopeKey.member(actor.memberId))}`;
    else if (scope === 'area' || scope === 'school') {
      const id = scope === 'area' ? actor.areaId : actor.schoolId;
      if (!id) return { items: [], nextCursor: null };
      where = `f.scope = $${params.push(scope === 'area' ? scopeKey.area(id) : scopeKey.school(id))}`;
    } else {
      const me = params.push(actor.memberId);
      where = `f.scope = 'global' AND (
        f.actor_id IN (SELECT target_id::uuid FROM follow WHERE member_id = $${me} AND target_type = 'member')
        OR f.learning_areas && ARRAY(SELECT target_id FROM follow WHERE member_id = $${me} AND target_type = 'learningArea'))`;
    }
    const after = decodeCursor<{ id: string }>(cursor, ['id']);
    if (after) where += ` AND f.id < $${params.push(after.id)}`;
    const rows: FeedRow[] = await this.dataSource.query(
      `${SELECT_ITEMS} WHERE ${where} AND ${VISIBLE} ORDER BY f.id DESC LIMIT ${DEFAULT_PAGE_SIZE + 1}`,
      params,
    );
    return toPage(
      rows,
      DEFAULT_PAGE_SIZE,
      (row) => view(row),
      (row) => ({ id: row.id }),
    );
  }

  /** Writes items for an event (once per event and scope) and returns those new, with the room to push each to. */
  async write(
    manager: EntityManager,
    eventId: string,
    items: NewFeedItem[],
  ): Promise<{ room: string; item: FeedItemView }[]> {
    if (items.length === 0) return [];
    const inserted: { id: string }[] = await manager.query(
      `INSERT INTO feed_item (id, event_id, scope, kind, actor_id, innovation_id, learning_areas, data)
       SELECT id, $1, scope, kind, actor_id, innovation_id, ARRAY(SELECT jsonb_array_elements_text(areas)), data
       FROM unnest($2::uuid[], $3::text[], $4::text[], $5::uuid[], $6::uuid[], $7::jsonb[], $8::jsonb[])
         AS x(id, scope, kind, actor_id, innovation_id, areas, data)
       ON CONFLICT (event_id, scope) DO NOTHING RETURNING id`,
      [
        eventId,
        items.map((i) => feedItemId(eventId, i.scope)),
        items.map((i) => i.scope),
        items.map((i) => i.kind),
        items.map((i) => i.actorId),
        items.map((i) => i.innovationId),
        items.map((i) => JSON.stringify(i.learningAreas)),
        items.map((i) =>
          JSON.stringify({ title: i.text.title, body: i.text.body, link: i.link, ...(i.extra ?? {}) }),
        ),
      ],
    );
    if (inserted.length === 0) return [];
    const rows: FeedRow[] = await manager.query(
      `${SELECT_ITEMS} WHERE f.id = ANY($1::uuid[]) ORDER BY f.id`,
      [inserted.map((r) => r.id)],
    );
    return rows.map((row) => ({ room: publicScope(row.scope).room, item: view(row) }));
  }
}

/**
 * A feed item's id: the event's time and order (the first 8 bytes of its uuidv7) with the rest from the scope, so
 * the feed (newest first by id) follows when things happened, not the order in which subscribers, which may run
 * batches side by side, got to them; the same event and scope always give the same id.
 */
export function feedItemId(eventId: string, scope: string): string {
  const head = Buffer.from(eventId.replace(/-/g, ''), 'hex').subarray(0, 8);
  const tail = createHash('sha256').update(`${eventId.toLowerCase()}|${scope}`).digest().subarray(0, 8);
  tail[0] = (tail[0]! & 0x3f) | 0x80;
  return uuidOfBytes(Buffer.concat([head, tail]));
}

function view(row: FeedRow): FeedItemView {
  return {
    id: row.id,
    kind: row.kind,
    scope: publicScope(row.scope).scope,
    actor: row.actorId
      ? { id: row.actorId, displayName: row.actorName ?? '', level: row.actorLevel ?? 'member' }
      : null,
    innovationId: row.innovationId,
    title: row.data.title,
    body: row.data.body,
    link: row.data.link,
    createdAt: new Date(row.createdAt).toISOString(),
  };
}
