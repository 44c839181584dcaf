import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { decodeCursor, DEFAULT_PAGE_SIZE, DomainError, toPage, uuidv7 } from '@lc/core';
import type { Actor } from '@lc/identity';
import { CommunityErrors } from './community-errors';
import {
  Channels,
  DEFAULT_CHANNELS,
  TYPE_DEFAULT_CHANNELS,
  isNotificationType,
  NOTIFICATION_TYPES,
  NotificationType,
} from './notification-types';
import { Bilingual, Rendered } from './texts';

export interface NewNotification {
  memberId: string;
  type: NotificationType;
  text: Rendered;
  link: { type: string; id: string } | null;
  actorId?: string | null;
}

export interface NotificationView {
  id: string;
  type: NotificationType;
  title: Bilingual;
  body: Bilingual;
  link: { type: string; id: string } | null;
  actorId: string | null;
  read: boolean;
  createdAt: string;
}

interface NotificationRow {
  id: string;
  memberId: string;
  type: NotificationType;
  data: { title: Bilingual; body: Bilingual; link: NotificationView['link']; actorId?: string | null };
  inApp: boolean;
  readAt: Date | null;
  createdAt: Date;
}

export interface Preferences {
  channels: Record<NotificationType, Channels>;
  digest: 'off' | 'daily';
}

const SELECT_NOTIFICATION = `SELECT id, member_id AS "memberId", type, data, in_app AS "inApp", read_at AS "readAt", created_at AS "createdAt" FROM notification`;

/** The inbox: unread count, mark as read, and each member's channels per notification type. */
@Injectable()
export class NotificationsService {
  constructor(private readonly dataSource: DataSource) {}

  async inbox(actor: Actor, cursor?: string) {
    const params: unknown[] = [actor.memberId];
    let where = `member_id = $1 AND in_app`;
    const after = decodeCursor<{ id: string }>(cursor, ['id']);
    if (after) where += ` AND id < $${params.push(after.id)}`;
    const rows: NotificationRow[] = await this.dataSource.query(
      `${SELECT_NOTIFICATION} WHERE ${where} ORDER BY id DESC LIMIT ${DEFAULT_PAGE_SIZE + 1}`,
      params,
    );
    const page = toPage(rows, DEFAULT_PAGE_SIZE, view, (row) => ({ id: row.id }));
    return { ...page, unread: await this.unread(this.dataSource.manager, actor.memberId) };
  }

  async unread(manager: EntityManager, memberId: string): Promise<number> {
    const [{ count }] = await manager.query(
      `SELECT count(*)::int AS count FROM notification WHERE member_id = $1 AND in_app AND read_at IS NULL`,
      [memberId],
    );
    return count as number;
  }

  /** Marks the member's own notifications read (others' ids are ignored); returns the unread count left. */
  async markRead(actor: Actor, input: { ids?: string[]; all?: boolean }) {
    if (input.all) {
      await this.dataSource.query(
        `UPDATE notification SET read_at = now() WHERE member_id = $1 AND in_app AND read_at IS NULL`,
        [actor.memberId],
      );
    } else if (input.ids?.length) {
      await this.dataSource.query(
        `UPDATE notification SET read_at = now() WHERE member_id = $1 AND id = ANY($2::uuid[]) AND read_at IS NULL`,
        [actor.memberId, input.ids],
      );
    }
    return { unread: await this.unread(this.dataSource.manager, actor.memberId) };
  }

