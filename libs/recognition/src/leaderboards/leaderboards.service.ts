import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError, loadTaxonomy, taxonomyCodes } from '@lc/core';
import type { Actor } from '@lc/identity';
import { LeaderboardErrors } from './leaderboard-errors';
import { currentPeriods, PeriodCode, PERIODS, periodOf } from './leaderboard-periods';
import { Board, BOARDS, LeaderboardsRepository, MemberCard, RankedMember } from './leaderboards.repository';
import { LeaderboardsStore, MemberValues, Standing } from './leaderboards.store';

export interface LeaderboardQuery {
  scope?: string;
  board?: string;
  period?: string;
  learningArea?: string;
  competency?: string;
  limit?: number | string;
}

export interface LeaderboardEntry {
  rank: number;
  member: MemberCard;
  value: number;
}

export interface Leaderboard {
  board: Board;
  period: { code: PeriodCode; from: string | null; to: string | null };
  scope: string;
  items: LeaderboardEntry[];
  /** The reader's own place, also when outside the top; null when they are not on this board. */
  me: { rank: number; value: number } | null;
  /** The places just above and below the reader's (theirs included); empty when `me` is null. */
  around: LeaderboardEntry[];
}

export interface RebuildOutcome {
  members: number;
  placements: number;
  ms: number;
}

const DEFAULT_LIMIT = 20;
const AROUND = 2;
/**
 * Members per rebuild step: small enough that PostgreSQL reads their transfers through the indexes (at 1,000 it scans
 * the whole ledger instead, 10× slower at 5 M transfers) and that the subscriber's batches wait well under a second.
 */
const REBUILD_PAGE = 500;
/** The advisory lock under which the subscriber's batches and the rebuild's pages take turns. */
export const LEADERBOARDS_LOCK = 0x6c62726b; // 'lbrk'
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Quality is a mean of 1–5 ratings: shown with two decimals. Points and adoptions are whole numbers. */
const shown = (board: Board, value: number) => (board === 'quality' ? Math.round(value * 100) / 100 : value);

/**
 * The leaderboards (docs/RECOGNITION.md, "Leaderboards"): points earned, adoptions received and quality, per ISO
 * week, month, school term, fiscal year and all time, nationally, per area and per school, optionally for one
 * learning area or competency. Reads come from Redis sorted sets; every write puts members at the absolute values
 * PostgreSQL gives, so the sets can always be rebuilt from the database.
 */
@Injectable()
export class LeaderboardsService {
  private readonly logger = new Logger(LeaderboardsService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: LeaderboardsRepository,
    private readonly store: LeaderboardsStore,
  ) {}

  /** One board, with the reader's own place (and the places around it) when they are signed in and ranked. */
  async read(actor: Actor | null, query: LeaderboardQuery, now = new Date()): Promise<Leaderboard> {
    const board = (query.board ?? 'points') as Board;
    if (!BOARDS.includes(board)) throw new DomainError(LeaderboardErrors.LEADERBOARD_BOARD_INVALID);
    const code = (query.period ?? 'week') as PeriodCode;
    if (!PERIODS.includes(code)) throw new DomainError(LeaderboardErrors.LEADERBOARD_PERIOD_INVALID);
    const filter = this.filterOf(query);
    const limit = query.limit === undefined || query.limit === '' ? DEFAULT_LIMIT : Number(query.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100)
      throw new DomainError(LeaderboardErrors.LEADERBOARD_LIMIT_INVALID);
    const scope = await this.scopeOf(query.scope ?? 'national');
    const period = periodOf(code, now);

    // National boards and areas' unfiltered boards are sorted sets; a school's board, and an area's for one
    // learning area or competency, are ranked from the value documents of its members (a few hundred at most).
    const memberId = actor?.memberId ?? null;
    const standing =
      scope.key === 'n' || (scope.key.startsWith('a:') && filter === '')
        ? await this.store.read(this.store.key(board, period.id, scope.key, filter), limit, memberId, AROUND)
        : await this.store.readAmong(
            await this.repository.rankableIn(this.dataSource.manager, scope.key),
            period.id,
            `${board}|${filter}`,
            limit,
            memberId,
            AROUND,
          );
    const ids = [...new Set([...standing.top, ...standing.around].map((s) => s.memberId))];
    const cards = await this.repository.cards(this.dataSource.manager, ids);
    const entries = (list: Standing[]) =>
      list.flatMap((s) => {
        const member = cards.get(s.memberId);
        return member ? [{ rank: s.rank, member, value: shown(board, s.value) }] : [];
      });
    return {
      board,
      period: { code, from: period.from?.toISOString() ?? null, to: period.to?.toISOString() ?? null },
      scope: scope.name,
      items: entries(standing.top),
      me: standing.me ? { rank: standing.me.rank, value: shown(board, standing.me.value) } : null,
      around: entries(standing.around),
    };
  }

