import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** The community's public numbers, as the landing page shows them to a visitor. */
export interface CommunityStats {
  /** Active members (not disabled, not erased). */
  members: number;
  /** Published innovations. */
  innovations: number;
  /** Ratings given to published innovations. */
  ratings: number;
  /** Comments (not deleted) on published innovations. */
  comments: number;
  /** Adoptions (used in a classroom) of published innovations. */
  adoptions: number;
  /** Points members have earned in all (awards and adjustments, less reversals). */
  pointsIssued: number;
}

/** How long one answer is served before the database is asked again. */
export const COMMUNITY_STATS_TTL_MS = 30_000;

interface StatsRow {
  members: string;
  innovations: string;
  ratings: string | null;
  comments: string | null;
  adoptions: string | null;
  pointsIssued: string | null;
}

/**
 * Counts for the public landing page. The innovation numbers come from the counters the feedback service keeps on
 * each innovation (what the cards show), the points from the members' lifetime-earned totals. One answer is kept in
 * memory for COMMUNITY_STATS_TTL_MS, and concurrent callers share one query, so a national forum day where
 * thousands open the landing page at once costs the database one query every 30 seconds per API instance.
 */
@Injectable()
export class CommunityStatsService {
  private cached: { value: CommunityStats; expiresAt: number } | null = null;
  private loading: Promise<CommunityStats> | null = null;

  constructor(private readonly dataSource: DataSource) {}

  async stats(): Promise<CommunityStats> {
    if (this.cached && this.cached.expiresAt > Date.now()) return this.cached.value;
    this.loading ??= this.load()
      .then((value) => {
        this.cached = { value, expiresAt: Date.now() + COMMUNITY_STATS_TTL_MS };
        return value;
      })
      .finally(() => {
        this.loading = null;
      });
    return this.loading;
  }

  private async load(): Promise<CommunityStats> {
    const rows: StatsRow[] = await this.dataSource.query(
      `SELECT (SELECT count(*) FROM member WHERE status = 'active') AS members,
              i.innovations, i.ratings, i.comments, i.adoptions,
              (SELECT sum(lifetime_earned) FROM ledger_account WHERE kind = 'member') AS "pointsIssued"
       FROM (SELECT count(*) AS innovations, sum(rating_count) AS ratings, sum(comment_count) AS comments,
                    sum(adoption_count) AS adoptions
             FROM innovation WHERE status = 'published') i`,
    );
    const row = rows[0];
    const count = (value: string | null | undefined) => Number(value ?? 0);
    return {
      members: count(row?.members),
      innovations: count(row?.innovations),
      ratings: count(row?.ratings),
      comments: count(row?.comments),
      adoptions: count(row?.adoptions),
      pointsIssued: count(row?.pointsIssued),
    };
  }
}
