import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { decodeCursor, DEFAULT_PAGE_SIZE, DomainError, Page, taxonomyCodes, toPage, uuidv7 } from '@lc/core';
import { Actor, administeredAreas, hasRole, isObecAdmin } from '../actor';
import { AuditRepository } from '../audit/audit.repository';
import { IdentityErrors } from '../identity-errors';
import { OrganisationsRepository } from '../organisations/organisations.repository';
import { MembersRepository, ProfileChanges } from './members.repository';
import { MeView, MembersService } from './members.service';
import {
  ProfileChangeRow,
  ProfileChangeScope,
  ProfileChangesRepository,
  ProfileChangeStatus,
} from './profile-changes.repository';

/** The school and kind the member will have once the pending request is confirmed. */
export interface PendingChangeView {
  schoolId: string | null;
  memberKind: string;
  requestedAt: Date;
}

export type ProfileView = MeView & { pendingChange: PendingChangeView | null };

export interface ProfileChangeView {
  id: string;
  member: { id: string; displayName: string };
  from: { schoolId: string | null; schoolName: string | null; memberKind: string };
  to: { schoolId: string | null; schoolName: string | null; memberKind: string };
  status: ProfileChangeStatus;
  requestedAt: Date;
  decidedBy: string | null;
  decidedAt: Date | null;
  reason: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * School and member kind decide which perks a member may redeem, which admins see them and how the cockpit counts
 * them, so a member asks and an admin confirms: the new school's school_admin, the area_admin of its area, or an
 * obec_admin (for a change of kind alone, or leaving a school, the current school's). Nothing changes until then.
 * One request per member is pending; asking again replaces it (the old one is cancelled, so an admin never
 * approves something other than what they read). Every step is audited.
 */
@Injectable()
export class ProfileChangesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly membersService: MembersService,
    private readonly members: MembersRepository,
    private readonly requests: ProfileChangesRepository,
    private readonly organisations: OrganisationsRepository,
    private readonly audit: AuditRepository,
  ) {}

  async me(actor: Actor): Promise<ProfileView> {
    return this.withPending(await this.membersService.me(actor));
  }

  /**
   * Other fields change at once; a school or kind other than the current ones becomes (or replaces) the pending
   * request, in the same transaction. `changeRequested`: the caller asked for such a change (answered 202).
   */
  async updateProfile(
    actor: Actor,
    changes: ProfileChanges,
  ): Promise<{ profile: ProfileView; changeRequested: boolean }> {
    const { schoolId, memberKind, ...own } = changes;
    if (memberKind !== undefined && !taxonomyCodes('memberKinds').includes(memberKind)) {
      throw new DomainError(IdentityErrors.IDENTITY_UNKNOWN_CODE, `Unknown memberKind "${memberKind}"`);
    }
    let changeRequested = false;
    const profile = await this.membersService.updateProfile(actor, own, async (manager) => {
      if (schoolId === undefined && memberKind === undefined) return;
      changeRequested = await this.request(manager, actor, schoolId, memberKind);
    });
    return { profile: await this.withPending(profile), changeRequested };
  }

