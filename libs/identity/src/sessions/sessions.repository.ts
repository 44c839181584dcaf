import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { prepared } from '@lc/database';
import type { RoleScope } from '../actor';

export interface RefreshTokenRow {
  id: string;
  sessionId: string;
  memberId: string;
  rotatedAt: Date | null;
  sessionRevokedAt: Date | null;
  sessionExpiresAt: Date;
  memberStatus: string;
}

export interface ActorRow {
  memberId: string;
  schoolId: string | null;
  areaId: string | null;
  memberKind: string;
  grants: RoleScope[];
}

// The acting members of many requests at once (one trip for all the requests that arrived together).
const LOAD_ACTORS = prepared(
  'identity.load_actors',
  `SELECT session_id AS "sessionId", member_id AS "memberId", school_id AS "schoolId", area_id AS "areaId",
          member_kind AS "memberKind", grants
   FROM identity_actors(ARRAY(SELECT jsonb_populate_recordset(NULL::identity_session_key, $1::jsonb)))`,
);

@Injectable()
export class SessionsRepository {
  async createSession(
    manager: EntityManager,
    session: { id: string; memberId: string; expiresAt: Date; userAgent: string | null; ip: string | null },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO auth_session (id, member_id, expires_at, user_agent, ip) VALUES ($1, $2, $3, $4, $5)`,
      [session.id, session.memberId, session.expiresAt, session.userAgent, session.ip],
    );
  }

  async addRefreshToken(
    manager: EntityManager,
    token: { id: string; sessionId: string; hash: string },
  ): Promise<void> {
    await manager.query(`INSERT INTO refresh_token (id, session_id, token_hash) VALUES ($1, $2, $3)`, [
      token.id,
      token.sessionId,
      token.hash,
    ]);
  }

  /** Locks the token row: of two refreshes racing with one token, the second sees it rotated. */
  async findRefreshTokenForUpdate(manager: EntityManager, hash: string): Promise<RefreshTokenRow | null> {
    const rows: RefreshTokenRow[] = await manager.query(
      `SELECT t.id, t.session_id AS "sessionId", s.member_id AS "memberId", t.rotated_at AS "rotatedAt",
              s.revoked_at AS "sessionRevokedAt", s.expires_at AS "sessionExpiresAt", m.status AS "memberStatus"
       FROM refresh_token t JOIN auth_session s ON s.id = t.session_id JOIN member m ON m.id = s.member_id
       WHERE t.token_hash = $1 FOR UPDATE OF t`,
      [hash],
    );
    return rows[0] ?? null;
  }

  async markRotated(manager: EntityManager, tokenId: string, sessionId: string): Promise<void> {
    await manager.query(`UPDATE refresh_token SET rotated_at = now() WHERE id = $1`, [tokenId]);
    await manager.query(`UPDATE auth_session SET last_used_at = now() WHERE id = $1`, [sessionId]);
  }

  async revokeSession(manager: EntityManager, sessionId: string, reason: string): Promise<void> {
    await manager.query(
      `UPDATE auth_session SET revoked_at = now(), revoked_reason = $2 WHERE id = $1 AND revoked_at IS NULL`,
      [sessionId, reason],
    );
  }

  async revokeAllSessions(
    manager: EntityManager,
    memberId: string,
    reason: string,
    exceptSessionId?: string,
  ): Promise<void> {
    await manager.query(
      `UPDATE auth_session SET revoked_at = now(), revoked_reason = $2
       WHERE member_id = $1 AND revoked_at IS NULL AND ($3::uuid IS NULL OR id <> $3::uuid)`,
      [memberId, reason, exceptSessionId ?? null],
    );
  }

  /** Live sessions of active members among these (member, session) pairs, keyed by session id. */
  async loadActors(
    manager: EntityManager,
    pairs: { memberId: string; sessionId: string }[],
  ): Promise<Map<string, ActorRow>> {
    const rows: (ActorRow & { sessionId: string })[] = await manager.query(LOAD_ACTORS, [
      JSON.stringify(pairs.map((p) => ({ member_id: p.memberId, session_id: p.sessionId }))),
    ]);
    return new Map(rows.map(({ sessionId, ...row }) => [sessionId, row]));
  }

  async listForMember(manager: EntityManager, memberId: string): Promise<Record<string, unknown>[]> {
    return manager.query(
      `SELECT id, created_at AS "createdAt", last_used_at AS "lastUsedAt", expires_at AS "expiresAt", revoked_at AS "revokedAt",
              revoked_reason AS "revokedReason", user_agent AS "userAgent", host(ip) AS ip
       FROM auth_session WHERE member_id = $1 ORDER BY created_at`,
      [memberId],
    );
  }

  /** Erasure: the device details of past sessions are personal data too. */
  async forgetDevices(manager: EntityManager, memberId: string): Promise<void> {
    await manager.query(`UPDATE auth_session SET user_agent = NULL, ip = NULL WHERE member_id = $1`, [
      memberId,
    ]);
  }
}
