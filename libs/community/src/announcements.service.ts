import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError, uuidv7 } from '@lc/core';
import type { Actor } from '@lc/identity';
import { OutboxService } from '@lc/messaging';
import { CommunityEvents } from './community.events';
import { CommunityErrors } from './community-errors';

export interface AnnouncementInput {
  title: string;
  body: string;
  scope: 'national' | 'area';
  areaId?: string;
}

/**
 * Announcements by administrators: obec_admin to everyone or to any area, area_admin to their own area only.
 * They reach readers through the feed (global or the area's) and, live, the matching socket.io room.
 */
@Injectable()
export class AnnouncementsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
  ) {}

  async create(actor: Actor, input: AnnouncementInput) {
    const national = actor.roles.some((r) => r.role === 'obec_admin');
    let areaId: string | null = null;
    if (input.scope === 'area') {
      if (!input.areaId) throw new DomainError(CommunityErrors.ANNOUNCEMENT_AREA_REQUIRED);
      areaId = input.areaId;
      const ownArea = actor.roles.some(
        (r) => r.role === 'area_admin' && r.scopeType === 'area' && r.scopeId === areaId,
      );
      if (!national && !ownArea) throw new DomainError(CommunityErrors.ANNOUNCEMENT_NOT_ALLOWED);
      const found: unknown[] = await this.dataSource.query(`SELECT 1 FROM area WHERE id = $1`, [areaId]);
      if (found.length === 0) throw new DomainError(CommunityErrors.ANNOUNCEMENT_AREA_NOT_FOUND);
    } else if (!national) {
      throw new DomainError(CommunityErrors.ANNOUNCEMENT_NOT_ALLOWED);
    }
    const id = uuidv7();
    const [row] = await this.dataSource.transaction(async (manager) => {
      const rows: {
        id: string;
        scope: string;
        areaId: string | null;
        title: string;
        body: string;
        createdAt: Date;
      }[] = await manager.query(
        `INSERT INTO announcement (id, author_id, scope, area_id, title, body) VALUES ($1, $2, $3, $4, $5, $6)
           RETURNING id, scope, area_id AS "areaId", title, body, created_at AS "createdAt"`,
        [id, actor.memberId, input.scope, areaId, input.title.trim(), input.body.trim()],
      );
      await this.outbox.append(manager, CommunityEvents.announcementPublished, {
        announcementId: id,
        authorId: actor.memberId,
        scope: input.scope,
        areaId,
      });
      return rows;
    });
    return row!;
  }
}
