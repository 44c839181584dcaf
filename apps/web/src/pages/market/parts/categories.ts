/**
 * The eight perk categories of the taxonomy (`perkCategories`), each with the icon and colour its chip and its
 * picture placeholder use. Labels live in the market namespace (`category.<code>`), the taxonomy's Thai/English.
 */
import {
  IconBackpack,
  IconBuildingCommunity,
  IconCrown,
  IconGift,
  IconPlaneDeparture,
  IconSchool,
  IconShirt,
  IconTicket,
  IconToolsKitchen2,
  TablerIcon,
} from '@tabler/icons-react';

export const PERK_CATEGORIES = [
  'training',
  'equipment',
  'food',
  'clothing',
  'voucher',
  'facility',
  'travel',
  'privilege',
] as const;
export type PerkCategory = (typeof PERK_CATEGORIES)[number];

export interface CategoryLook {
  icon: TablerIcon;
  color: string;
}

const LOOKS: Record<PerkCategory, CategoryLook> = {
  training: { icon: IconSchool, color: 'indigo' },
  equipment: { icon: IconBackpack, color: 'grape' },
  food: { icon: IconToolsKitchen2, color: 'orange' },
  clothing: { icon: IconShirt, color: 'pink' },
  voucher: { icon: IconTicket, color: 'red' },
  facility: { icon: IconBuildingCommunity, color: 'cyan' },
  travel: { icon: IconPlaneDeparture, color: 'green' },
  privilege: { icon: IconCrown, color: 'yellow' },
};

export function isPerkCategory(code: string | null | undefined): code is PerkCategory {
  return !!code && (PERK_CATEGORIES as readonly string[]).includes(code);
}

export function categoryLook(code: string): CategoryLook {
  return isPerkCategory(code) ? LOOKS[code] : { icon: IconGift, color: 'gray' };
}

/** The i18n key of a category's label in the market namespace. */
export function categoryKey(code: string): string {
  return isPerkCategory(code) ? `category.${code}` : 'category.other';
}
