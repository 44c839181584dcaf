import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError, uuidv7 } from '@lc/core';
import { Actor, AuditRepository } from '@lc/identity';
import { MarketplaceErrors } from './marketplace-errors';
import { PartnerNames, PartnersRepository } from './partners.repository';

export interface PartnerInput {
  code: string;
  nameTh: string;
  nameEn?: string;
  descriptionTh?: string;
  descriptionEn?: string;
  logoUrl?: string;
  contactEmail?: string;
  contactPhone?: string;
}

const SELECT_PARTNER = `
  SELECT id, code, name_th AS "nameTh", name_en AS "nameEn", description_th AS "descriptionTh", description_en AS "descriptionEn",
         logo_url AS "logoUrl", contact_email AS "contactEmail", contact_phone AS "contactPhone", status, created_at AS "createdAt"
  FROM partner`;

/** Partner organisations, onboarded by OBEC; their staff are members granted partner_staff for one partner. */
@Injectable()
export class PartnersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditRepository,
    private readonly partners: PartnersRepository,
  ) {}

  async create(actor: Actor, input: PartnerInput) {
    return this.dataSource.transaction(async (manager) => {
      const id = uuidv7();
      const rows: unknown[] = await manager.query(
        `INSERT INTO partner (id, code, name_th, name_en, description_th, description_en, logo_url, contact_email, contact_phone)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (code) DO NOTHING RETURNING id`,
        [
          id,
          input.code,
          input.nameTh,
          input.nameEn ?? null,
          input.descriptionTh ?? null,
          input.descriptionEn ?? null,
          input.logoUrl ?? null,
          input.contactEmail ?? null,
          input.contactPhone ?? null,
        ],
      );
      if (rows.length === 0) throw new DomainError(MarketplaceErrors.PARTNER_CODE_TAKEN);
      await this.audit.record(manager, {
        actorId: actor.memberId,
        action: 'partner.onboarded',
        targetType: 'partner',
        targetId: id,
      });
      return (await manager.query(`${SELECT_PARTNER} WHERE id = $1`, [id]))[0];
    });
  }

  async list() {
    return {
      items: await this.dataSource.query(`${SELECT_PARTNER} WHERE status = 'active' ORDER BY name_th`),
      nextCursor: null,
    };
  }

  /** The names of these partners by id, in one query, whatever their status (for texts about them). */
  async names(manager: EntityManager, ids: string[]): Promise<Map<string, PartnerNames>> {
    const rows = ids.length ? await this.partners.names(manager, [...new Set(ids)]) : [];
    return new Map(rows.map((row) => [row.id, row]));
  }

  async get(id: string) {
    const rows: unknown[] = await this.dataSource.query(`${SELECT_PARTNER} WHERE id = $1`, [id]);
    if (!rows[0]) throw new DomainError(MarketplaceErrors.PARTNER_NOT_FOUND);
    return rows[0];
  }
}
