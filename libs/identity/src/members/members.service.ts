import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { decodeCursor, DEFAULT_PAGE_SIZE, DomainError, Page, taxonomyCodes, toPage } from '@lc/core';
import { OutboxService } from '@lc/messaging';
import { IdentityEvents } from '../identity.events';
import { Actor, administeredAreas, hasRole, isObecAdmin } from '../actor';
import { AuditRepository } from '../audit/audit.repository';
import { LoginThrottle } from '../auth/login-throttle.service';
import { IdentityErrors } from '../identity-errors';
import { OrganisationsRepository } from '../organisations/organisations.repository';
import { verifyPassword } from '../passwords/password-policy';
import { RoleGrantsRepository } from '../roles/role-grants.repository';
import { SessionsRepository } from '../sessions/sessions.repository';
import { MemberRow, MembersRepository, ProfileChanges } from './members.repository';

export interface MeView {
  id: string;
  email: string;
  /** Whether the e-mail address is confirmed: until it is, the member's actions earn and give no points. */
  emailVerified: boolean;
  displayName: string;
  memberKind: string;
  academicStanding: string | null;
  learningAreas: string[];
  /** member, practitioner, change_agent or influencer (GET /me/level tells the progress). */
  level: string;
  bio: string | null;
  phone: string | null;
  roles: { role: string; scopeType: string; scopeId: string | null }[];
  school: { id: string; name: string; areaId: string | null } | null;
  consent: { termsVersion: string; privacyVersion: string; consentedAt: Date };
  createdAt: Date;
}

export type OwnProfileChanges = Omit<ProfileChanges, 'schoolId' | 'memberKind'>;

export interface PublicMemberView {
  id: string;
  displayName: string;
  memberKind: string | null;
  academicStanding: string | null;
  learningAreas: string[];
  /** member, practitioner, change_agent or influencer. */
  level: string;
  bio: string | null;
  school: { id: string; name: string; areaId: string | null } | null;
  erased: boolean;
}

export interface MemberSummary {
  id: string;
  displayName: string;
  memberKind: string;
  schoolId: string | null;
  status: string;
}

