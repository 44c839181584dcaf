import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError, uuidv7 } from '@lc/core';
import { Actor, partnerOf } from '@lc/identity';
import { InnovationErrors, InnovationEvents, InnovationsService } from '@lc/innovations';
import { OutboxService } from '@lc/messaging';
import { MarketplaceErrors } from './marketplace-errors';

/** "๑๒ ภาคี การันตีนวัตกรรม": a partner vouches for an innovation that proved its value, once. */
@Injectable()
export class EndorsementsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly innovations: InnovationsService,
    private readonly outbox: OutboxService,
  ) {}

  async endorse(actor: Actor, innovationId: string, statement: string) {
    const partnerId = partnerOf(actor);
    if (!partnerId) throw new DomainError('FORBIDDEN', 'Only partner staff endorse innovations');
    return this.dataSource.transaction(async (manager) => {
      const innovation = await this.innovations.visible(manager, actor, innovationId);
      if (innovation.status !== 'published') throw new DomainError(InnovationErrors.INNOVATION_NOT_PUBLISHED);
      const id = uuidv7();
      const inserted: unknown[] = await manager.query(
        `INSERT INTO endorsement (id, partner_id, innovation_id, staff_id, statement) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (partner_id, innovation_id) DO NOTHING RETURNING id`,
        [id, partnerId, innovationId, actor.memberId, statement.trim()],
      );
      if (inserted.length === 0) throw new DomainError(MarketplaceErrors.ENDORSEMENT_EXISTS);
      await this.outbox.append(manager, InnovationEvents.endorsed, {
        innovationId,
        actorId: actor.memberId,
        authorId: innovation.authorId,
        schoolId: innovation.schoolId,
        areaId: innovation.areaId,
        learningAreas: innovation.learningAreas,
        endorsementId: id,
        partnerId,
      });
      return (await this.rows(manager, innovationId)).find((e) => e.id === id)!;
    });
  }

  async list(actor: Actor | undefined, innovationId: string) {
    await this.innovations.visible(this.dataSource.manager, actor, innovationId);
    return { items: await this.rows(this.dataSource.manager, innovationId), nextCursor: null };
  }

  private rows(manager: EntityManager, innovationId: string): Promise<{ id: string }[]> {
    return manager.query(
      `SELECT e.id, e.statement, e.created_at AS "createdAt",
              json_build_object('id', p.id, 'name', p.name_th, 'nameEn', p.name_en, 'logoUrl', p.logo_url) AS partner
       FROM endorsement e JOIN partner p ON p.id = e.partner_id WHERE e.innovation_id = $1 ORDER BY e.created_at`,
      [innovationId],
    );
  }
}
