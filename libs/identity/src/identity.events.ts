import { defineEvent } from '@lc/messaging';

/** A scoped role given to or taken from a member. */
export interface RoleGrantFacts {
  grantId: string;
  memberId: string;
  role: string;
  scopeType: string;
  scopeId: string | null;
}

/**
 * The events identity emits. Nothing subscribes to them yet; they are in the outbox for the contexts to come.
 * A type, once shipped, is never renamed (rows in the outbox carry it): add a new one or a version instead.
 */
export const IdentityEvents = {
  memberRegistered: defineEvent<{
    memberId: string;
    memberKind: string;
    schoolId: string | null;
    areaId: string | null;
  }>('member.registered'),
  memberErased: defineEvent<{ memberId: string }>('member.erased'),
  memberDisabled: defineEvent<{ memberId: string }>('member.disabled'),
  roleGranted: defineEvent<RoleGrantFacts>('role.granted'),
  roleRevoked: defineEvent<RoleGrantFacts>('role.revoked'),
} as const;
