import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { uuidv7 } from '@lc/core';

export interface AuditEntry {
  actorId: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  reason?: string | null;
  /** Never names or e-mail addresses: the log is append-only and outlives erasure. Ids and codes only. */
  details?: Record<string, unknown>;
}

@Injectable()
export class AuditRepository {
  async record(manager: EntityManager, entry: AuditEntry): Promise<void> {
    await manager.query(
      `INSERT INTO audit_log (id, actor_id, action, target_type, target_id, reason, details) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        uuidv7(),
        entry.actorId,
        entry.action,
        entry.targetType,
        entry.targetId,
        entry.reason ?? null,
        JSON.stringify(entry.details ?? {}),
      ],
    );
  }

  async about(manager: EntityManager, memberId: string): Promise<Record<string, unknown>[]> {
    return manager.query(
      `SELECT action, target_type AS "targetType", target_id AS "targetId", reason, details, occurred_at AS "occurredAt",
              (actor_id = $1) AS "byMe"
       FROM audit_log WHERE actor_id = $1 OR (target_type = 'member' AND target_id = $1::text) ORDER BY seq`,
      [memberId],
    );
  }
}
