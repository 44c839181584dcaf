/** Who is acting, with every role and the organisation each role covers. Services take it explicitly. */
export type Role = 'member' | 'partner_staff' | 'school_admin' | 'area_admin' | 'moderator' | 'obec_admin';
export type ScopeType = 'self' | 'partner' | 'school' | 'area' | 'national';

export interface RoleScope {
  role: Role;
  scopeType: ScopeType;
  scopeId: string | null;
}

export interface Actor {
  memberId: string;
  sessionId: string;
  schoolId: string | null;
  areaId: string | null;
  memberKind?: string;
  roles: RoleScope[];
}

export function hasRole(actor: Actor, role: Role, scopeId?: string | null): boolean {
  return actor.roles.some(
    (grant) => grant.role === role && (scopeId === undefined || grant.scopeId === scopeId),
  );
}

export function isObecAdmin(actor: Actor): boolean {
  return hasRole(actor, 'obec_admin');
}

/** Areas the actor administers (obec_admin administers all: null means every area). */
export function administeredAreas(actor: Actor): string[] | null {
  if (isObecAdmin(actor)) return null;
  return actor.roles.filter((grant) => grant.role === 'area_admin').map((grant) => grant.scopeId!);
}

export function partnerOf(actor: Actor): string | null {
  return actor.roles.find((grant) => grant.role === 'partner_staff')?.scopeId ?? null;
}
