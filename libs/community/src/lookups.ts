import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { InnovationsService } from '@lc/innovations';
import { PartnersService, PerksService } from '@lc/marketplace';
import { Bilingual } from './texts';

/**
 * Small reads the subscribers need to write texts: titles and names (of content and organisations only). Each
 * comes from the domain that owns it, through its service, in the event's transaction.
 */
@Injectable()
export class Lookups {
  constructor(
    private readonly innovations: InnovationsService,
    private readonly partners: PartnersService,
    private readonly perks: PerksService,
  ) {}

  async innovationTitle(manager: EntityManager, id: string): Promise<string> {
    const titles = await this.innovations.titles(manager, [id]);
    return titles.get(id) ?? '';
  }

  async partnerName(manager: EntityManager, id: string): Promise<Bilingual> {
    const partner = (await this.partners.names(manager, [id])).get(id);
    return { th: partner?.nameTh ?? '', en: partner?.nameEn ?? partner?.nameTh ?? '' };
  }

  async perkNames(manager: EntityManager, id: string): Promise<{ perk: Bilingual; partner: Bilingual }> {
    const row = (await this.perks.names(manager, [id])).get(id);
    return {
      perk: { th: row?.title ?? '', en: row?.titleEn ?? row?.title ?? '' },
      partner: { th: row?.partnerName ?? '', en: row?.partnerNameEn ?? row?.partnerName ?? '' },
    };
  }
}
