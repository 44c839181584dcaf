import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CockpitLive } from './cockpit-live';
import { CockpitRebuildRepository, RollupCorrections, Step } from './cockpit-rebuild.repository';
import { CockpitSubscription } from './cockpit.subscriber';
import { COCKPIT_LOCK } from './mirror.repository';
import { today } from './periods';
import { recentWindow, rollRecent } from './recent';

export interface RebuildOutcome {
  /** Events already in the sources that the subscriber will skip when they arrive. */
  pendingEvents: number;
  dailyRows: number;
  monthlyRows: number;
  /** Rows the rebuild had to change per table: none when the subscriber kept the rollups exact. */
  corrected: RollupCorrections;
  ms: number;
  /**
   * Seconds per step (schools, mirrors, facts, area facts, daily, monthly, yearly, total, the last 30 days), for
   * operators and the benchmark.
   */
  steps: Record<string, number>;
}

/**
 * Recomputes every rollup exactly from the source tables (cockpit-rebuild.repository.ts) and replaces them in one
 * transaction. It holds the cockpit's lock, so the subscriber waits meanwhile; it reads one REPEATABLE READ snapshot
 * taken after the lock, and marks the events that snapshot already contains but the subscriber has not handled, so
 * each change is counted once: by the rebuild or by the subscriber, never both.
 */
@Injectable()
export class CockpitRebuildService {
  private readonly logger = new Logger(CockpitRebuildService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly rebuild: CockpitRebuildRepository,
    private readonly live: CockpitLive,
  ) {}

  /** `onStep` hears of each step as it ends (a rebuild at national scale takes the better part of an hour). */
  async run(onStep?: (name: string, seconds: number) => void): Promise<RebuildOutcome> {
    const started = Date.now();
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.query(`SELECT pg_advisory_lock($1)`, [COCKPIT_LOCK]);
      try {
        await runner.startTransaction('REPEATABLE READ');
        try {
          const manager = runner.manager;
          await manager.query(`SET LOCAL statement_timeout = 0`);
          // Tens of millions of facts are grouped and compared: in memory rather than in temporary files.
          await manager.query(`SET LOCAL work_mem = '256MB'`);
          const steps: Record<string, number> = {};
          const step: Step = async (name, work) => {
            const from = Date.now();
            const result = await work();
            steps[name] = (Date.now() - from) / 1000;
            onStep?.(name, steps[name]);
            return result;
          };
          await step('schools', () => this.rebuild.refreshSchools(manager));
          await step('mirrors', () => this.rebuild.rebuildMirrors(manager));
          const pendingEvents = await this.rebuild.markPendingEvents(
            manager,
            CockpitSubscription.events.map((event) => event.type),
          );
          await step('facts', () => this.rebuild.collectFacts(manager));
          const corrected = await this.rebuild.replaceRollups(manager, step);
          await step('recent', () => rollRecent(manager, today()));
          const [counts] = await manager.query<{ daily: string; monthly: string }[]>(
            `SELECT (SELECT count(*) FROM cockpit_daily) AS daily, (SELECT count(*) FROM cockpit_monthly) AS monthly`,
          );
          await runner.commitTransaction();
          const outcome = {
            pendingEvents,
            dailyRows: Number(counts!.daily),
            monthlyRows: Number(counts!.monthly),
            corrected,
            ms: Date.now() - started,
            steps,
          };
          this.logger.log(outcome, 'cockpit rollups rebuilt from the sources');
          this.live.changed(['national']);
          return outcome;
        } catch (error) {
          await runner.rollbackTransaction();
          throw error;
        }
      } finally {
        await runner.query(`SELECT pg_advisory_unlock($1)`, [COCKPIT_LOCK]);
      }
    } finally {
      await runner.release();
    }
  }

  /**
   * Moves the schools' last 30 days (recent.ts) to end today, when the day has changed since it last moved: a few
   * seconds at national scale, under the cockpit's lock. Returns whether it moved.
   */
  async rollRecent(): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock($1)`, [COCKPIT_LOCK]);
      const day = today();
      if ((await recentWindow((sql) => manager.query(sql)))?.to === day) return false;
      await manager.query(`SET LOCAL statement_timeout = 0`);
      await rollRecent(manager, day);
      return true;
    });
  }

  /** Where schools sit and their names, from identity's schools (cheap; between rebuilds). */
  async refreshSchools(): Promise<void> {
    await this.dataSource.transaction((manager) => this.rebuild.refreshSchools(manager));
  }
}
