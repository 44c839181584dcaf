import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ActivityEvents } from '@lc/activities';
import { IdentityEvents, MembersService, OrganisationsService } from '@lc/identity';
import { InnovationEvents } from '@lc/innovations';
import { LedgerEvents } from '@lc/ledger';
import { MarketplaceEvents, PerksService } from '@lc/marketplace';
import type { EnvelopeOf, EventEnvelope } from '@lc/messaging';
import { ACTIVITY_WINDOWS, changesOf, newlyCoveredEnds } from './activity-windows';
import { bangkokDay } from './fiscal-year';
import { dayOf, idOf, placeMembers, placeSchools, writeRatings } from './batch-reads';
import { EDUCATION_STAFF_KINDS, TRAINING_KINDS } from './kpis';
import { InnovationState, MemberPlace, MirrorRepository } from './mirror.repository';
import { addDays } from './periods';
import { FactList, RollupsRepository } from './rollups.repository';

type Published = EnvelopeOf<typeof InnovationEvents.published>;
type Rated = EnvelopeOf<typeof InnovationEvents.ratingSubmitted>;

/** What a batch changed: the scopes whose numbers moved (for the live refresh). */
export interface BatchOutcome {
  scopes: Set<string>;
}

/** The events that change the cockpit's record of an innovation. */
const INNOVATION_CHANGES = new Set<string>([
  InnovationEvents.published.type,
  InnovationEvents.updated.type,
  InnovationEvents.hidden.type,
  InnovationEvents.removed.type,
  InnovationEvents.restored.type,
]);
const innovationOf = (event: EventEnvelope) => (event.payload as { innovationId: string }).innovationId;

/**
 * Turns a batch of events into rollup changes, inside the subscriber's transaction and under the cockpit's lock (so
 * batches and the rebuild take turns and the non-additive parts, active windows and indicator 18, see each other's
 * results). Facts that only add up go straight to the rollups; distinct people are decided against the cockpit's own
 * record of what it has counted. Payloads carry the ids and where things happened; members' kinds and schools, where
 * a school sits and a perk's category come from their domains' services when the cockpit has not seen them yet.
 */
@Injectable()
export class RollupUpdater {
  private readonly logger = new Logger(RollupUpdater.name);

  constructor(
    private readonly mirror: MirrorRepository,
    private readonly rollups: RollupsRepository,
    private readonly members: MembersService,
    private readonly organisations: OrganisationsService,
    private readonly perks: PerksService,
  ) {}

