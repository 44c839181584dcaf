import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Actor, RoleScope } from '../actor';
import { SessionsRepository } from '../sessions/sessions.repository';

/** Rebuilds the acting member from a verified token: null when the session ended or the account is not active. */
@Injectable()
export class ActorService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly sessions: SessionsRepository,
  ) {}

  async resolve(memberId: string, sessionId: string): Promise<Actor | null> {
    const row = await this.sessions.loadActor(this.dataSource.manager, memberId, sessionId);
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
