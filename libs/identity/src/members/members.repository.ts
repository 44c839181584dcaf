import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { updateReturning } from '@lc/database';

export interface MemberRow {
  id: string;
  email: string;
  passwordHash: string | null;
  displayName: string;
  memberKind: string;
  schoolId: string | null;
  areaId: string | null;
  schoolName: string | null;
  academicStanding: string | null;
  learningAreas: string[];
  /** The level reached (recognition keeps it), shown beside the name. */
  levelCode: string;
  bio: string | null;
  phone: string | null;
  status: 'active' | 'disabled' | 'erased';
  termsVersion: string;
  privacyVersion: string;
  consentedAt: Date;
  /** Null until the member confirms the e-mail address (or always set when confirmation is not required). */
  emailVerifiedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

const SELECT_MEMBER = `
  SELECT m.id, m.email, m.password_hash AS "passwordHash", m.display_name AS "displayName", m.member_kind AS "memberKind",
         m.school_id AS "schoolId", s.area_id AS "areaId", s.name_th AS "schoolName", m.academic_standing AS "academicStanding",
         m.learning_areas AS "learningAreas", m.level_code AS "levelCode", m.bio, m.phone, m.status, m.terms_version AS "termsVersion",
         m.privacy_version AS "privacyVersion", m.consented_at AS "consentedAt",
         m.email_verified_at AS "emailVerifiedAt", m.created_at AS "createdAt", m.updated_at AS "updatedAt"
  FROM member m LEFT JOIN school s ON s.id = m.school_id`;

export interface NewMember {
  id: string;
  email: string;
  passwordHash: string;
  displayName: string;
  memberKind: string;
  schoolId: string | null;
  termsVersion: string;
  privacyVersion: string;
  /** True when no confirmation is asked for: the address counts as confirmed from the start. */
  emailVerified: boolean;
}

export interface ProfileChanges {
  displayName?: string;
  memberKind?: string;
  schoolId?: string | null;
  academicStanding?: string | null;
  learningAreas?: string[];
  bio?: string | null;
  phone?: string | null;
}

const PROFILE_COLUMNS: Record<keyof ProfileChanges, string> = {
  displayName: 'display_name',
  memberKind: 'member_kind',
  schoolId: 'school_id',
  academicStanding: 'academic_standing',
  learningAreas: 'learning_areas',
  bio: 'bio',
  phone: 'phone',
};

@Injectable()
export class MembersRepository {
  /** Returns false when the e-mail is taken (the unique index decides, so concurrent sign-ups can't both win). */
  async insert(manager: EntityManager, member: NewMember): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `INSERT INTO member (id, email, password_hash, display_name, member_kind, school_id, terms_version, privacy_version, consented_at,
                           email_verified_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now(), CASE WHEN $9::boolean THEN now() END)
       ON CONFLICT ((lower(email))) DO NOTHING RETURNING id`,
      [
        member.id,
        member.email,
        member.passwordHash,
        member.displayName,
        member.memberKind,
        member.schoolId,
        member.termsVersion,
        member.privacyVersion,
        member.emailVerified,
      ],
    );
    return rows.length === 1;
  }

  async findByEmail(manager: EntityManager, email: string): Promise<MemberRow | null> {
    const rows: MemberRow[] = await manager.query(`${SELECT_MEMBER} WHERE lower(m.email) = lower($1)`, [
      email,
    ]);
    return rows[0] ?? null;
  }

  async findById(manager: EntityManager, id: string, lock = false): Promise<MemberRow | null> {
    const rows: MemberRow[] = await manager.query(
      `${SELECT_MEMBER} WHERE m.id = $1${lock ? ' FOR UPDATE OF m' : ''}`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** Kinds, schools and statuses of these members, in one query by primary key (unknown ids are left out). */
  async places(
    manager: EntityManager,
    ids: string[],
  ): Promise<{ id: string; memberKind: string; schoolId: string | null; status: string }[]> {
    return manager.query(
      `SELECT id, member_kind AS "memberKind", school_id AS "schoolId", status FROM member WHERE id = ANY($1::uuid[])`,
      [ids],
    );
  }

  async updateProfile(manager: EntityManager, id: string, changes: ProfileChanges): Promise<void> {
    const entries = Object.entries(changes).filter(([, value]) => value !== undefined) as [
      keyof ProfileChanges,
      unknown,
    ][];
    if (entries.length === 0) return;
    const sets = entries.map(([key], index) => `${PROFILE_COLUMNS[key]} = $${index + 2}`);
    await manager.query(`UPDATE member SET ${sets.join(', ')}, updated_at = now() WHERE id = $1`, [
      id,
      ...entries.map(([, v]) => v),
    ]);
  }

  async setPassword(manager: EntityManager, id: string, passwordHash: string): Promise<void> {
    await manager.query(
      `UPDATE member SET password_hash = $2, password_changed_at = now(), updated_at = now() WHERE id = $1`,
      [id, passwordHash],
    );
  }

  async setStatus(manager: EntityManager, id: string, status: 'active' | 'disabled'): Promise<boolean> {
    const rows = await updateReturning(
      manager,
      `UPDATE member SET status = $2, disabled_at = CASE WHEN $2 = 'disabled' THEN now() ELSE NULL END, updated_at = now()
       WHERE id = $1 AND status <> 'erased' RETURNING id`,
      [id, status],
    );
    return rows.length === 1;
  }

  /** PDPA erasure: the row stays (content and points still point to it), every personal field goes. */
  async anonymise(manager: EntityManager, id: string): Promise<void> {
    await manager.query(
      `UPDATE member SET email = 'erased-' || id || '@erased.invalid', display_name = 'สมาชิกที่ลบบัญชีแล้ว',
              password_hash = NULL, bio = NULL, phone = NULL, academic_standing = NULL, learning_areas = '{}',
              status = 'erased', erased_at = now(), updated_at = now()
       WHERE id = $1`,
      [id],
    );
  }

  async listInSchools(
    manager: EntityManager,
    filter: { schoolId?: string; areaId?: string },
    after: string | null,
    limit: number,
  ): Promise<MemberRow[]> {
    const conditions = [`m.status <> 'erased'`];
    const params: unknown[] = [];
    if (filter.schoolId) conditions.push(`m.school_id = $${params.push(filter.schoolId)}`);
    if (filter.areaId) conditions.push(`s.area_id = $${params.push(filter.areaId)}`);
    if (after) conditions.push(`m.id > $${params.push(after)}`);
    return manager.query(
      `${SELECT_MEMBER} WHERE ${conditions.join(' AND ')} ORDER BY m.id LIMIT $${params.push(limit)}`,
      params,
    );
  }
}
