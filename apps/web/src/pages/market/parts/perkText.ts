import { CataloguePerkResponse } from '../../../api/generated/model';

type Texts = Pick<CataloguePerkResponse, 'title' | 'titleEn' | 'description' | 'descriptionEn'>;

/** The perk's title in the reader's language: the English one when reading English and the partner wrote one. */
export function perkTitle(perk: Texts, language: string): string {
  return language === 'en' && perk.titleEn ? perk.titleEn : perk.title;
}

export function perkDescription(perk: Texts, language: string): string {
  return language === 'en' && perk.descriptionEn ? perk.descriptionEn : perk.description;
}

/** The partner's name in the reader's language: the English one when reading English and the partner gave one. */
export function partnerName(partner: CataloguePerkResponse['partner'], language: string): string {
  return language === 'en' && partner.nameEn ? partner.nameEn : partner.name;
}
