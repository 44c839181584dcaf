import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { decodeCursor, DEFAULT_PAGE_SIZE, DomainError, Page, toPage, uuidv7 } from '@lc/core';
import { Actor, AuditRepository, administeredAreas, isObecAdmin } from '@lc/identity';
import { OutboxService } from '@lc/messaging';
import { RecognitionErrors } from '../recognition-errors';
import { RecognitionEvents } from '../recognition.events';

export interface NominationView {
  id: string;
  member: { id: string; displayName: string; schoolId: string | null };
  areaId: string;
  nominatedBy: { id: string; displayName: string };
  statement: string;
  status: 'pending' | 'approved' | 'rejected';
  reason: string | null;
  createdAt: string;
  decidedAt: string | null;
}

interface NominationRow {
  id: string;
  member_id: string;
  member_name: string;
  member_school: string | null;
  area_id: string;
  nominated_by: string;
  nominator_name: string;
  statement: string;
  status: NominationView['status'];
  reason: string | null;
  created_at: Date;
  decided_at: Date | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const SELECT = `
  SELECT n.id, n.member_id, m.display_name AS member_name, m.school_id AS member_school, n.area_id, n.nominated_by,
         b.display_name AS nominator_name, n.statement, n.status, n.reason, n.created_at, n.decided_at
  FROM level_nomination n JOIN member m ON m.id = n.member_id JOIN member b ON b.id = n.nominated_by`;

const view = (row: NominationRow): NominationView => ({
  id: row.id,
  member: { id: row.member_id, displayName: row.member_name, schoolId: row.member_school },
  areaId: row.area_id,
  nominatedBy: { id: row.nominated_by, displayName: row.nominator_name },
  statement: row.statement,
  status: row.status,
  reason: row.reason,
  createdAt: row.created_at.toISOString(),
  decidedAt: row.decided_at?.toISOString() ?? null,
});

/**
 * Influencer needs people as well as evidence (like Microsoft's Innovative Educator Expert): an area admin nominates
 * a Change Agent of their area with a statement, an OBEC admin approves or rejects with a reason. An approval is an
 * event: the recognition subscriber then looks at the member's levels again, and promotes them when the rest of
 * Influencer's criteria are met too.
 */
@Injectable()
export class NominationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly audit: AuditRepository,
  ) {}

  async nominate(actor: Actor, input: { memberId: string; statement: string }): Promise<NominationView> {
    const id = uuidv7();
    await this.dataSource.transaction(async (manager) => {
      const [member] = await manager.query<{ area_id: string | null; level_code: string; status: string }[]>(
        `SELECT s.area_id, m.level_code, m.status FROM member m LEFT JOIN school s ON s.id = m.school_id
         WHERE m.id = $1 FOR UPDATE OF m`,
        [input.memberId],
      );
      if (!member || member.status === 'erased')
        throw new DomainError(RecognitionErrors.RECOGNITION_MEMBER_NOT_FOUND);
      const areas = administeredAreas(actor);
      if (!member.area_id || (areas !== null && !areas.includes(member.area_id)))
        throw new DomainError(RecognitionErrors.RECOGNITION_NOMINATION_FORBIDDEN);
      if (member.level_code !== 'change_agent')
        throw new DomainError(RecognitionErrors.RECOGNITION_NOMINEE_NOT_READY);
      const open = await manager.query(
        `SELECT 1 FROM level_nomination WHERE member_id = $1 AND status = 'pending'`,
        [input.memberId],
      );
      if (open.length > 0) throw new DomainError(RecognitionErrors.RECOGNITION_NOMINATION_OPEN);
      await manager.query(
        `INSERT INTO level_nomination (id, member_id, area_id, nominated_by, statement) VALUES ($1, $2, $3, $4, $5)`,
        [id, input.memberId, member.area_id, actor.memberId, input.statement.trim()],
      );
      await this.audit.record(manager, {
        actorId: actor.memberId,
        action: 'recognition.nominated',
        targetType: 'member',
        targetId: input.memberId,
        details: { nominationId: id, areaId: member.area_id },
      });
    });
    return this.get(id);
  }

  /** Nominations an admin may see: every one for OBEC, their areas' for an area admin; newest first. */
  async list(actor: Actor, query: { status?: string; cursor?: string }): Promise<Page<NominationView>> {
    const limit = DEFAULT_PAGE_SIZE;
    const after = decodeCursor<{ id: string }>(query.cursor, ['id']);
    if (after && !UUID.test(String(after.id))) throw new DomainError('PAGINATION_INVALID_CURSOR');
    const areas = administeredAreas(actor);
    const rows: NominationRow[] = await this.dataSource.query(
      `${SELECT}
       WHERE ($1::text IS NULL OR n.status = $1) AND ($2::uuid[] IS NULL OR n.area_id = ANY($2::uuid[]))
         AND ($3::uuid IS NULL OR n.id < $3)
       ORDER BY n.id DESC LIMIT $4`,
      [query.status ?? null, areas, after?.id ?? null, limit + 1],
    );
    return toPage(rows, limit, view, (row) => ({ id: row.id }));
  }

  async approve(actor: Actor, id: string): Promise<NominationView> {
    await this.decide(actor, id, 'approved', null, async (manager, memberId) => {
      await this.outbox.append(manager, RecognitionEvents.nominationApproved, { nominationId: id, memberId });
    });
    return this.get(id);
  }

  async reject(actor: Actor, id: string, reason: string): Promise<NominationView> {
    await this.decide(actor, id, 'rejected', reason.trim(), async () => undefined);
    return this.get(id);
  }

  private async decide(
    actor: Actor,
    id: string,
    status: 'approved' | 'rejected',
    reason: string | null,
    then: (manager: EntityManager, memberId: string) => Promise<void>,
  ): Promise<void> {
    if (!isObecAdmin(actor)) throw new DomainError(RecognitionErrors.RECOGNITION_NOMINATION_FORBIDDEN);
    await this.dataSource.transaction(async (manager) => {
      const [row] = await manager.query<{ member_id: string; status: string }[]>(
        `SELECT member_id, status FROM level_nomination WHERE id = $1 FOR UPDATE`,
        [id],
      );
      if (!row) throw new DomainError(RecognitionErrors.RECOGNITION_NOMINATION_NOT_FOUND);
      if (row.status !== 'pending') throw new DomainError(RecognitionErrors.RECOGNITION_NOMINATION_DECIDED);
      await manager.query(
        `UPDATE level_nomination SET status = $2, reason = $3, decided_by = $4, decided_at = now() WHERE id = $1`,
        [id, status, reason, actor.memberId],
      );
      await this.audit.record(manager, {
        actorId: actor.memberId,
        action: `recognition.nomination_${status}`,
        targetType: 'member',
        targetId: row.member_id,
        reason,
        details: { nominationId: id },
      });
      await then(manager, row.member_id);
    });
  }

  private async get(id: string): Promise<NominationView> {
    const [row] = await this.dataSource.query<NominationRow[]>(`${SELECT} WHERE n.id = $1`, [id]);
    if (!row) throw new DomainError(RecognitionErrors.RECOGNITION_NOMINATION_NOT_FOUND);
    return view(row);
  }
}
