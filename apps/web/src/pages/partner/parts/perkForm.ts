/**
 * The perk form's values, their checks (the API's limits: CreatePerkDto / UpdatePerkDto) and the conversion to and
 * from the API. Dates are whole days in Bangkok: a perk opens at 00:00 of its first day and closes at 23:59:59 of its
 * last. A picture is an https link or one uploaded to the platform (perkImages.ts).
 */
import type { CreatePerkDto, PartnerPerkResponse } from '../../../api/generated/model';
import { isPerkImage } from './perkImages';

export type Fulfilment = 'pool_code' | 'generated_code' | 'manual';
export type LimitPeriod = 'ever' | 'day' | 'week' | 'month';
export const FULFILMENTS: Fulfilment[] = ['generated_code', 'pool_code', 'manual'];
export const LIMIT_PERIODS: LimitPeriod[] = ['ever', 'day', 'week', 'month'];
export const MAX_IMAGES = 10;

export interface PerkFormValues {
  title: string;
  titleEn: string;
  description: string;
  descriptionEn: string;
  category: string | null;
  cost: number | '';
  unlimitedStock: boolean;
  stock: number | '';
  limitPerMember: boolean;
  perMemberLimit: number | '';
  limitPeriod: LimitPeriod;
  fulfilment: Fulfilment | null;
  fulfilmentHours: number | '';
  /** YYYY-MM-DD (Bangkok) or '' */
  validFrom: string;
  validUntil: string;
  images: string[];
  areaIds: string[];
  memberKinds: string[];
  /** The level (recognition) a member must have reached; '' for any. */
  minLevel: string;
}

/** Field → the i18n key (under partner:editor.errors) of what is wrong with it. */
export type PerkFormErrors = Partial<Record<keyof PerkFormValues, string>> & {
  imageAt?: Record<number, string>;
};

export const emptyPerkForm: PerkFormValues = {
  title: '',
  titleEn: '',
  description: '',
  descriptionEn: '',
  category: null,
  cost: '',
  unlimitedStock: false,
  stock: '',
  limitPerMember: true,
  perMemberLimit: 1,
  limitPeriod: 'ever',
  fulfilment: null,
  fulfilmentHours: 168,
  validFrom: '',
  validUntil: '',
  images: [],
  areaIds: [],
  memberKinds: [],
  minLevel: '',
};

function bangkokDay(iso: string | null): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Bangkok' }).format(date);
}

export function fromPerk(perk: PartnerPerkResponse): PerkFormValues {
  return {
    title: perk.title,
    titleEn: perk.titleEn ?? '',
    description: perk.description,
    descriptionEn: perk.descriptionEn ?? '',
    category: perk.category,
    cost: perk.cost,
    unlimitedStock: perk.stockTotal === null,
    stock: perk.stockTotal ?? '',
    limitPerMember: perk.perMemberLimit !== null,
    perMemberLimit: perk.perMemberLimit ?? 1,
    limitPeriod: perk.limitPeriod,
    fulfilment: perk.fulfilment,
    fulfilmentHours: perk.fulfilmentHours,
    validFrom: bangkokDay(perk.validFrom),
    validUntil: bangkokDay(perk.validUntil),
    images: [...perk.images],
    areaIds: perk.eligibility.areaIds ?? [],
    memberKinds: perk.eligibility.memberKinds ?? [],
    minLevel: perk.eligibility.minLevel ?? '',
  };
}

function intIn(value: number | '', min: number, max: number): boolean {
  return value !== '' && Number.isInteger(value) && value >= min && value <= max;
}

export function validatePerkForm(values: PerkFormValues): PerkFormErrors {
  const errors: PerkFormErrors = {};
  const title = values.title.trim();
  if (!title) errors.title = 'titleRequired';
  else if (title.length > 200) errors.title = 'tooLong200';
  if (values.titleEn.trim().length > 200) errors.titleEn = 'tooLong200';
  if (!values.description.trim()) errors.description = 'descriptionRequired';
  else if (values.description.length > 10_000) errors.description = 'tooLong10000';
  if (values.descriptionEn.length > 10_000) errors.descriptionEn = 'tooLong10000';
  if (!values.category) errors.category = 'categoryRequired';
  if (!intIn(values.cost, 1, 1_000_000)) errors.cost = 'costRange';
  if (!values.unlimitedStock && !intIn(values.stock, 0, 10_000_000)) errors.stock = 'stockRange';
  if (values.limitPerMember && !intIn(values.perMemberLimit, 1, 1000)) errors.perMemberLimit = 'limitRange';
  if (!values.fulfilment) errors.fulfilment = 'fulfilmentRequired';
  if (values.fulfilment === 'manual' && !intIn(values.fulfilmentHours, 1, 2160))
    errors.fulfilmentHours = 'hoursRange';
  if (values.validFrom && values.validUntil && values.validUntil < values.validFrom)
    errors.validUntil = 'untilBeforeFrom';
  const imageAt: Record<number, string> = {};
  values.images.forEach((image, index) => {
    if (!isPerkImage(image)) imageAt[index] = 'imageUrl';
  });
  if (Object.keys(imageAt).length) errors.imageAt = imageAt;
  if (values.images.length > MAX_IMAGES) errors.images = 'tooManyImages';
  return errors;
}

export function hasErrors(errors: PerkFormErrors): boolean {
  return Object.keys(errors).length > 0;
}

/** The body of POST/PATCH /partner/perks (the generated types mistake nullable strings for objects, hence the casts). */
export function toPerkDto(values: PerkFormValues): CreatePerkDto {
  const body = {
    title: values.title.trim(),
    titleEn: values.titleEn.trim() || null,
    description: values.description.trim(),
    descriptionEn: values.descriptionEn.trim() || null,
    category: values.category ?? undefined,
    images: values.images.map((image) => image.trim()),
    cost: Number(values.cost),
    stock: values.unlimitedStock ? null : Number(values.stock),
    perMemberLimit: values.limitPerMember ? Number(values.perMemberLimit) : null,
    limitPeriod: values.limitPeriod,
    fulfilment: values.fulfilment ?? undefined,
    ...(values.fulfilment === 'manual' ? { fulfilmentHours: Number(values.fulfilmentHours) } : {}),
    validFrom: values.validFrom ? `${values.validFrom}T00:00:00+07:00` : null,
    validUntil: values.validUntil ? `${values.validUntil}T23:59:59+07:00` : null,
    eligibility: {
      areaIds: values.areaIds,
      memberKinds: values.memberKinds,
      ...(values.minLevel ? { minLevel: values.minLevel } : {}),
    },
  };
  return body as unknown as CreatePerkDto;
}
