import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Clock, DomainError } from '@lc/core';
import { updateReturning } from '@lc/database';
import { Actor } from '@lc/identity';
import { OutboxService } from '@lc/messaging';
import { ActivitiesErrors } from '../activities-errors';
import { ActivityEvents } from '../activities.events';
import { EventRow, EventsRepository } from '../events/events.repository';

export interface RegistrationOutcome {
  status: 'registered' | 'waitlisted';
  /** The place on the waitlist (1 = next to get a seat). */
  position?: number;
}

/**
 * Registrations and the waitlist. Every decision holds the event's row (SELECT … FOR UPDATE), so concurrent
 * registrations are decided one after the other, in the order they reach the row: the first `capacity` get a seat,
 * the rest queue in that order. The seats CHECK on the event (kept by a trigger from the registrations) refuses an
 * overbooking even if code went wrong.
 */
@Injectable()
export class RegistrationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly events: EventsRepository,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {}

  async register(actor: Actor, eventId: string): Promise<RegistrationOutcome & { created: boolean }> {
    return this.dataSource.transaction(async (manager) => {
      const event = await this.events.find(manager, eventId, true);
      if (!event) throw new DomainError(ActivitiesErrors.EVENT_NOT_FOUND);
      const existing = await this.events.registration(manager, eventId, actor.memberId);
      if (existing && existing.status !== 'cancelled') {
        // Sent twice (a double tap, a retry): the registration as it stands.
        return { ...(await this.outcome(manager, eventId, existing.status, existing.seq)), created: false };
      }
      this.assertOpen(event);
      const seat = event.capacity === null || event.registeredCount < event.capacity;
      if (!seat && !event.waitlist) throw new DomainError(ActivitiesErrors.EVENT_FULL);
      const status = seat ? 'registered' : 'waitlisted';
      const [row] = await manager.query<{ seq: string }[]>(
        `INSERT INTO activity_registration (event_id, member_id, status, created_at)
         VALUES ($1, $2, $3, $4)
         ON CONFLICT (event_id, member_id) DO UPDATE
           SET status = EXCLUDED.status, seq = nextval('activity_registration_seq'), created_at = EXCLUDED.created_at,
               cancelled_at = NULL, promoted_at = NULL
         RETURNING seq::text AS seq`,
        [eventId, actor.memberId, status, this.clock.now()],
      );
      return { ...(await this.outcome(manager, eventId, status, row!.seq)), created: true };
    });
  }

  /** Gives up a seat or a place on the waitlist; a freed seat goes to the first waitlisted member, who is told. */
  async cancel(actor: Actor, eventId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const event = await this.events.find(manager, eventId, true);
      if (!event) throw new DomainError(ActivitiesErrors.EVENT_NOT_FOUND);
      const existing = await this.events.registration(manager, eventId, actor.memberId);
      if (!existing || existing.status === 'cancelled')
        throw new DomainError(ActivitiesErrors.EVENT_NOT_REGISTERED);
      if (event.endsAt <= this.clock.now()) throw new DomainError(ActivitiesErrors.EVENT_ENDED);
      await manager.query(
        `UPDATE activity_registration SET status = 'cancelled', cancelled_at = $3
         WHERE event_id = $1 AND member_id = $2`,
        [eventId, actor.memberId, this.clock.now()],
      );
      if (existing.status === 'registered' && event.status === 'scheduled')
        await this.promoteNext(manager, event);
    });
  }

  /** The first waitlisted member takes a free seat (the event's row is held by the caller). */
  private async promoteNext(manager: EntityManager, event: EventRow): Promise<void> {
    const promoted = await updateReturning<{ member_id: string }>(
      manager,
      `UPDATE activity_registration SET status = 'registered', promoted_at = $2
       WHERE (event_id, member_id) = (
         SELECT event_id, member_id FROM activity_registration
         WHERE event_id = $1 AND status = 'waitlisted' ORDER BY seq LIMIT 1)
       RETURNING member_id`,
      [event.id, this.clock.now()],
    );
    for (const row of promoted)
      await this.outbox.append(manager, ActivityEvents.registrationPromoted, {
        eventId: event.id,
        memberId: row.member_id,
        title: event.title,
      });
  }

  private assertOpen(event: EventRow): void {
    const now = this.clock.now();
    if (event.status === 'cancelled') throw new DomainError(ActivitiesErrors.EVENT_CANCELLED);
    if (event.endsAt <= now) throw new DomainError(ActivitiesErrors.EVENT_ENDED);
    if (now < event.registrationOpensAt || now >= event.registrationClosesAt)
      throw new DomainError(ActivitiesErrors.EVENT_REGISTRATION_CLOSED);
  }

  private async outcome(
    manager: EntityManager,
    eventId: string,
    status: 'registered' | 'waitlisted',
    seq: string,
  ): Promise<RegistrationOutcome> {
    if (status === 'registered') return { status };
    return { status, position: await this.events.waitlistPosition(manager, eventId, seq) };
  }
}
