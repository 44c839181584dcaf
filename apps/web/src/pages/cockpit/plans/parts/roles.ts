/** The four roles of seed 000 whose participants are planned and counted (the API's RoleCountsDto). */
export const ROLES = ['educationExecutives', 'supervisors', 'schoolDirectors', 'teachers'] as const;
export type RoleKey = (typeof ROLES)[number];

/** Seed 000: "กลุ่มเป้าหมาย จำนวนรวมเขตละไม่น้อยกว่า ๕๐๐ คน" (the API answers it too, as `threshold`). */
export const PARTICIPANTS_PER_AREA = 500;

/** The API's limit on every count. */
export const MAX_COUNT = 1_000_000;

export type RoleCountValues = Record<RoleKey, number | ''>;

export const emptyCounts: RoleCountValues = {
  educationExecutives: '',
  supervisors: '',
  schoolDirectors: '',
  teachers: '',
};

export function countsTotal(counts: RoleCountValues): number {
  return ROLES.reduce(
    (sum, role) => sum + (typeof counts[role] === 'number' ? (counts[role] as number) : 0),
    0,
  );
}

/** An empty count is refused rather than taken for 0: a planner says 0 on purpose. */
export function countError(value: number | ''): 'countRequired' | 'countRange' | undefined {
  if (value === '') return 'countRequired';
  if (!Number.isInteger(value) || value < 0 || value > MAX_COUNT) return 'countRange';
  return undefined;
}

export function toNumber(value: string | number): number | '' {
  if (value === '' || value === null) return '';
  const number = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(number) ? number : '';
}