  async preferences(
    memberId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Preferences> {
    return (await this.preferencesOf(manager, [memberId])).get(memberId)!;
  }

  async preferencesOf(manager: EntityManager, memberIds: string[]): Promise<Map<string, Preferences>> {
    const rows: { memberId: string; channels: Record<string, Partial<Channels>>; digest: 'off' | 'daily' }[] =
      await manager.query(
        `SELECT member_id AS "memberId", channels, digest FROM notification_preference WHERE member_id = ANY($1::uuid[])`,
        [memberIds],
      );
    const stored = new Map(rows.map((row) => [row.memberId, row]));
    return new Map(
      memberIds.map((id) => {
        const row = stored.get(id);
        const channels = Object.fromEntries(
          (Object.keys(NOTIFICATION_TYPES) as NotificationType[]).map((type) => [
            type,
            { ...DEFAULT_CHANNELS, ...TYPE_DEFAULT_CHANNELS[type], ...(row?.channels[type] ?? {}) },
          ]),
        ) as Record<NotificationType, Channels>;
        return [id, { channels, digest: row?.digest ?? 'off' }];
      }),
    );
  }

  async updatePreferences(
    actor: Actor,
    input: { channels?: Record<string, Partial<Channels>>; digest?: 'off' | 'daily' },
  ): Promise<Preferences> {
    for (const type of Object.keys(input.channels ?? {})) {
      if (!isNotificationType(type))
        throw new DomainError(
          CommunityErrors.NOTIFICATION_TYPE_UNKNOWN,
          `Unknown notification type: ${type}`,
        );
    }
    const current = await this.preferences(actor.memberId);
    const channels = { ...current.channels };
    for (const [type, change] of Object.entries(input.channels ?? {}))
      channels[type as NotificationType] = { ...channels[type as NotificationType], ...change };
    await this.dataSource.query(
      `INSERT INTO notification_preference (member_id, channels, digest) VALUES ($1, $2, $3)
       ON CONFLICT (member_id) DO UPDATE SET channels = EXCLUDED.channels, digest = EXCLUDED.digest, updated_at = now()`,
      [actor.memberId, JSON.stringify(channels), input.digest ?? current.digest],
    );
    return this.preferences(actor.memberId);
  }

  /**
   * Writes notifications for an event, as each member's preferences say (nothing when both channels are off;
   * an e-mail-only row stays out of the inbox). Once per (member, event, type). Returns the new in-app ones.
   */
  async create(
    manager: EntityManager,
    eventId: string,
    items: NewNotification[],
  ): Promise<NotificationRow[]> {
    if (items.length === 0) return [];
    const preferences = await this.preferencesOf(manager, [...new Set(items.map((i) => i.memberId))]);
    const wanted = items
      .map((item) => ({ item, channels: preferences.get(item.memberId)!.channels[item.type] }))
      .filter(({ channels }) => channels.inApp || channels.email);
    if (wanted.length === 0) return [];
    const inserted: { id: string }[] = await manager.query(
      `INSERT INTO notification (id, member_id, event_id, type, data, in_app, email_state)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::jsonb[], $6::boolean[], $7::text[])
       ON CONFLICT (member_id, event_id, type) DO NOTHING RETURNING id`,
      [
        wanted.map(() => uuidv7()),
        wanted.map(({ item }) => item.memberId),
        wanted.map(() => eventId),
        wanted.map(({ item }) => item.type),
        wanted.map(({ item }) =>
          JSON.stringify({
            title: item.text.title,
            body: item.text.body,
            link: item.link,
            actorId: item.actorId ?? null,
          }),
        ),
        wanted.map(({ channels }) => channels.inApp),
        wanted.map(({ channels }) => (channels.email ? 'pending' : 'none')),
      ],
    );
    if (inserted.length === 0) return [];
    return manager.query(`${SELECT_NOTIFICATION} WHERE id = ANY($1::uuid[]) AND in_app ORDER BY id`, [
      inserted.map((r) => r.id),
    ]);
  }

  view(row: NotificationRow): NotificationView {
    return view(row);
  }
}

function view(row: NotificationRow): NotificationView {
  return {
    id: row.id,
    type: row.type,
    title: row.data.title,
    body: row.data.body,
    link: row.data.link,
    actorId: row.data.actorId ?? null,
    read: row.readAt !== null,
    createdAt: new Date(row.createdAt).toISOString(),
  };
}
