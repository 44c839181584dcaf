import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { loadProvinces, loadTaxonomy } from '@lc/core';
import { OrganisationsService } from '@lc/identity';
import { PartnersService } from '@lc/marketplace';
import type { Bilingual, CategoryDimension } from './kpis';

/** Thailand's six regions as provinces.csv names them, with stable keys and English names. */
export const REGIONS: readonly (Bilingual & { key: string })[] = [
  { key: 'north', th: 'ภาคเหนือ', en: 'North' },
  { key: 'northeast', th: 'ภาคตะวันออกเฉียงเหนือ', en: 'Northeast' },
  { key: 'central', th: 'ภาคกลาง', en: 'Central' },
  { key: 'east', th: 'ภาคตะวันออก', en: 'East' },
  { key: 'west', th: 'ภาคตะวันตก', en: 'West' },
  { key: 'south', th: 'ภาคใต้', en: 'South' },
];

const AREA_CACHE_MS = 10 * 60 * 1000;

/**
 * The names shown beside each key of a breakdown, Thai and English: reference data (provinces, regions, taxonomy)
 * from data/reference, areas and partners from their domains' services (areas cached for ten minutes: they change
 * by OBEC's imports only).
 */
@Injectable()
export class CockpitLabels {
  private areasCache: { at: number; areas: Promise<Map<string, Bilingual & { code: string }>> } | null = null;
  private readonly provinceRows = loadProvinces();

  constructor(
    private readonly organisations: OrganisationsService,
    private readonly partners: PartnersService,
    private readonly dataSource: DataSource,
  ) {}

  provinces(): Map<string, Bilingual & { region: string }> {
    const regionKey = new Map(REGIONS.map((region) => [region.th, region.key]));
    return new Map(
      this.provinceRows.map((p) => [
        p.code,
        { th: p.nameTh, en: p.nameEn, region: regionKey.get(p.regionTh) ?? 'central' },
      ]),
    );
  }

  regions(): Map<string, Bilingual> {
    return new Map(REGIONS.map((region) => [region.key, { th: region.th, en: region.en }]));
  }

  areas(): Promise<Map<string, Bilingual & { code: string }>> {
    if (!this.areasCache || Date.now() - this.areasCache.at > AREA_CACHE_MS) {
      const areas = this.organisations
        .areas({})
        .then((rows) => new Map(rows.map((a) => [a.id, { th: a.shortNameTh, en: a.nameEn, code: a.code }])));
      areas.catch(() => (this.areasCache = null));
      this.areasCache = { at: Date.now(), areas };
    }
    return this.areasCache.areas;
  }

  async areaExists(areaId: string): Promise<boolean> {
    return (
      (await this.areas()).has(areaId) ||
      (await this.organisations.area(areaId).then(
        () => true,
        () => false,
      ))
    );
  }

  /** Every key of a category dimension that reference data knows (partners: none, they are looked up by id). */
  categoryKeys(dimension: CategoryDimension): Map<string, Bilingual> {
    const taxonomy = loadTaxonomy();
    const labelled = (items: { code: string; th: string; en: string }[]) =>
      new Map(items.map((item) => [item.code, { th: item.th, en: item.en }]));
    switch (dimension) {
      case 'learningArea':
        return labelled(taxonomy.learningAreas);
      case 'competency':
        return labelled(taxonomy.competencyFrameworks.flatMap((framework) => framework.competencies));
      case 'technique':
        return labelled(taxonomy.activeLearningTechniques);
      case 'memberKind':
        return labelled(taxonomy.memberKinds);
      case 'perkCategory':
        return labelled(taxonomy.perkCategories);
      case 'partner':
        return new Map();
    }
  }

  async partnerNames(ids: string[]): Promise<Map<string, Bilingual>> {
    const names = await this.partners.names(this.dataSource.manager, ids);
    return new Map(
      [...names.values()].map((partner) => [
        partner.id,
        { th: partner.nameTh, en: partner.nameEn ?? partner.nameTh },
      ]),
    );
  }
}