  /**
   * Puts these members where PostgreSQL says on every current board (off all of them when they are not ranked).
   * Called by the subscriber inside its transaction, so a Redis failure fails the job and it is retried.
   */
  async refresh(manager: EntityManager, memberIds: string[], now = new Date()): Promise<number> {
    if (memberIds.length === 0) return 0;
    // Batches and rebuild pages take turns (across worker replicas too): each reads PostgreSQL and writes Redis
    // while holding the lock, so an older reading can never overwrite a newer one.
    await manager.query(`SELECT pg_advisory_xact_lock($1)`, [LEADERBOARDS_LOCK]);
    const periods = currentPeriods(now);
    const expiry = new Map(periods.map((p) => [p.id, p.expiresAt]));
    const ranked = await this.repository.ranked(manager, memberIds);
    const where = new Map<string, RankedMember>(ranked.map((m) => [m.memberId, m]));
    const values = await this.repository.values(manager, [...where.keys()], periods);
    const placements = new Map<string, MemberValues>(
      memberIds.map((id) => [
        id,
        {
          areaId: where.get(id)?.areaId ?? null,
          // Unranked members get no values in any period: the store takes them off every board.
          periods: periods.map((p) => ({ id: p.id, expiresAt: expiry.get(p.id) ?? null, values: {} })),
        },
      ]),
    );
    const index = new Map(periods.map((p, i) => [p.id, i]));
    let count = 0;
    for (const v of values) {
      placements.get(v.memberId)!.periods[index.get(v.periodId)!]!.values[`${v.board}|${v.filter}`] = v.value;
      count++;
    }
    await this.store.place(placements);
    return count;
  }

  /**
   * Recomputes every board from PostgreSQL, member by member in id order: each member is placed exactly (or taken
   * off), so boards that drifted (a missed event, a school change, Redis lost) are right again afterwards.
   */
  async rebuild(now = new Date()): Promise<RebuildOutcome> {
    const started = performance.now();
    let after: string | null = null;
    let members = 0;
    let placements = 0;
    for (;;) {
      const page = await this.repository.memberPage(this.dataSource.manager, after, REBUILD_PAGE);
      if (page.length === 0) break;
      placements += await this.dataSource.transaction((manager) => this.refresh(manager, page, now));
      members += page.length;
      after = page[page.length - 1]!;
    }
    const outcome = { members, placements, ms: Math.round(performance.now() - started) };
    this.logger.log(outcome, 'leaderboards rebuilt');
    return outcome;
  }

  /** Every key of the boards, gone (the rebuild brings them back). */
  flush(): Promise<number> {
    return this.store.flush();
  }

  private filterOf(query: LeaderboardQuery): string {
    const learningArea = query.learningArea || undefined;
    const competency = query.competency || undefined;
    if (learningArea && competency) throw new DomainError(LeaderboardErrors.LEADERBOARD_FILTERS_COMBINED);
    if (learningArea) {
      if (!taxonomyCodes('learningAreas').includes(learningArea))
        throw new DomainError(LeaderboardErrors.LEADERBOARD_LEARNING_AREA_INVALID);
      return `la:${learningArea}`;
    }
    if (competency) {
      const known = loadTaxonomy().competencyFrameworks.flatMap((f) => f.competencies.map((c) => c.code));
      if (!known.includes(competency))
        throw new DomainError(LeaderboardErrors.LEADERBOARD_COMPETENCY_INVALID);
      return `cp:${competency}`;
    }
    return '';
  }

  private async scopeOf(scope: string): Promise<{ key: string; name: string }> {
    if (scope === 'national') return { key: 'n', name: scope };
    const [kind, id, ...rest] = scope.split(':');
    if (rest.length || !id || !UUID.test(id) || (kind !== 'area' && kind !== 'school'))
      throw new DomainError(LeaderboardErrors.LEADERBOARD_SCOPE_INVALID);
    const normalised = id.toLowerCase();
    const manager = this.dataSource.manager;
    if (kind === 'area') {
      if (!(await this.repository.areaExists(manager, normalised)))
        throw new DomainError(LeaderboardErrors.LEADERBOARD_AREA_NOT_FOUND);
      return { key: `a:${normalised}`, name: `area:${normalised}` };
    }
    if (!(await this.repository.schoolExists(manager, normalised)))
      throw new DomainError(LeaderboardErrors.LEADERBOARD_SCHOOL_NOT_FOUND);
    return { key: `s:${normalised}`, name: `school:${normalised}` };
  }
}
