import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

export interface RoleGrantRow {
  id: string;
  memberId: string;
  role: string;
  scopeType: string;
  scopeId: string | null;
  grantedBy: string | null;
  grantedAt: Date;
  reason: string;
  revokedAt: Date | null;
  revokedBy: string | null;
  revokeReason: string | null;
}

const SELECT_GRANT = `
  SELECT id, member_id AS "memberId", role, scope_type AS "scopeType", scope_id AS "scopeId", granted_by AS "grantedBy",
         granted_at AS "grantedAt", reason, revoked_at AS "revokedAt", revoked_by AS "revokedBy", revoke_reason AS "revokeReason"
  FROM role_grant`;

@Injectable()
export class RoleGrantsRepository {
  /** Returns the constraint that refused it, if any. */
  async insert(
    manager: EntityManager,
    grant: {
      id: string;
      memberId: string;
      role: string;
      scopeType: string;
      scopeId: string | null;
      grantedBy: string;
      reason: string;
    },
  ): Promise<'ok' | 'exists' | 'one_partner'> {
    try {
      await manager.query(`SAVEPOINT role_grant_insert`);
      await manager.query(
        `INSERT INTO role_grant (id, member_id, role, scope_type, scope_id, granted_by, reason) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [grant.id, grant.memberId, grant.role, grant.scopeType, grant.scopeId, grant.grantedBy, grant.reason],
      );
      await manager.query(`RELEASE SAVEPOINT role_grant_insert`);
      return 'ok';
    } catch (error) {
      await manager.query(`ROLLBACK TO SAVEPOINT role_grant_insert`);
      const constraint = (error as { constraint?: string }).constraint;
      if (constraint === 'role_grant_active') return 'exists';
      if (constraint === 'role_grant_one_partner') return 'one_partner';
      throw error;
    }
  }

  async find(manager: EntityManager, id: string, lock = false): Promise<RoleGrantRow | null> {
    const rows: RoleGrantRow[] = await manager.query(
      `${SELECT_GRANT} WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
      [id],
    );
    return rows[0] ?? null;
  }

  async revoke(manager: EntityManager, id: string, revokedBy: string, reason: string | null): Promise<void> {
    await manager.query(
      `UPDATE role_grant SET revoked_at = now(), revoked_by = $2, revoke_reason = $3 WHERE id = $1`,
      [id, revokedBy, reason],
    );
  }

  async list(
    manager: EntityManager,
    filter: { memberId?: string; areaIds?: string[] | null; activeOnly?: boolean },
  ): Promise<RoleGrantRow[]> {
    const conditions: string[] = [];
    const params: unknown[] = [];
    if (filter.memberId) conditions.push(`member_id = $${params.push(filter.memberId)}`);
    if (filter.activeOnly) conditions.push(`revoked_at IS NULL`);
    if (filter.areaIds) {
      const index = params.push(filter.areaIds);
      conditions.push(`((scope_type = 'area' AND scope_id = ANY($${index}::uuid[])) OR
        (scope_type = 'school' AND scope_id IN (SELECT id FROM school WHERE area_id = ANY($${index}::uuid[]))))`);
    }
    const where = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
    return manager.query(`${SELECT_GRANT} ${where} ORDER BY granted_at DESC LIMIT 500`, params);
  }
}
