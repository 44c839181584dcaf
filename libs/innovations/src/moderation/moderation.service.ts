import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig, DomainError, uuidv7 } from '@lc/core';
import { Actor, AuditRepository } from '@lc/identity';
import { OutboxService } from '@lc/messaging';
import { InnovationEvents } from '../innovations.events';
import { factsOf } from '../innovation-view';
import { InnovationErrors } from '../innovations-errors';
import { InnovationRow, InnovationsRepository } from '../innovations.repository';
import { InnovationsService } from '../innovations.service';

export type ModerationAction = 'hide' | 'restore' | 'remove';

const TRANSITIONS: Record<
  ModerationAction,
  { from: InnovationRow['status'][]; to: InnovationRow['status']; resolution: string }
> = {
  hide: { from: ['published'], to: 'hidden', resolution: 'hidden' },
  restore: { from: ['hidden'], to: 'published', resolution: 'dismissed' },
  remove: { from: ['published', 'hidden'], to: 'removed', resolution: 'removed' },
};

/** A safe space: members report, enough distinct reports hide content until review, moderators decide. */
@Injectable()
export class ModerationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly innovations: InnovationsService,
    private readonly repository: InnovationsRepository,
    private readonly audit: AuditRepository,
    private readonly outbox: OutboxService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async report(actor: Actor, innovationId: string, reason: string) {
    return this.dataSource.transaction(async (manager) => {
      const row = await this.innovations.visible(manager, actor, innovationId, true);
      if (row.status !== 'published') throw new DomainError(InnovationErrors.INNOVATION_NOT_PUBLISHED);
      const id = uuidv7();
      const inserted: unknown[] = await manager.query(
        `INSERT INTO content_report (id, target_type, target_id, innovation_id, reporter_id, reason)
         VALUES ($1, 'innovation', $2, $2, $3, $4) ON CONFLICT (target_type, target_id, reporter_id) DO NOTHING RETURNING id`,
        [id, innovationId, actor.memberId, reason.trim()],
      );
      if (inserted.length === 0) throw new DomainError(InnovationErrors.REPORT_ALREADY_MADE);
      const [{ open }]: { open: number }[] = await manager.query(
        `SELECT count(DISTINCT reporter_id)::int AS open FROM content_report
         WHERE target_type = 'innovation' AND target_id = $1 AND resolved_at IS NULL`,
        [innovationId],
      );
      const autoHidden = open >= this.config.MODERATION_AUTO_HIDE_REPORTS;
      if (autoHidden) {
        const reason = `รอการตรวจสอบ: มีสมาชิกรายงาน ${open} คน (awaiting review: reported by ${open} members)`;
        await this.repository.setStatus(manager, innovationId, 'hidden', { reason });
        await this.audit.record(manager, {
          actorId: null,
          action: 'innovation.auto_hidden',
          targetType: 'innovation',
          targetId: innovationId,
          details: { reports: open },
        });
        await this.outbox.append(manager, InnovationEvents.hidden, {
          ...factsOf(row),
          reason,
          moderatorId: null,
        });
      }
      await this.outbox.append(manager, InnovationEvents.contentReported, {
        reportId: id,
        targetType: 'innovation',
        targetId: innovationId,
        innovationId,
        reporterId: actor.memberId,
        openReports: open,
        autoHidden,
      });
      return { id, status: 'received', autoHidden };
    });
  }

  /** Innovations with open reports or awaiting review, most reported first. */
  async queue() {
    const items = await this.dataSource.query(
      `SELECT i.id, i.title, i.status, i.author_id AS "authorId", i.moderation_reason AS "moderationReason", i.updated_at AS "updatedAt",
              count(r.id)::int AS "openReports", max(r.created_at) AS "lastReportedAt",
              coalesce(json_agg(json_build_object('reason', r.reason, 'at', r.created_at) ORDER BY r.created_at DESC)
                       FILTER (WHERE r.id IS NOT NULL), '[]') AS reports
       FROM innovation i
       LEFT JOIN content_report r ON r.target_type = 'innovation' AND r.target_id = i.id AND r.resolved_at IS NULL
       WHERE i.status IN ('published', 'hidden')
       GROUP BY i.id
       HAVING count(r.id) > 0 OR i.status = 'hidden'
       ORDER BY count(r.id) DESC, max(r.created_at) DESC NULLS LAST
       LIMIT 200`,
    );
    return { items, nextCursor: null };
  }

  async act(actor: Actor, innovationId: string, action: ModerationAction, note: string) {
    await this.dataSource.transaction(async (manager) => {
      const row = await this.innovations.visible(manager, actor, innovationId, true);
      const transition = TRANSITIONS[action];
      if (!transition.from.includes(row.status)) {
        throw new DomainError(
          InnovationErrors.MODERATION_INVALID_TRANSITION,
          `Cannot ${action} an innovation that is ${row.status}`,
        );
      }
      await this.repository.setStatus(manager, innovationId, transition.to, {
        reason: transition.to === 'published' ? null : note,
      });
      await this.resolveReports(manager, innovationId, actor.memberId, transition.resolution);
      await this.audit.record(manager, {
        actorId: actor.memberId,
        action: `innovation.${action === 'hide' ? 'hidden' : action === 'restore' ? 'restored' : 'removed'}`,
        targetType: 'innovation',
        targetId: innovationId,
        reason: note,
        details: { from: row.status, to: transition.to },
      });
      const facts = factsOf(row);
      if (action === 'hide')
        await this.outbox.append(manager, InnovationEvents.hidden, {
          ...facts,
          reason: note,
          moderatorId: actor.memberId,
        });
      if (action === 'restore')
        await this.outbox.append(manager, InnovationEvents.restored, {
          ...facts,
          moderatorId: actor.memberId,
        });
      if (action === 'remove')
        await this.outbox.append(manager, InnovationEvents.removed, {
          ...facts,
          reason: note,
          moderatorId: actor.memberId,
        });
    });
    return this.innovations.get(actor, innovationId);
  }

  private async resolveReports(
    manager: EntityManager,
    innovationId: string,
    moderatorId: string,
    resolution: string,
  ): Promise<void> {
    await manager.query(
      `UPDATE content_report SET resolved_at = now(), resolved_by = $2, resolution = $3
       WHERE target_type = 'innovation' AND target_id = $1 AND resolved_at IS NULL`,
      [innovationId, moderatorId, resolution],
    );
  }
}