  async handle(events: EventEnvelope[], manager: EntityManager): Promise<BatchOutcome> {
    await this.mirror.lock(manager);
    const skipped = await this.mirror.takeRebuilt(
      manager,
      events.map((event) => event.id),
    );
    const todo = events.filter((event) => !skipped.has(event.id));
    const facts = new FactList();
    if (todo.length === 0) return { scopes: new Set() };

    // Everything the batch needs is read (and the ratings written) once for the whole batch; the events are then
    // played in their order against that state in memory, exactly as if handled one by one, and the state they
    // leave is written once per kind of change.
    const places = await placeMembers(manager, todo, this.mirror, this.members);
    const member = (id: string): MemberPlace =>
      places.get(id) ?? { memberId: id, memberKind: 'unknown', schoolId: null };
    const innovations = await this.mirror.innovations(manager, [
      ...new Set(todo.filter((e) => INNOVATION_CHANGES.has(e.type)).map((e) => idOf(innovationOf(e)))),
    ]);
    const innovationsChanged = new Set<string>();
    const ratingsBefore = await writeRatings(manager, todo, this.mirror);
    const perkCategories = await this.perks.categories(
      manager,
      todo
        .filter((e) => e.type === MarketplaceEvents.redemptionFulfilled.type)
        .map((e) => (e as EnvelopeOf<typeof MarketplaceEvents.redemptionFulfilled>).payload.perkId),
    );
    const activities: { memberId: string; day: string }[] = [];
    const adoptions: { memberId: string; day: string }[] = [];
    const alMembers = new Set<string>();
    const rated = new Set<string>();
    const planAttendees: { planId: string; memberId: string; memberKind: string }[] = [];
    const trainings: { memberId: string; day: string }[] = [];

    for (const event of todo) {
      const day = dayOf(event);
      switch (event.type) {
        case IdentityEvents.memberRegistered.type: {
          const p = (event as EnvelopeOf<typeof IdentityEvents.memberRegistered>).payload;
          facts.addWithKeys(day, p.schoolId, 'members_registered', 1, { memberKind: [p.memberKind] });
          break;
        }
        case InnovationEvents.published.type: {
          const p = (event as Published).payload;
          const id = idOf(p.innovationId);
          if (innovations.has(id)) break; // recorded already: a first publication counts once
          const state: InnovationState = {
            innovationId: p.innovationId,
            authorId: p.authorId,
            schoolId: p.schoolId,
            status: 'published',
            publishedOn: day,
            learningAreas: p.learningAreas,
            competencies: p.competencies,
            techniques: p.techniques ?? [],
          };
          innovations.set(id, state);
          innovationsChanged.add(id);
          this.countInnovation(facts, state, 1);
          activities.push({ memberId: p.authorId, day });
          alMembers.add(p.authorId);
          // Ratings handled before the publication (batches may commit out of order) are its evidence too.
          rated.add(p.innovationId);
          break;
        }
        case InnovationEvents.updated.type: {
          const p = (event as EnvelopeOf<typeof InnovationEvents.updated>).payload;
          const id = idOf(p.innovationId);
          const state = innovations.get(id);
          if (!state) break;
          const next = {
            ...state,
            learningAreas: p.learningAreas,
            competencies: p.competencies,
            techniques: p.techniques ?? state.techniques,
          };
          if (state.status === 'published') {
            this.countInnovation(facts, state, -1, true);
            this.countInnovation(facts, next, 1, true);
          }
          innovations.set(id, next);
          innovationsChanged.add(id);
          break;
        }
        case InnovationEvents.hidden.type:
        case InnovationEvents.removed.type:
        case InnovationEvents.restored.type: {
          const p = (event as EnvelopeOf<typeof InnovationEvents.hidden>).payload;
          const id = idOf(p.innovationId);
          const state = innovations.get(id);
          if (!state) break;
          const status =
            event.type === InnovationEvents.restored.type ? 'published' : event.type.split('.')[1];
          if (status === state.status) break;
          if (state.status === 'published') this.countInnovation(facts, state, -1);
          if (status === 'published') this.countInnovation(facts, state, 1);
          innovations.set(id, { ...state, status: status as InnovationState['status'] });
          innovationsChanged.add(id);
          alMembers.add(state.authorId);
          break;
        }
        case InnovationEvents.ratingSubmitted.type: {
          const p = (event as Rated).payload;
          const before = ratingsBefore.get(event.id)!;
          if (before === null) {
            facts.add(day, p.schoolId, 'ratings', 1);
            facts.add(day, p.schoolId, 'rating_sum', p.overall);
            activities.push({ memberId: p.actorId, day });
          } else {
            facts.add(before.ratedOn, p.schoolId, 'rating_sum', p.overall - before.overall);
          }
          rated.add(p.innovationId);
          alMembers.add(p.authorId);
          break;
        }
        case InnovationEvents.commentCreated.type: {
          const p = (event as EnvelopeOf<typeof InnovationEvents.commentCreated>).payload;
          facts.add(day, p.schoolId, 'comments', 1);
          activities.push({ memberId: p.actorId, day });
          break;
        }
        case InnovationEvents.adoptionReported.type: {
          const p = (event as EnvelopeOf<typeof InnovationEvents.adoptionReported>).payload;
          facts.add(day, p.reporterSchoolId, 'adoptions', 1);
          activities.push({ memberId: p.actorId, day });
          adoptions.push({ memberId: p.actorId, day });
          alMembers.add(p.actorId);
          break;
        }
        case InnovationEvents.endorsed.type: {
          const p = (event as EnvelopeOf<typeof InnovationEvents.endorsed>).payload;
          facts.addWithKeys(day, p.schoolId, 'endorsements', 1, { partner: [p.partnerId] });
          break;
        }
        case LedgerEvents.pointsChanged.type:
        case LedgerEvents.pointsAdjusted.type: {
          const p = (event as EnvelopeOf<typeof LedgerEvents.pointsAdjusted>).payload;
          facts.add(day, member(p.memberId).schoolId, 'points_issued', p.amount);
          break;
        }
        case MarketplaceEvents.redemptionFulfilled.type: {
          const p = (event as EnvelopeOf<typeof MarketplaceEvents.redemptionFulfilled>).payload;
          const category = perkCategories.get(p.perkId);
          const keys = { partner: [p.partnerId], perkCategory: category ? [category] : [] };
          const schoolId = member(p.memberId).schoolId;
          facts.addWithKeys(day, schoolId, 'redemptions', 1, keys);
          facts.addWithKeys(day, schoolId, 'points_redeemed', p.cost, keys);
          break;
        }
        case ActivityEvents.sessionAttended.type: {
          // Attendance of an event of an area activity plan counts in the plan's actual participants by role.
          const p = (event as EnvelopeOf<typeof ActivityEvents.sessionAttended>).payload;
          if (p.activityPlanId)
            planAttendees.push({
              planId: p.activityPlanId,
              memberId: p.memberId,
              memberKind: member(p.memberId).memberKind,
            });
          break;
        }
        case ActivityEvents.eventCompleted.type: {
          // A completed Active Learning training is indicator 18's evidence (c).
          const p = (event as EnvelopeOf<typeof ActivityEvents.eventCompleted>).payload;
          if (TRAINING_KINDS.includes(p.kind)) {
            // The day of the recorded completion, as the rebuild counts it (the outbox's time may fall a day later).
            const completedOn = p.completedAt ? bangkokDay(new Date(p.completedAt)) : day;
            trainings.push({ memberId: p.memberId, day: completedOn });
            alMembers.add(p.memberId);
          }
          break;
        }
        default:
          this.logger.warn({ type: event.type }, 'the cockpit received an event it does not count');
      }
    }

    await this.mirror.putInnovations(
      manager,
      [...innovationsChanged].map((id) => innovations.get(id)!),
    );
    await this.mirror.noteAdoptions(manager, adoptions);
    await this.mirror.notePlanAttendees(manager, planAttendees);
    await this.mirror.noteTrainings(manager, trainings);
    await this.mirror.recomputeEvidence(manager, [...rated]);
    await this.countActivity(manager, facts, activities, member);
    for (const change of await this.mirror.recomputeAlCapable(
      manager,
      [...alMembers],
      EDUCATION_STAFF_KINDS,
    )) {
      const who = member(change.memberId);
      const kinds = { memberKind: [who.memberKind] };
      if (change.before) facts.addWithKeys(change.before, who.schoolId, 'al_capable_teachers', -1, kinds);
      if (change.after) facts.addWithKeys(change.after, who.schoolId, 'al_capable_teachers', 1, kinds);
    }

    const list = facts.list();
    await placeSchools(
      manager,
      list.map((fact) => fact.schoolId),
      this.mirror,
      this.organisations,
    );
    await this.rollups.apply(manager, list);
    await this.rollups.touch(manager);
    return { scopes: await this.scopesOf(manager, list) };
  }

