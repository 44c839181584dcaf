import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Actor } from '@lc/identity';
import { OutboxService } from '@lc/messaging';
import { RecognitionEvents } from '../recognition.events';

export type PortfolioVisibility = 'public' | 'members' | 'private';

export interface Privacy {
  /** Shown on leaderboards (false: on none of them). */
  leaderboards: boolean;
  /** Who may open the member's portfolio: everyone, signed-in members, or only the member. */
  portfolio: PortfolioVisibility;
}

/** Until a member chooses: on the boards, and the portfolio visible to signed-in members. */
export const DEFAULT_PRIVACY: Privacy = { leaderboards: true, portfolio: 'members' };

/**
 * What members choose to show of their recognition. A change is an event, so that the leaderboards take a member
 * off (or back on) every board at once.
 */
@Injectable()
export class PrivacyService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
  ) {}

  async get(memberId: string, manager: EntityManager = this.dataSource.manager): Promise<Privacy> {
    const rows: Privacy[] = await manager.query(
      `SELECT leaderboards, portfolio FROM member_privacy WHERE member_id = $1`,
      [memberId],
    );
    return rows[0] ?? { ...DEFAULT_PRIVACY };
  }

  /** The members among these who left the leaderboards. */
  async optedOut(manager: EntityManager, memberIds: string[]): Promise<Set<string>> {
    if (memberIds.length === 0) return new Set();
    const rows: { member_id: string }[] = await manager.query(
      `SELECT member_id FROM member_privacy WHERE member_id = ANY($1::uuid[]) AND NOT leaderboards`,
      [memberIds],
    );
    return new Set(rows.map((row) => row.member_id));
  }

  async update(actor: Actor, changes: Partial<Privacy>): Promise<Privacy> {
    return this.dataSource.transaction(async (manager) => {
      const before = await this.get(actor.memberId, manager);
      const after: Privacy = {
        leaderboards: changes.leaderboards ?? before.leaderboards,
        portfolio: changes.portfolio ?? before.portfolio,
      };
      await manager.query(
        `INSERT INTO member_privacy (member_id, leaderboards, portfolio) VALUES ($1, $2, $3)
         ON CONFLICT (member_id) DO UPDATE SET leaderboards = EXCLUDED.leaderboards, portfolio = EXCLUDED.portfolio,
           updated_at = now()`,
        [actor.memberId, after.leaderboards, after.portfolio],
      );
      if (after.leaderboards !== before.leaderboards)
        await this.outbox.append(manager, RecognitionEvents.privacyChanged, {
          memberId: actor.memberId,
          leaderboards: after.leaderboards,
        });
      return after;
    });
  }
}
