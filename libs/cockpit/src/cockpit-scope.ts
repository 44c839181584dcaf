import { DomainError } from '@lc/core';
import { CockpitErrors } from './cockpit-errors';
import { Actor, hasRole, isObecAdmin } from '@lc/identity';

declare const authorised: unique symbol;

/**
 * What a cockpit read covers: the nation, one area, or one school (with its area). Every read method takes one, and
 * only `authorise` makes one (the brand cannot be written by hand), so no read can forget whose numbers it shows.
 */
export type CockpitScope = (
  | { readonly kind: 'national' }
  | { readonly kind: 'area'; readonly areaId: string }
  | { readonly kind: 'school'; readonly schoolId: string; readonly areaId: string | null }
) & { readonly [authorised]: true };

export type RequestedScope =
  { kind: 'national' } | { kind: 'area'; areaId: string } | { kind: 'school'; schoolId: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `national`, `area:<uuid>` or `school:<uuid>`; 400 COCKPIT_SCOPE_INVALID otherwise. */
export function parseScope(text: string): RequestedScope {
  if (text === 'national') return { kind: 'national' };
  const match = /^(area|school):(.+)$/.exec(text);
  if (!match || !UUID.test(match[2]!))
    throw new DomainError(CockpitErrors.COCKPIT_SCOPE_INVALID, text.slice(0, 80));
  const id = match[2]!.toLowerCase();
  return match[1] === 'area' ? { kind: 'area', areaId: id } : { kind: 'school', schoolId: id };
}

/** The scope an actor sees when they name none: the widest they hold (OBEC, then an area, then a school). */
export function defaultScope(actor: Actor): RequestedScope {
  if (isObecAdmin(actor)) return { kind: 'national' };
  const area = actor.roles.find((grant) => grant.role === 'area_admin' && grant.scopeId);
  if (area) return { kind: 'area', areaId: area.scopeId! };
  const school = actor.roles.find((grant) => grant.role === 'school_admin' && grant.scopeId);
  if (school) return { kind: 'school', schoolId: school.scopeId! };
  throw new DomainError(CockpitErrors.COCKPIT_SCOPE_FORBIDDEN);
}

/** Where a school sits: its area, or null when it has none or does not exist. */
export type SchoolPlace = (schoolId: string) => Promise<{ areaId: string | null } | null>;

/**
 * The one way to a CockpitScope. An OBEC admin sees everything; an area admin their areas and their schools; a
 * school admin their school; anyone else, or anything else, 403 COCKPIT_SCOPE_FORBIDDEN. A place that does not exist
 * is 404 for an OBEC admin only: the others learn nothing about places that are not theirs.
 */
export async function authorise(
  actor: Actor,
  requested: RequestedScope,
  places: { areaExists: (areaId: string) => Promise<boolean>; school: SchoolPlace },
): Promise<CockpitScope> {
  const obec = isObecAdmin(actor);
  const brand = <T extends object>(scope: T) => scope as T & CockpitScope;
  switch (requested.kind) {
    case 'national':
      if (!obec) throw new DomainError(CockpitErrors.COCKPIT_SCOPE_FORBIDDEN);
      return brand({ kind: 'national' as const });
    case 'area': {
      if (!obec && !hasRole(actor, 'area_admin', requested.areaId))
        throw new DomainError(CockpitErrors.COCKPIT_SCOPE_FORBIDDEN);
      if (!(await places.areaExists(requested.areaId)))
        throw new DomainError(CockpitErrors.COCKPIT_SCOPE_NOT_FOUND);
      return brand({ kind: 'area' as const, areaId: requested.areaId });
    }
    case 'school': {
      const mayTry = obec || hasRole(actor, 'school_admin') || hasRole(actor, 'area_admin');
      if (!mayTry) throw new DomainError(CockpitErrors.COCKPIT_SCOPE_FORBIDDEN);
      const place = await places.school(requested.schoolId);
      const allowed =
        obec ||
        hasRole(actor, 'school_admin', requested.schoolId) ||
        (place?.areaId != null && hasRole(actor, 'area_admin', place.areaId));
      if (!allowed) throw new DomainError(CockpitErrors.COCKPIT_SCOPE_FORBIDDEN);
      if (!place) throw new DomainError(CockpitErrors.COCKPIT_SCOPE_NOT_FOUND);
      return brand({ kind: 'school' as const, schoolId: requested.schoolId, areaId: place.areaId });
    }
  }
}

/** The rollups' key of a scope: `N`, `A:<area id>` or `S:<school id>`. */
export function scopeKey(scope: CockpitScope): string {
  switch (scope.kind) {
    case 'national':
      return 'N';
    case 'area':
      return `A:${scope.areaId}`;
    case 'school':
      return `S:${scope.schoolId}`;
  }
}

/** The scope as the API writes it: `national`, `area:<id>`, `school:<id>`. */
export function scopeText(scope: { kind: string; areaId?: string | null; schoolId?: string }): string {
  if (scope.kind === 'area') return `area:${scope.areaId}`;
  if (scope.kind === 'school') return `school:${scope.schoolId}`;
  return 'national';
}
