/**
 * The shape of the demo community's content (quickstart and `npm run seed:demo` only, never production).
 * Members are named by a short key; every piece of content names its author and the members who react to it by
 * those keys, so the seed can find them on a second run and add nothing.
 */

export interface DemoSchool {
  key: string;
  /** 6–12 digits; the 999… range marks demo schools (OBEC's school list is not part of the reference data). */
  code: string;
  nameTh: string;
  nameEn: string;
  /** A stable area code of data/reference (P81 = สพป.กระบี่, P50-1 = สพป.เชียงใหม่ เขต 1, S06 = สพม.ขอนแก่น). */
  areaCode: string;
  provinceCode: string;
}

export interface DemoMember {
  key: string;
  email: string;
  displayName: string;
  /** memberKinds code of the taxonomy. */
  memberKind: string;
  school: string | null;
  /** learningAreas codes this member teaches. */
  learningAreas?: string[];
  academicStanding?: string;
  bio?: string;
  grant?: { role: string; scope: 'partner' | 'area' | 'national'; scopeKey?: string };
  /** Shown by quickstart: the six demo accounts a newcomer signs in with. */
  label?: string;
}

export interface DemoRating {
  by: string;
  overall: number;
  criteria: { clarity: number; effect: number; adoptability: number; competencyFit: number };
}

export interface DemoComment {
  by: string;
  body: string;
  replies?: { by: string; body: string }[];
}

export interface DemoAdoption {
  by: string;
  gradeLevel: string;
  classSize: number;
  /** How many days before the seed runs the lesson took place (1–60). */
  usedDaysAgo: number;
  notes: string;
}

export interface DemoInnovation {
  /** Stable, unique, lower-case slug: the seed's key for this innovation. */
  key: string;
  author: string;
  title: string;
  summary: string;
  /** Markdown in Thai. */
  body: string;
  learningAreas: string[];
  gradeLevels: string[];
  competencies: { code: string; strength: 1 | 2 | 3 }[];
  techniques: string[];
  tags: string[];
  context?: {
    schoolSize?: 'small' | 'medium' | 'large' | 'extra_large';
    setting?: 'urban' | 'suburban' | 'rural' | 'remote';
    classSize?: number;
  };
  license: 'CC-BY' | 'CC-BY-SA' | 'CC-BY-NC' | 'ARR';
  ratings?: DemoRating[];
  comments?: DemoComment[];
  adoptions?: DemoAdoption[];
}

export interface DemoPartner {
  key: string;
  /** ^[a-z0-9-]{2,40}$ */
  code: string;
  nameTh: string;
  nameEn: string;
  descriptionTh: string;
  descriptionEn: string;
  contactEmail: string;
}

export interface DemoPerk {
  key: string;
  partner: string;
  title: string;
  titleEn: string;
  description: string;
  descriptionEn: string;
  /** perkCategories code of the taxonomy. */
  category: string;
  cost: number;
  /** null = unlimited */
  stock: number | null;
  perMemberLimit: number | null;
  limitPeriod: 'ever' | 'day' | 'week' | 'month';
  fulfilment: 'pool_code' | 'generated_code' | 'manual';
  /** Manual fulfilment only. */
  fulfilmentHours?: number;
  /** pool_code only: how many codes the partner uploads (the seed makes them). */
  poolCodes?: number;
  /** Optional eligibility by member kinds (taxonomy codes) or areas (area codes). */
  eligibility?: { memberKinds?: string[]; areaCodes?: string[] };
}