@Injectable()
export class MembersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly members: MembersRepository,
    private readonly sessions: SessionsRepository,
    private readonly grants: RoleGrantsRepository,
    private readonly organisations: OrganisationsRepository,
    private readonly audit: AuditRepository,
    private readonly outbox: OutboxService,
    private readonly throttle: LoginThrottle,
  ) {}

  async me(actor: Actor): Promise<MeView> {
    const member = await this.members.findById(this.dataSource.manager, actor.memberId);
    if (!member) throw new DomainError(IdentityErrors.IDENTITY_MEMBER_NOT_FOUND);
    return {
      id: member.id,
      email: member.email,
      emailVerified: member.emailVerifiedAt !== null,
      displayName: member.displayName,
      memberKind: member.memberKind,
      academicStanding: member.academicStanding,
      learningAreas: member.learningAreas,
      level: member.levelCode,
      bio: member.bio,
      phone: member.phone,
      roles: actor.roles,
      school: schoolOf(member),
      consent: {
        termsVersion: member.termsVersion,
        privacyVersion: member.privacyVersion,
        consentedAt: member.consentedAt,
      },
      createdAt: member.createdAt,
    };
  }

  /**
   * The fields a member changes alone. School and member kind decide eligibility and scope: they change only
   * through a confirmed request (ProfileChangesService), whose part runs in this transaction.
   */
  async updateProfile(
    actor: Actor,
    changes: OwnProfileChanges,
    alsoInTransaction?: (manager: EntityManager) => Promise<void>,
  ): Promise<MeView> {
    if (changes.academicStanding && !taxonomyCodes('academicStandings').includes(changes.academicStanding)) {
      throw new DomainError(
        IdentityErrors.IDENTITY_UNKNOWN_CODE,
        `Unknown academicStanding "${changes.academicStanding}"`,
      );
    }
    const unknownAreas = (changes.learningAreas ?? []).filter(
      (code) => !taxonomyCodes('learningAreas').includes(code),
    );
    if (unknownAreas.length)
      throw new DomainError(
        IdentityErrors.IDENTITY_UNKNOWN_CODE,
        `Unknown learning areas: ${unknownAreas.join(', ')}`,
      );
    const fields = Object.keys(changes).filter(
      (key) => changes[key as keyof OwnProfileChanges] !== undefined,
    );
    await this.dataSource.transaction(async (manager) => {
      if (fields.length > 0) {
        await this.members.updateProfile(manager, actor.memberId, {
          ...changes,
          displayName: changes.displayName?.trim(),
          learningAreas: changes.learningAreas ? [...new Set(changes.learningAreas)] : undefined,
        });
        await this.audit.record(manager, {
          actorId: actor.memberId,
          action: 'member.profile_updated',
          targetType: 'member',
          targetId: actor.memberId,
          details: { fields },
        });
      }
      await alsoInTransaction?.(manager);
    });
    return this.me({ ...actor });
  }

  async publicProfile(memberId: string): Promise<PublicMemberView> {
    const member = await this.members.findById(this.dataSource.manager, memberId);
    if (!member) throw new DomainError(IdentityErrors.IDENTITY_MEMBER_NOT_FOUND);
    const erased = member.status === 'erased';
    return {
      id: member.id,
      displayName: member.displayName,
      memberKind: erased ? null : member.memberKind,
      academicStanding: member.academicStanding,
      learningAreas: member.learningAreas,
      level: member.levelCode,
      bio: member.bio,
      school: erased ? null : schoolOf(member),
      erased,
    };
  }

  /**
   * The kind and school of each of these members that exists, in one query (an erased member has neither, as in
   * their public profile). For subscribers that place many members at once: pass the caller's transaction's
   * manager so the read takes no second connection from the pool.
   */
  async places(
    ids: string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Map<string, { memberKind: string | null; schoolId: string | null }>> {
    if (ids.length === 0) return new Map();
    const rows = await this.members.places(manager, [...new Set(ids)]);
    return new Map(
      rows.map((row) => {
        const erased = row.status === 'erased';
        return [
          row.id,
          { memberKind: erased ? null : row.memberKind, schoolId: erased ? null : row.schoolId },
        ];
      }),
    );
  }

  /** PDPA right of access: everything the platform holds about the member, as JSON. */
  async export(actor: Actor): Promise<Record<string, unknown>> {
    const manager = this.dataSource.manager;
    const member = await this.members.findById(manager, actor.memberId);
    if (!member) throw new DomainError(IdentityErrors.IDENTITY_MEMBER_NOT_FOUND);
    const { passwordHash: _hash, areaId: _area, schoolName: _name, ...personal } = member;
    return {
      exportedAt: new Date().toISOString(),
      format: 'learning-community-export/1',
      member: { ...personal, school: schoolOf(member) },
      consents: [
        {
          termsVersion: member.termsVersion,
          privacyVersion: member.privacyVersion,
          consentedAt: member.consentedAt,
        },
      ],
      sessions: await this.sessions.listForMember(manager, actor.memberId),
      roleGrants: await this.grants.list(manager, { memberId: actor.memberId }),
      activityLog: await this.audit.about(manager, actor.memberId),
    };
  }

  /**
   * PDPA erasure: personal fields are anonymised and every session ends; the member row itself stays, so
   * content stays attributed to "deleted member" and nothing that others or the points ledger rely on breaks.
   * The password is checked under the same limits as sign-in (LoginThrottle), before any transaction.
   */
  async erase(actor: Actor, password: string, client: { ip: string }): Promise<void> {
    await this.throttle.takePasswordCheck(actor.memberId, client.ip);
    await this.dataSource.transaction(async (manager) => {
      const member = await this.members.findById(manager, actor.memberId, true);
      if (!member) throw new DomainError(IdentityErrors.IDENTITY_MEMBER_NOT_FOUND);
      if (!(await verifyPassword(member.passwordHash, password)))
        throw new DomainError(IdentityErrors.AUTH_WRONG_PASSWORD);
      await this.throttle.passwordCheckSucceeded(actor.memberId, client.ip);
      await this.members.anonymise(manager, actor.memberId);
      await this.sessions.revokeAllSessions(manager, actor.memberId, 'erased');
      await this.sessions.forgetDevices(manager, actor.memberId);
      await this.audit.record(manager, {
        actorId: actor.memberId,
        action: 'member.erased',
        targetType: 'member',
        targetId: actor.memberId,
      });
      await this.outbox.append(manager, IdentityEvents.memberErased, { memberId: actor.memberId });
    });
  }

  /** Disabling ends every session at once: the access guard checks the session on each request. */
  async setDisabled(actor: Actor, memberId: string, disabled: boolean, reason: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const member = await this.members.findById(manager, memberId, true);
      if (!member || member.status === 'erased')
        throw new DomainError(IdentityErrors.IDENTITY_MEMBER_NOT_FOUND);
      this.assertAdministers(actor, member);
      await this.members.setStatus(manager, memberId, disabled ? 'disabled' : 'active');
      if (disabled) {
        await this.sessions.revokeAllSessions(manager, memberId, 'disabled');
        await this.outbox.append(manager, IdentityEvents.memberDisabled, { memberId });
      }
      await this.audit.record(manager, {
        actorId: actor.memberId,
        action: disabled ? 'member.disabled' : 'member.enabled',
        targetType: 'member',
        targetId: memberId,
        reason,
      });
    });
  }

  async listInArea(actor: Actor, areaId: string, cursor?: string): Promise<Page<MemberSummary>> {
    const areas = administeredAreas(actor);
    if (areas && !areas.includes(areaId)) throw new DomainError('FORBIDDEN');
    if (!(await this.organisations.areaExists(this.dataSource.manager, areaId)))
      throw new DomainError(IdentityErrors.IDENTITY_AREA_NOT_FOUND);
    return this.page({ areaId }, cursor);
  }

  async listInSchool(actor: Actor, schoolId: string, cursor?: string): Promise<Page<MemberSummary>> {
    const school = await this.organisations.school(this.dataSource.manager, schoolId);
    if (!school) throw new DomainError(IdentityErrors.IDENTITY_SCHOOL_UNKNOWN);
    const areas = administeredAreas(actor);
    const allowed =
      areas === null ||
      (school.areaId !== null && areas.includes(school.areaId)) ||
      hasRole(actor, 'school_admin', schoolId);
    if (!allowed) throw new DomainError('FORBIDDEN');
    return this.page({ schoolId }, cursor);
  }

  private async page(
    filter: { schoolId?: string; areaId?: string },
    cursor?: string,
  ): Promise<Page<MemberSummary>> {
    const after = decodeCursor<{ id: string }>(cursor, ['id']);
    const rows = await this.members.listInSchools(
      this.dataSource.manager,
      filter,
      after?.id ?? null,
      DEFAULT_PAGE_SIZE + 1,
    );
    return toPage(
      rows,
      DEFAULT_PAGE_SIZE,
      (row) => ({
        id: row.id,
        displayName: row.displayName,
        memberKind: row.memberKind,
        schoolId: row.schoolId,
        status: row.status,
      }),
      (row) => ({ id: row.id }),
    );
  }

  private assertAdministers(actor: Actor, member: MemberRow): void {
    if (isObecAdmin(actor)) return;
    const areas = administeredAreas(actor) ?? [];
    if (member.areaId && areas.includes(member.areaId)) return;
    throw new DomainError('FORBIDDEN');
  }
}

function schoolOf(member: MemberRow): { id: string; name: string; areaId: string | null } | null {
  return member.schoolId
    ? { id: member.schoolId, name: member.schoolName ?? '', areaId: member.areaId }
    : null;
}
