import { EntityManager } from 'typeorm';
import { IdentityEvents, MembersService, OrganisationsService } from '@lc/identity';
import { InnovationEvents } from '@lc/innovations';
import type { EnvelopeOf, EventEnvelope } from '@lc/messaging';
import { bangkokDay } from './fiscal-year';
import { MemberPlace, MirrorRepository } from './mirror.repository';

/**
 * What a batch of the cockpit's subscriber needs to know before it plays its events, each read once for the whole
 * batch (never once per event or per member): members' kinds and schools, where schools sit, ratings as they stood.
 * Lookups in other domains go through their services with the batch's transaction, so they take no second connection
 * from the pool while the batch holds the cockpit's lock.
 */

type Rated = EnvelopeOf<typeof InnovationEvents.ratingSubmitted>;
type Registered = EnvelopeOf<typeof IdentityEvents.memberRegistered>;

export const dayOf = (event: EventEnvelope) => bangkokDay(new Date(event.occurredAt));

/** Ids as keys: the database answers uuids in lower case. */
export const idOf = (id: string) => id.toLowerCase();

/** A rating as it stood: its score and the day it was first given. */
export interface RatingBefore {
  overall: number;
  ratedOn: string;
}

/**
 * Kinds and schools of the members the batch is about: its registrations first (the last of a member stays), then
 * the cockpit's record, then identity for the members the cockpit has not seen (one lookup), recorded for next time.
 */
export async function placeMembers(
  manager: EntityManager,
  events: EventEnvelope[],
  mirror: MirrorRepository,
  members: MembersService,
): Promise<Map<string, MemberPlace>> {
  const ids = new Set<string>();
  const registered = new Map<string, MemberPlace>();
  for (const event of events) {
    const p = event.payload as Record<string, unknown>;
    if (event.type === IdentityEvents.memberRegistered.type) {
      const r = (event as Registered).payload;
      registered.set(idOf(r.memberId), {
        memberId: r.memberId,
        memberKind: r.memberKind,
        schoolId: r.schoolId,
      });
    }
    for (const field of ['memberId', 'actorId', 'authorId'])
      if (typeof p[field] === 'string') ids.add(p[field]);
  }
  await mirror.putMembers(manager, [...registered.values()], true);
  const places = await mirror.members(manager, [...ids]);
  const unknown = [...ids].filter((id) => !places.has(id));
  const found = await members.places(unknown, manager);
  const added: MemberPlace[] = [];
  for (const id of unknown) {
    const profile = found.get(id);
    if (!profile) continue;
    const place = { memberId: id, memberKind: profile.memberKind ?? 'unknown', schoolId: profile.schoolId };
    added.push(place);
    places.set(id, place);
  }
  await mirror.putMembers(manager, added, false);
  return places;
}

/** Where these schools sit (area, province, names): from identity, in one lookup, for those the cockpit lacks. */
export async function placeSchools(
  manager: EntityManager,
  schoolIds: (string | null)[],
  mirror: MirrorRepository,
  organisations: OrganisationsService,
): Promise<void> {
  const ids = [...new Set(schoolIds.filter((id): id is string => id !== null))];
  const known = await mirror.schools(manager, ids);
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length === 0) return;
  const schools = await organisations.schoolsById(unknown, manager);
  await mirror.putSchools(
    manager,
    [...schools.values()].map((school) => ({
      schoolId: school.id,
      areaId: school.areaId,
      provinceCode: school.provinceCode,
      nameTh: school.nameTh,
      nameEn: school.nameEn,
    })),
  );
}

/**
 * The batch's ratings, written in one statement: one row per (innovation, member), with the day it was first given
 * in the batch and its last score. Answers, by rating event id, the rating as it stood just before that event (null
 * when that event gave it first), as handling the events one by one would have seen it: a rating given and changed
 * in one batch is one new rating with its last score.
 */
export async function writeRatings(
  manager: EntityManager,
  events: EventEnvelope[],
  mirror: MirrorRepository,
): Promise<Map<string, RatingBefore | null>> {
  const ratings = events.filter((e) => e.type === InnovationEvents.ratingSubmitted.type) as Rated[];
  const keyOf = (event: Rated) => `${idOf(event.payload.innovationId)}|${idOf(event.payload.actorId)}`;
  const last = new Map<string, { innovationId: string; memberId: string; overall: number; day: string }>();
  for (const event of ratings) {
    const p = event.payload;
    const known = last.get(keyOf(event));
    if (known) known.overall = p.overall;
    else
      last.set(keyOf(event), {
        innovationId: p.innovationId,
        memberId: p.actorId,
        overall: p.overall,
        day: dayOf(event),
      });
  }
  const stored = await mirror.putRatings(manager, [...last.values()]);
  const current = new Map([...last.keys()].map((key, index) => [key, stored[index] ?? null]));
  const before = new Map<string, RatingBefore | null>();
  for (const event of ratings) {
    const was = current.get(keyOf(event)) ?? null;
    before.set(event.id, was);
    current.set(keyOf(event), { overall: event.payload.overall, ratedOn: was?.ratedOn ?? dayOf(event) });
  }
  return before;
}
