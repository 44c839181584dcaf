import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { prepared, updateReturning } from '@lc/database';

export interface CredentialRow {
  id: string;
  award_id: string;
  member_id: string;
  credential: Record<string, unknown>;
  status_list_id: number;
  status_list_index: number;
  issued_at: Date;
  revoked_at: Date | null;
  revoked_reason: string | null;
}

export interface NewCredentialRow {
  id: string;
  awardId: string;
  memberId: string;
  credential: Record<string, unknown>;
  statusListId: number;
  statusListIndex: number;
  issuedAt: Date;
}

const COLUMNS = `id, award_id, member_id, credential, status_list_id, status_list_index, issued_at, revoked_at,
  revoked_reason`;

const BY_ID = prepared(
  'recognition_credential_by_id',
  `SELECT ${COLUMNS} FROM badge_credential WHERE id = $1`,
);

// Whether a slot's credential is revoked, and whether the list exists at all (a slot in no list is not "fine").
const SLOT_STATE = prepared(
  'recognition_credential_slot_state',
  `SELECT EXISTS (SELECT 1 FROM badge_status_list WHERE id = $1) AS list_exists,
          EXISTS (SELECT 1 FROM badge_credential
                  WHERE status_list_id = $1 AND status_list_index = $2 AND revoked_at IS NOT NULL) AS revoked`,
);

const SIGNED_LIST = prepared(
  'recognition_status_list_signed',
  `SELECT revision, signed_credential, signed_revision FROM badge_status_list WHERE id = $1`,
);

/** The badge credentials and their revocation lists (tables of the migration BadgeCredentials). */
@Injectable()
export class CredentialsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async byId(id: string, manager: EntityManager = this.dataSource.manager): Promise<CredentialRow | null> {
    const rows: CredentialRow[] = await manager.query(BY_ID, [id]);
    return rows[0] ?? null;
  }

  async byAward(manager: EntityManager, awardId: string): Promise<CredentialRow | null> {
    const rows: CredentialRow[] = await manager.query(
      `SELECT ${COLUMNS} FROM badge_credential WHERE award_id = $1`,
      [awardId],
    );
    return rows[0] ?? null;
  }

  /** The next allocation number (never repeated, never waits for another transaction). */
  async nextAllocation(manager: EntityManager): Promise<number> {
    const rows: { n: string }[] = await manager.query(`SELECT nextval('badge_status_allocation') AS n`);
    return Number(rows[0]!.n);
  }

  /** Makes the list exist (the first issue into it creates it). */
  async ensureList(manager: EntityManager, listId: number): Promise<void> {
    await manager.query(`INSERT INTO badge_status_list (id) VALUES ($1) ON CONFLICT (id) DO NOTHING`, [
      listId,
    ]);
  }

  /** The first of the candidate slots that no credential holds, or null when all are taken. */
  async freeSlot(manager: EntityManager, listId: number, candidates: number[]): Promise<number | null> {
    const rows: { slot: number }[] = await manager.query(
      `SELECT candidate AS slot FROM unnest($2::int[]) WITH ORDINALITY AS c (candidate, position)
       WHERE NOT EXISTS (SELECT 1 FROM badge_credential WHERE status_list_id = $1 AND status_list_index = candidate)
       ORDER BY position LIMIT 1`,
      [listId, candidates],
    );
    return rows[0]?.slot ?? null;
  }

  /**
   * Inserts the credential unless its award already has one or another issue took its slot meanwhile (both are
   * unique keys; a concurrent insert of either is waited for): true when this one was stored.
   */
  async insert(manager: EntityManager, row: NewCredentialRow): Promise<boolean> {
    const inserted: { id: string }[] = await manager.query(
      `INSERT INTO badge_credential (id, award_id, member_id, credential, status_list_id, status_list_index, issued_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT DO NOTHING
       RETURNING id`,
      [
        row.id,
        row.awardId,
        row.memberId,
        JSON.stringify(row.credential),
        row.statusListId,
        row.statusListIndex,
        row.issuedAt,
      ],
    );
    return inserted.length === 1;
  }

  /** Revokes a credential not revoked yet, and marks its list changed (signed again when next read). */
  async revoke(manager: EntityManager, id: string, reason: string): Promise<CredentialRow | null> {
    const rows = await updateReturning<CredentialRow>(
      manager,
      `UPDATE badge_credential SET revoked_at = now(), revoked_reason = $2
       WHERE id = $1 AND revoked_at IS NULL
       RETURNING ${COLUMNS}`,
      [id, reason],
    );
    const row = rows[0];
    if (!row) return null;
    await manager.query(`UPDATE badge_status_list SET revision = revision + 1 WHERE id = $1`, [
      row.status_list_id,
    ]);
    return row;
  }

  async slotState(listId: number, index: number): Promise<{ listExists: boolean; revoked: boolean }> {
    const rows: { list_exists: boolean; revoked: boolean }[] = await this.dataSource.query(SLOT_STATE, [
      listId,
      index,
    ]);
    return { listExists: rows[0]!.list_exists, revoked: rows[0]!.revoked };
  }

  async signedList(listId: number): Promise<{
    revision: number;
    signed: Record<string, unknown> | null;
    signedRevision: number | null;
  } | null> {
    const rows: {
      revision: string;
      signed_credential: Record<string, unknown> | null;
      signed_revision: string | null;
    }[] = await this.dataSource.query(SIGNED_LIST, [listId]);
    const row = rows[0];
    if (!row) return null;
    return {
      revision: Number(row.revision),
      signed: row.signed_credential,
      signedRevision: row.signed_revision === null ? null : Number(row.signed_revision),
    };
  }

  /** The list's revision and its revoked slots, read in one statement (one snapshot: they match). */
  async listSnapshot(listId: number): Promise<{ revision: number; revoked: number[] }> {
    const rows: { revision: string; revoked: number[] }[] = await this.dataSource.query(
      `SELECT l.revision,
              ARRAY(SELECT c.status_list_index FROM badge_credential c
                    WHERE c.status_list_id = l.id AND c.revoked_at IS NOT NULL) AS revoked
       FROM badge_status_list l WHERE l.id = $1`,
      [listId],
    );
    return { revision: Number(rows[0]!.revision), revoked: rows[0]!.revoked };
  }

  /** Keeps a signed list for its revision, unless a newer one is kept or the list changed meanwhile. */
  async storeSignedList(listId: number, signed: Record<string, unknown>, revision: number): Promise<void> {
    await this.dataSource.query(
      `UPDATE badge_status_list SET signed_credential = $2, signed_revision = $3
       WHERE id = $1 AND revision = $3 AND (signed_revision IS NULL OR signed_revision < $3)`,
      [listId, JSON.stringify(signed), revision],
    );
  }
}
