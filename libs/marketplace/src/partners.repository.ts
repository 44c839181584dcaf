import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/** A partner's names, for texts about it. */
export interface PartnerNames {
  id: string;
  nameTh: string;
  nameEn: string | null;
}

/** Reads of the partner rows other than the onboarding's own (PartnersService). */
@Injectable()
export class PartnersRepository {
  /** The names of these partners, in one query (those that do not exist are left out). */
  async names(manager: EntityManager, ids: string[]): Promise<PartnerNames[]> {
    return manager.query(
      `SELECT id, name_th AS "nameTh", name_en AS "nameEn" FROM partner WHERE id = ANY($1::uuid[])`,
      [ids],
    );
  }
}
