import { Injectable } from '@nestjs/common';
import { Schedule } from '@lc/messaging';
import { CockpitRebuildService } from './cockpit-rebuild.service';

/** Once a day the rollups are rebuilt exactly from the sources. */
export const COCKPIT_REBUILD_EVERY_MS = 24 * 60 * 60 * 1000;
/** How often the schools' last 30 days are checked for a new day to move to (it moves once a day). */
export const COCKPIT_RECENT_EVERY_MS = 5 * 60 * 1000;
/** Schools imported by OBEC join the share's denominator within this long. */
export const COCKPIT_SCHOOLS_EVERY_MS = 10 * 60 * 1000;

/** The cockpit's periodic work, run by the worker's scheduler once per tick across replicas. */
@Injectable()
export class CockpitSchedules {
  constructor(private readonly rebuild: CockpitRebuildService) {}

  /** Replaces every rollup by its recomputation from the source tables (reconciliation; see docs/COCKPIT.md). */
  @Schedule({
    name: 'cockpit.rebuild',
    every: COCKPIT_REBUILD_EVERY_MS,
    failureMessage: 'cockpit rebuild failed',
  })
  async rebuildRollups(): Promise<void> {
    await this.rebuild.run();
  }

  /** The schools' last 30 days move to end today soon after midnight in Bangkok (recent.ts). */
  @Schedule({
    name: 'cockpit.recent',
    every: COCKPIT_RECENT_EVERY_MS,
    runAtStart: { afterMs: 5000 },
    failureMessage: 'cockpit recent window roll failed',
  })
  async rollRecent(): Promise<void> {
    await this.rebuild.rollRecent();
  }

  /** Where schools sit and their names, for schools imported since (they count in the share of schools). */
  @Schedule({
    name: 'cockpit.school-directory',
    every: COCKPIT_SCHOOLS_EVERY_MS,
    runAtStart: { afterMs: 5000 },
    failureMessage: 'cockpit school directory refresh failed',
  })
  async refreshSchools(): Promise<void> {
    await this.rebuild.refreshSchools();
  }
}
