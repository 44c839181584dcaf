import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { updateReturning } from '@lc/database';

export type ProfileChangeStatus = 'pending' | 'approved' | 'rejected' | 'cancelled';

export interface ProfileChangeRow {
  id: string;
  memberId: string;
  memberName: string;
  memberStatus: string;
  fromSchoolId: string | null;
  fromSchoolName: string | null;
  fromMemberKind: string;
  schoolId: string | null;
  schoolName: string | null;
  memberKind: string;
  /** The school whose admins (and its area's) decide: the one asked for, else the current one. */
  scopeSchoolId: string | null;
  scopeAreaId: string | null;
  status: ProfileChangeStatus;
  requestedAt: Date;
  decidedBy: string | null;
  decidedAt: Date | null;
  reason: string | null;
}

export interface NewProfileChange {
  id: string;
  memberId: string;
  fromSchoolId: string | null;
  fromMemberKind: string;
  schoolId: string | null;
  memberKind: string;
}

/** Who may see a request: every one (null), or those whose deciding school is one of these or in these areas. */
export interface ProfileChangeScope {
  schoolIds: string[];
  areaIds: string[];
}

const SELECT_CHANGE = `
  SELECT r.id, r.member_id AS "memberId", m.display_name AS "memberName", m.status AS "memberStatus",
         r.from_school_id AS "fromSchoolId", fs.name_th AS "fromSchoolName", r.from_member_kind AS "fromMemberKind",
         r.school_id AS "schoolId", ts.name_th AS "schoolName", r.member_kind AS "memberKind",
         ds.id AS "scopeSchoolId", ds.area_id AS "scopeAreaId", r.status, r.requested_at AS "requestedAt",
         r.decided_by AS "decidedBy", r.decided_at AS "decidedAt", r.reason
  FROM profile_change_request r
  JOIN member m ON m.id = r.member_id
  LEFT JOIN school fs ON fs.id = r.from_school_id
  LEFT JOIN school ts ON ts.id = r.school_id
  LEFT JOIN school ds ON ds.id = coalesce(r.school_id, r.from_school_id)`;

@Injectable()
export class ProfileChangesRepository {
  async find(manager: EntityManager, id: string, lock = false): Promise<ProfileChangeRow | null> {
    const rows: ProfileChangeRow[] = await manager.query(
      `${SELECT_CHANGE} WHERE r.id = $1${lock ? ' FOR UPDATE OF r' : ''}`,
      [id],
    );
    return rows[0] ?? null;
  }

  async findPending(
    manager: EntityManager,
    memberId: string,
    lock = false,
  ): Promise<ProfileChangeRow | null> {
    const rows: ProfileChangeRow[] = await manager.query(
      `${SELECT_CHANGE} WHERE r.member_id = $1 AND r.status = 'pending'${lock ? ' FOR UPDATE OF r' : ''}`,
      [memberId],
    );
    return rows[0] ?? null;
  }

  /** The partial unique index keeps one pending request per member, whatever the callers do. */
  async insert(manager: EntityManager, change: NewProfileChange): Promise<void> {
    await manager.query(
      `INSERT INTO profile_change_request (id, member_id, from_school_id, from_member_kind, school_id, member_kind)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        change.id,
        change.memberId,
        change.fromSchoolId,
        change.fromMemberKind,
        change.schoolId,
        change.memberKind,
      ],
    );
  }

  /** Closes a pending request; false when it was no longer pending. */
  async decide(
    manager: EntityManager,
    id: string,
    status: Exclude<ProfileChangeStatus, 'pending'>,
    decidedBy: string,
    reason: string | null,
  ): Promise<boolean> {
    const rows = await updateReturning(
      manager,
      `UPDATE profile_change_request SET status = $2, decided_by = $3, decided_at = now(), reason = $4
       WHERE id = $1 AND status = 'pending' RETURNING id`,
      [id, status, decidedBy, reason],
    );
    return rows.length === 1;
  }

  /** Oldest first (ids are time-ordered), the caller's own requests left out: nobody decides their own. */
  list(
    manager: EntityManager,
    filter: { status: ProfileChangeStatus; scope: ProfileChangeScope | null; exceptMemberId: string },
    after: string | null,
    limit: number,
  ): Promise<ProfileChangeRow[]> {
    const params: unknown[] = [filter.status, filter.exceptMemberId];
    const conditions = [`r.status = $1`, `r.member_id <> $2`, `m.status <> 'erased'`];
    if (filter.scope) {
      conditions.push(
        `(ds.id = ANY($${params.push(filter.scope.schoolIds)}::uuid[]) OR ds.area_id = ANY($${params.push(filter.scope.areaIds)}::uuid[]))`,
      );
    }
    if (after) conditions.push(`r.id > $${params.push(after)}`);
    return manager.query(
      `${SELECT_CHANGE} WHERE ${conditions.join(' AND ')} ORDER BY r.id LIMIT $${params.push(limit)}`,
      params,
    );
  }
}
