import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Batcher } from '@lc/core';
import { Actor, RoleScope } from '../actor';
import { ActorRow, SessionsRepository } from '../sessions/sessions.repository';

interface ActorQuery {
  memberId: string;
  sessionId: string;
}

/**
 * Rebuilds the acting member from a verified token: null when the session ended or the account is not active.
 * Every request asks the database (so logout, disabling and erasure end access at once), but the requests that
 * arrive while earlier lookups are in flight are answered by one query between them.
 */
@Injectable()
export class ActorService {
  private readonly lookups: Batcher<ActorQuery, ActorRow | null>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly sessions: SessionsRepository,
  ) {
    this.lookups = new Batcher(
      async (queries) => {
        const found = await this.sessions.loadActors(this.dataSource.manager, queries);
        return queries.map((query) => {
          const row = found.get(query.sessionId);
          return row && row.memberId === query.memberId ? row : null;
        });
      },
      { maxBatch: 500, maxInFlight: 4 },
    );
  }

  async resolve(memberId: string, sessionId: string): Promise<Actor | null> {
    const row = await this.lookups.submit({ memberId, sessionId });
    if (!row) return null;
    const memberRole: RoleScope = { role: 'member', scopeType: 'self', scopeId: memberId };
    return {
      memberId,
      sessionId,
      schoolId: row.schoolId,
      areaId: row.areaId,
      memberKind: row.memberKind,
      roles: [memberRole, ...row.grants],
    };
  }
}
