import { Actor, hasRole, isObecAdmin } from '@lc/identity';

/** Who an event belongs to: the organiser named on it and where it sits. */
export interface OrganiserRef {
  organiserType: 'obec' | 'area' | 'school' | 'partner';
  organiserId: string | null;
  areaId: string | null;
  schoolId: string | null;
  partnerId: string | null;
  createdBy: string;
}

/**
 * Who may run an event (show its codes, import and correct attendance, see completions, issue and revoke
 * certificates): OBEC admins for every event; area admins for their area's events, its schools' included; school
 * admins for their school's; partner staff for their partner's; and the member who created it.
 */
export function mayOrganise(actor: Actor, event: OrganiserRef): boolean {
  if (isObecAdmin(actor)) return true;
  if (event.createdBy === actor.memberId) return true;
  if (event.areaId && hasRole(actor, 'area_admin', event.areaId)) return true;
  if (event.schoolId && hasRole(actor, 'school_admin', event.schoolId)) return true;
  if (event.partnerId && hasRole(actor, 'partner_staff', event.partnerId)) return true;
  return false;
}
