import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError, uuidv7 } from '@lc/core';
import { OutboxService } from '@lc/messaging';
import { IdentityEvents } from '../identity.events';
import { Actor, administeredAreas, isObecAdmin } from '../actor';
import { AuditRepository } from '../audit/audit.repository';
import { IdentityErrors } from '../identity-errors';
import { MembersRepository } from '../members/members.repository';
import { OrganisationsRepository } from '../organisations/organisations.repository';
import { RoleGrantRow, RoleGrantsRepository } from './role-grants.repository';

export type GrantableRole = 'partner_staff' | 'school_admin' | 'area_admin' | 'moderator' | 'obec_admin';

const SCOPE_OF: Record<GrantableRole, 'partner' | 'school' | 'area' | 'national'> = {
  partner_staff: 'partner',
  school_admin: 'school',
  area_admin: 'area',
  moderator: 'national',
  obec_admin: 'national',
};

export interface GrantCommand {
  memberId: string;
  role: GrantableRole;
  scopeId?: string;
  reason: string;
}

/**
 * Who may grant what: an obec_admin grants any role; an area_admin grants school_admin for schools in
 * its own area, and nothing else. Every grant and revocation is audited and emitted as an event.
 */
@Injectable()
export class RoleGrantsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly grants: RoleGrantsRepository,
    private readonly members: MembersRepository,
    private readonly organisations: OrganisationsRepository,
    private readonly audit: AuditRepository,
    private readonly outbox: OutboxService,
  ) {}

  async grant(actor: Actor, command: GrantCommand): Promise<RoleGrantRow> {
    const scopeType = SCOPE_OF[command.role];
    const scopeId = scopeType === 'national' ? null : (command.scopeId ?? null);
    if ((scopeType === 'national') !== (command.scopeId === undefined)) {
      throw new DomainError(
        IdentityErrors.IDENTITY_ROLE_SCOPE_MISMATCH,
        `${command.role} takes ${scopeType === 'national' ? 'no scopeId' : `the id of a ${scopeType} as scopeId`}`,
      );
    }
    return this.dataSource.transaction(async (manager) => {
      await this.assertMayGrant(manager, actor, command.role, scopeId);
      const member = await this.members.findById(manager, command.memberId);
      if (!member || member.status === 'erased')
        throw new DomainError(IdentityErrors.IDENTITY_MEMBER_NOT_FOUND);
      await this.assertScopeExists(manager, scopeType, scopeId);
      const id = uuidv7();
      const outcome = await this.grants.insert(manager, {
        id,
        memberId: command.memberId,
        role: command.role,
        scopeType,
        scopeId,
        grantedBy: actor.memberId,
        reason: command.reason,
      });
      if (outcome === 'exists') throw new DomainError(IdentityErrors.IDENTITY_GRANT_EXISTS);
      if (outcome === 'one_partner') throw new DomainError(IdentityErrors.IDENTITY_ONE_PARTNER);
      await this.audit.record(manager, {
        actorId: actor.memberId,
        action: 'role.granted',
        targetType: 'member',
        targetId: command.memberId,
        reason: command.reason,
        details: { grantId: id, role: command.role, scopeType, scopeId },
      });
      await this.outbox.append(manager, IdentityEvents.roleGranted, {
        grantId: id,
        memberId: command.memberId,
        role: command.role,
        scopeType,
        scopeId,
      });
      return (await this.grants.find(manager, id))!;
    });
  }

  async revoke(actor: Actor, grantId: string, reason: string | null): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const grant = await this.grants.find(manager, grantId, true);
      if (!grant || grant.revokedAt) throw new DomainError(IdentityErrors.IDENTITY_GRANT_NOT_FOUND);
      await this.assertMayGrant(manager, actor, grant.role as GrantableRole, grant.scopeId);
      await this.grants.revoke(manager, grantId, actor.memberId, reason);
      await this.audit.record(manager, {
        actorId: actor.memberId,
        action: 'role.revoked',
        targetType: 'member',
        targetId: grant.memberId,
        reason,
        details: { grantId, role: grant.role, scopeType: grant.scopeType, scopeId: grant.scopeId },
      });
      await this.outbox.append(manager, IdentityEvents.roleRevoked, {
        grantId,
        memberId: grant.memberId,
        role: grant.role,
        scopeType: grant.scopeType,
        scopeId: grant.scopeId,
      });
    });
  }

  list(actor: Actor, memberId?: string): Promise<RoleGrantRow[]> {
    return this.grants.list(this.dataSource.manager, {
      memberId,
      areaIds: administeredAreas(actor),
      activeOnly: false,
    });
  }

  private async assertMayGrant(
    manager: EntityManager,
    actor: Actor,
    role: GrantableRole,
    scopeId: string | null,
  ): Promise<void> {
    if (isObecAdmin(actor)) return;
    const areas = administeredAreas(actor) ?? [];
    if (role === 'school_admin' && scopeId && areas.length > 0) {
      const school = await this.organisations.school(manager, scopeId);
      if (school?.areaId && areas.includes(school.areaId)) return;
    }
    throw new DomainError('FORBIDDEN', 'You may not grant or revoke this role here');
  }

  private async assertScopeExists(
    manager: EntityManager,
    scopeType: string,
    scopeId: string | null,
  ): Promise<void> {
    const exists =
      scopeType === 'national' ||
      (scopeType === 'school' && (await this.organisations.school(manager, scopeId!)) !== null) ||
      (scopeType === 'area' && (await this.organisations.areaExists(manager, scopeId!))) ||
      (scopeType === 'partner' && (await this.organisations.partnerExists(manager, scopeId!)));
    if (!exists) throw new DomainError(IdentityErrors.IDENTITY_SCOPE_NOT_FOUND);
  }
}
