import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError, loadTaxonomy, uuidv7 } from '@lc/core';
import { updateReturning } from '@lc/database';
import type { Actor } from '@lc/identity';
import { CommunityErrors } from './community-errors';

export type FollowTargetType = 'member' | 'learningArea';

const LEARNING_AREAS = new Map(loadTaxonomy().learningAreas.map((a) => [a.code, { th: a.th, en: a.en }]));
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface FollowRow {
  id: string;
  targetType: FollowTargetType;
  targetId: string;
  targetName: string | null;
  createdAt: Date;
}

/** Members follow members and learning areas (codes of the taxonomy); the following feed reads these. */
@Injectable()
export class FollowsService {
  constructor(private readonly dataSource: DataSource) {}

  async follow(actor: Actor, targetType: FollowTargetType, targetId: string) {
    if (targetType === 'member') {
      if (!UUID.test(targetId)) throw new DomainError(CommunityErrors.FOLLOW_TARGET_NOT_FOUND);
      if (targetId.toLowerCase() === actor.memberId) throw new DomainError(CommunityErrors.FOLLOW_SELF);
      const found: unknown[] = await this.dataSource.query(
        `SELECT 1 FROM member WHERE id = $1 AND status = 'active'`,
        [targetId],
      );
      if (found.length === 0) throw new DomainError(CommunityErrors.FOLLOW_TARGET_NOT_FOUND);
    } else if (!LEARNING_AREAS.has(targetId)) {
      throw new DomainError(CommunityErrors.FOLLOW_TARGET_NOT_FOUND);
    }
    const id = uuidv7();
    const inserted: unknown[] = await this.dataSource.query(
      `INSERT INTO follow (id, member_id, target_type, target_id) VALUES ($1, $2, $3, $4)
       ON CONFLICT (member_id, target_type, target_id) DO NOTHING RETURNING id`,
      [id, actor.memberId, targetType, targetType === 'member' ? targetId.toLowerCase() : targetId],
    );
    if (inserted.length === 0) throw new DomainError(CommunityErrors.FOLLOW_EXISTS);
    return (await this.list(actor)).items.find((f) => f.id === id)!;
  }

  async unfollow(actor: Actor, id: string): Promise<void> {
    const rows = await updateReturning(
      this.dataSource.manager,
      `DELETE FROM follow WHERE id = $1 AND member_id = $2 RETURNING id`,
      [id, actor.memberId],
    );
    if (rows.length === 0) throw new DomainError(CommunityErrors.FOLLOW_NOT_FOUND);
  }

  async list(actor: Actor) {
    const rows: FollowRow[] = await this.dataSource.query(
      `SELECT f.id, f.target_type AS "targetType", f.target_id AS "targetId", m.display_name AS "targetName",
              f.created_at AS "createdAt"
       FROM follow f LEFT JOIN member m ON f.target_type = 'member' AND m.id::text = f.target_id
       WHERE f.member_id = $1 ORDER BY f.created_at DESC, f.id DESC LIMIT 1000`,
      [actor.memberId],
    );
    return {
      items: rows.map((row) => ({
        id: row.id,
        targetType: row.targetType,
        targetId: row.targetId,
        target:
          row.targetType === 'member'
            ? { displayName: row.targetName ?? '' }
            : { label: learningAreaLabel(row.targetId) },
        createdAt: row.createdAt,
      })),
      nextCursor: null,
    };
  }
}

function learningAreaLabel(code: string) {
  return LEARNING_AREAS.get(code) ?? { th: code, en: code };
}