  /** One innovation, counted (+1) or taken back (−1) on its publication day, in total and by its dimensions. */
  private countInnovation(facts: FactList, state: InnovationState, value: number, dimsOnly = false): void {
    const dims = {
      learningArea: state.learningAreas,
      competency: state.competencies,
      technique: state.techniques,
    };
    if (!dimsOnly) facts.add(state.publishedOn, state.schoolId, 'innovations_published', value);
    for (const [dim, keys] of Object.entries(dims))
      for (const key of new Set(keys))
        facts.add(state.publishedOn, state.schoolId, 'innovations_published', value, dim, key);
  }

  /**
   * Active members: each new activity day of a member covers the window ends it newly makes them count for, written
   * as changes of the count (+1 where a run of newly covered days starts, −1 the day after it ends). A school whose
   * count of active members was zero on a day it now covers gains a school with an active member on that day, written
   * the same way.
   */
  private async countActivity(
    manager: EntityManager,
    facts: FactList,
    activities: { memberId: string; day: string }[],
    member: (id: string) => MemberPlace,
  ): Promise<void> {
    const added = await this.mirror.addActivityDays(manager, activities);
    if (added.length === 0) return;
    const byMember = new Map<string, string[]>();
    for (const { memberId, day } of added) byMember.set(memberId, [...(byMember.get(memberId) ?? []), day]);
    const sorted = added.map((a) => a.day).sort();
    const known = await this.mirror.activityDays(
      manager,
      [...byMember.keys()],
      addDays(sorted[0]!, -30),
      addDays(sorted[sorted.length - 1]!, 30),
    );
    const schoolDays = new Map<string, Set<string>>();
    for (const [memberId, days] of byMember) {
      const existing = (known.get(memberId) ?? []).filter((day) => !days.includes(day));
      const who = member(memberId);
      for (const window of ACTIVITY_WINDOWS) {
        const ends = newlyCoveredEnds(existing, days, window.days);
        for (const { day, delta } of changesOf(ends))
          facts.addWithKeys(day, who.schoolId, window.metric, delta, { memberKind: [who.memberKind] });
        if (window.metric === 'members_active_30d' && who.schoolId) {
          const covered = schoolDays.get(who.schoolId) ?? new Set<string>();
          for (const end of ends) covered.add(end);
          schoolDays.set(who.schoolId, covered);
        }
      }
    }
    const activeBefore = await this.rollups.schoolsActiveOn(manager, schoolDays);
    for (const [schoolId, days] of schoolDays) {
      const before = activeBefore.get(schoolId);
      const gained = [...days].filter((day) => !before?.has(day));
      for (const { day, delta } of changesOf(gained)) facts.add(day, schoolId, 'schools_active_30d', delta);
    }
  }

  /** The scopes (as the API writes them) whose numbers the facts moved: the nation, and each school and its area. */
  private async scopesOf(manager: EntityManager, facts: { schoolId: string | null }[]): Promise<Set<string>> {
    const scopes = new Set<string>(facts.length ? ['national'] : []);
    const schoolIds = [...new Set(facts.map((f) => f.schoolId).filter((id): id is string => id !== null))];
    if (schoolIds.length === 0) return scopes;
    const rows: { school_id: string; area_id: string | null }[] = await manager.query(
      `SELECT school_id, area_id FROM cockpit_school WHERE school_id = ANY($1::uuid[])`,
      [schoolIds],
    );
    for (const row of rows) {
      scopes.add(`school:${row.school_id}`);
      if (row.area_id) scopes.add(`area:${row.area_id}`);
    }
    return scopes;
  }
}
