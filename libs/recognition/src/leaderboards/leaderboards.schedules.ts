import { Injectable } from '@nestjs/common';
import { Schedule } from '@lc/messaging';
import { LeaderboardsService } from './leaderboards.service';

/** Once a day every board is recomputed from PostgreSQL. */
export const LEADERBOARDS_REBUILD_EVERY_MS = 24 * 60 * 60 * 1000;

/** The leaderboards' periodic work, run by the worker's scheduler once per tick across replicas. */
@Injectable()
export class LeaderboardsSchedules {
  constructor(private readonly leaderboards: LeaderboardsService) {}

  /**
   * Reconciliation: what events cannot move exactly (a member's new school, an innovation's new learning areas for
   * the points others earned from it) and anything Redis lost is right again after it.
   */
  @Schedule({
    name: 'recognition.leaderboards-rebuild',
    every: LEADERBOARDS_REBUILD_EVERY_MS,
    failureMessage: 'leaderboards rebuild failed',
  })
  async rebuildBoards(): Promise<void> {
    await this.leaderboards.rebuild();
  }
}