  async cancel(actor: Actor): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      // The member's row first, as every writer of a request locks it (so a PATCH can't race the withdrawal).
      await this.members.findById(manager, actor.memberId, true);
      const pending = await this.requests.findPending(manager, actor.memberId, true);
      if (!pending) throw new DomainError(IdentityErrors.IDENTITY_PROFILE_CHANGE_NOT_FOUND);
      await this.close(manager, actor, pending, 'cancelled', null);
    });
  }

  async list(actor: Actor, status: ProfileChangeStatus, cursor?: string): Promise<Page<ProfileChangeView>> {
    const after = decodeCursor<{ id: string }>(cursor, ['id']);
    if (after && !UUID.test(after.id)) throw new DomainError('PAGINATION_INVALID_CURSOR');
    const areas = administeredAreas(actor);
    const scope: ProfileChangeScope | null =
      areas === null
        ? null
        : {
            areaIds: areas,
            schoolIds: actor.roles.filter((g) => g.role === 'school_admin').map((g) => g.scopeId!),
          };
    const rows = await this.requests.list(
      this.dataSource.manager,
      { status, scope, exceptMemberId: actor.memberId },
      after?.id ?? null,
      DEFAULT_PAGE_SIZE + 1,
    );
    return toPage(rows, DEFAULT_PAGE_SIZE, toView, (row) => ({ id: row.id }));
  }

  /** Applies the change to the member in the same transaction as the decision and its audit entry. */
  async approve(actor: Actor, id: string): Promise<ProfileChangeView> {
    return this.decide(actor, id, async (manager, request) => {
      const member = await this.members.findById(manager, request.memberId);
      if (!member || member.status === 'erased')
        throw new DomainError(IdentityErrors.IDENTITY_MEMBER_NOT_FOUND);
      await this.members.updateProfile(manager, request.memberId, {
        schoolId: request.schoolId,
        memberKind: request.memberKind,
      });
      await this.close(manager, actor, request, 'approved', null, {
        from: { schoolId: member.schoolId, memberKind: member.memberKind },
        to: { schoolId: request.schoolId, memberKind: request.memberKind },
      });
    });
  }

  async reject(actor: Actor, id: string, reason: string): Promise<ProfileChangeView> {
    return this.decide(actor, id, (manager, request) =>
      this.close(manager, actor, request, 'rejected', reason),
    );
  }

  private async decide(
    actor: Actor,
    id: string,
    work: (manager: EntityManager, request: ProfileChangeRow) => Promise<void>,
  ): Promise<ProfileChangeView> {
    return this.dataSource.transaction(async (manager) => {
      const seen = await this.requests.find(manager, id);
      if (!seen) throw new DomainError(IdentityErrors.IDENTITY_PROFILE_CHANGE_NOT_FOUND);
      // The member first, then the request: the order every writer of a request takes.
      await this.members.findById(manager, seen.memberId, true);
      const request = (await this.requests.find(manager, id, true))!;
      this.assertMayDecide(actor, request);
      if (request.status !== 'pending') throw new DomainError(IdentityErrors.IDENTITY_PROFILE_CHANGE_DECIDED);
      await work(manager, request);
      return toView((await this.requests.find(manager, id))!);
    });
  }

  private assertMayDecide(actor: Actor, request: ProfileChangeRow): void {
    if (request.memberId === actor.memberId)
      throw new DomainError(IdentityErrors.IDENTITY_PROFILE_CHANGE_OWN);
    if (isObecAdmin(actor)) return;
    if (request.scopeSchoolId && hasRole(actor, 'school_admin', request.scopeSchoolId)) return;
    if (request.scopeAreaId && (administeredAreas(actor) ?? []).includes(request.scopeAreaId)) return;
    throw new DomainError('FORBIDDEN', 'Only an admin of the school asked for, or of its area, decides this');
  }

  /**
   * The member's wish after this PATCH: the pending request's values, overridden by the fields sent. Asking for
   * the current values drops the pending request; asking again for the pending values keeps it as it is.
   */
  private async request(
    manager: EntityManager,
    actor: Actor,
    schoolId: string | null | undefined,
    memberKind: string | undefined,
  ): Promise<boolean> {
    const member = await this.members.findById(manager, actor.memberId, true);
    if (!member) throw new DomainError(IdentityErrors.IDENTITY_MEMBER_NOT_FOUND);
    const pending = await this.requests.findPending(manager, actor.memberId, true);
    const wantedSchool = schoolId !== undefined ? schoolId : pending ? pending.schoolId : member.schoolId;
    const wantedKind = memberKind ?? pending?.memberKind ?? member.memberKind;
    const asked =
      (schoolId !== undefined && schoolId !== member.schoolId) ||
      (memberKind !== undefined && memberKind !== member.memberKind);
    if (pending && pending.schoolId === wantedSchool && pending.memberKind === wantedKind) return asked;
    if (pending) await this.close(manager, actor, pending, 'cancelled', null);
    if (wantedSchool === member.schoolId && wantedKind === member.memberKind) return asked;
    if (wantedSchool !== member.schoolId && wantedSchool !== null) {
      if (!(await this.organisations.school(manager, wantedSchool)))
        throw new DomainError(IdentityErrors.IDENTITY_SCHOOL_NOT_FOUND);
    }
    const id = uuidv7();
    await this.requests.insert(manager, {
      id,
      memberId: actor.memberId,
      fromSchoolId: member.schoolId,
      fromMemberKind: member.memberKind,
      schoolId: wantedSchool,
      memberKind: wantedKind,
    });
    await this.audit.record(manager, {
      actorId: actor.memberId,
      action: 'member.profile_change_requested',
      targetType: 'member',
      targetId: actor.memberId,
      details: {
        requestId: id,
        from: { schoolId: member.schoolId, memberKind: member.memberKind },
        to: { schoolId: wantedSchool, memberKind: wantedKind },
        ...(pending ? { replaces: pending.id } : {}),
      },
    });
    return asked;
  }

  private async close(
    manager: EntityManager,
    actor: Actor,
    request: ProfileChangeRow,
    status: 'approved' | 'rejected' | 'cancelled',
    reason: string | null,
    details: Record<string, unknown> = {},
  ): Promise<void> {
    if (!(await this.requests.decide(manager, request.id, status, actor.memberId, reason)))
      throw new DomainError(IdentityErrors.IDENTITY_PROFILE_CHANGE_DECIDED);
    await this.audit.record(manager, {
      actorId: actor.memberId,
      action: `member.profile_change_${status}`,
      targetType: 'member',
      targetId: request.memberId,
      reason,
      details: { requestId: request.id, ...details },
    });
  }

  private async withPending(profile: MeView): Promise<ProfileView> {
    const pending = await this.requests.findPending(this.dataSource.manager, profile.id);
    return {
      ...profile,
      pendingChange: pending
        ? { schoolId: pending.schoolId, memberKind: pending.memberKind, requestedAt: pending.requestedAt }
        : null,
    };
  }
}

function toView(row: ProfileChangeRow): ProfileChangeView {
  return {
    id: row.id,
    member: { id: row.memberId, displayName: row.memberName },
    from: { schoolId: row.fromSchoolId, schoolName: row.fromSchoolName, memberKind: row.fromMemberKind },
    to: { schoolId: row.schoolId, schoolName: row.schoolName, memberKind: row.memberKind },
    status: row.status,
    requestedAt: row.requestedAt,
    decidedBy: row.decidedBy,
    decidedAt: row.decidedAt,
    reason: row.reason,
  };
}
