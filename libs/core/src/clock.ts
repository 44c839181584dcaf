import { Injectable } from '@nestjs/common';

/**
 * The one source of "now" for domain rules that depend on time (registration windows, check-in windows, when an
 * event's completions and certificates are due), so tests can move time instead of sleeping. Always UTC. One per
 * process (provided by the global ConfigModule); the rules pass its time to SQL rather than using the database's.
 */
@Injectable()
export class Clock {
  private offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  /** Moves this process's "now" forward (or back) by `ms`: for tests only; the app never calls it. */
  travel(ms: number): void {
    this.offsetMs += ms;
  }
}
