import { DomainError } from '@lc/core';
import { Actor, hasRole, isObecAdmin } from '@lc/identity';
import { CockpitErrors } from '../cockpit-errors';

/** Areas must report at least this many participants a fiscal year (seed 000: "เขตละไม่น้อยกว่า ๕๐๐ คน"). */
export const PARTICIPANTS_PER_AREA = 500;

/** The four roles of seed 000 whose participants are planned and counted, with their Thai and English names. */
export const PARTICIPANT_ROLES = [
  { key: 'educationExecutives', th: 'ผู้บริหารการศึกษา', en: 'Education executives' },
  { key: 'supervisors', th: 'ศึกษานิเทศก์', en: 'Supervisors' },
  { key: 'schoolDirectors', th: 'ผู้บริหารสถานศึกษา', en: 'School directors' },
  { key: 'teachers', th: 'ครูผู้สอน', en: 'Teachers' },
] as const;

export type ParticipantRole = (typeof PARTICIPANT_ROLES)[number]['key'];
export type RoleCounts = Record<ParticipantRole, number>;
export type RoleCountsWithTotal = RoleCounts & { total: number };

export function withTotal(counts: RoleCounts): RoleCountsWithTotal {
  return {
    ...counts,
    total: counts.educationExecutives + counts.supervisors + counts.schoolDirectors + counts.teachers,
  };
}

/** OBEC admins plan and report for any area; an area admin for the areas of their grants. */
export function mayManageArea(actor: Actor, areaId: string): boolean {
  return isObecAdmin(actor) || hasRole(actor, 'area_admin', areaId);
}

/** 403 COCKPIT_SCOPE_FORBIDDEN, the cockpit's out-of-scope refusal, unless the actor may manage the area. */
export function assertMayManageArea(actor: Actor, areaId: string): void {
  if (!mayManageArea(actor, areaId)) throw new DomainError(CockpitErrors.COCKPIT_SCOPE_FORBIDDEN);
}
