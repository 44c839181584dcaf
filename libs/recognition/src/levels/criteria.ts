import { loadTaxonomy } from '@lc/core';

/**
 * What a level asks of a member: evidence of their work in the platform, never points alone. Each criterion is a
 * number the platform computes from its own records (levels.repository.ts `evidence`), and the label is how the
 * member reads their progress: "2 of 3 innovations rated ≥ 4.0 by at least 3 peers".
 */
export const CRITERIA = {
  points_earned: {
    th: 'พอยท์ที่ได้รับสะสมตลอดการใช้งาน',
    en: 'Lifetime points earned',
    unitTh: 'พอยท์',
    unitEn: 'points',
  },
  innovations_published: {
    th: 'นวัตกรรมที่เผยแพร่',
    en: 'Innovations published',
    unitTh: 'ชิ้น',
    unitEn: 'innovations',
  },
  quality_innovations: {
    th: 'นวัตกรรมที่ได้คะแนนเฉลี่ย 4.0 ขึ้นไปจากเพื่อนครูอย่างน้อย 3 คน',
    en: 'Innovations rated 4.0 or more on average by at least 3 peers',
    unitTh: 'ชิ้น',
    unitEn: 'innovations',
  },
  adoptions_other_schools: {
    th: 'การนำนวัตกรรมไปใช้โดยครูโรงเรียนอื่น',
    en: 'Adoptions of your innovations by members of other schools',
    unitTh: 'ครั้ง',
    unitEn: 'adoptions',
  },
  endorsements: {
    th: 'การรับรองนวัตกรรมจากภาคีเครือข่าย',
    en: 'Partner endorsements of your innovations',
    unitTh: 'ครั้ง',
    unitEn: 'endorsements',
  },
  feedback_given: {
    th: 'การให้คะแนนและความคิดเห็นต่อนวัตกรรมของผู้อื่น',
    en: 'Ratings and comments given on others’ innovations',
    unitTh: 'ครั้ง',
    unitEn: 'times',
  },
  events_completed: {
    th: 'กิจกรรมและการอบรมที่เข้าร่วมครบตามเกณฑ์',
    en: 'Events and trainings completed',
    unitTh: 'กิจกรรม',
    unitEn: 'events',
  },
  forums_completed: {
    th: 'เวทีวิชาการที่เข้าร่วมครบทุกกิจกรรม',
    en: 'Academic forums completed',
    unitTh: 'เวที',
    unitEn: 'forums',
  },
  nomination_approved: {
    th: 'ได้รับการเสนอชื่อจากเขตพื้นที่และอนุมัติโดย สพฐ.',
    en: 'Nominated by an area office and approved by OBEC',
    unitTh: 'ครั้ง',
    unitEn: 'approval',
  },
} as const;

export type CriterionCode = keyof typeof CRITERIA;
export const CRITERION_CODES = Object.keys(CRITERIA) as CriterionCode[];

export interface Level {
  code: string;
  rank: number;
  th: string;
  en: string;
}

/** The levels from the taxonomy, by rank: member (everyone's first), practitioner, change agent, influencer. */
export function levels(): Level[] {
  return loadTaxonomy()
    .promotionLevels.map((level) => ({ code: level.code, rank: level.rank, th: level.th, en: level.en }))
    .sort((a, b) => a.rank - b.rank);
}

/** The level everyone holds from registration: it has no criteria. */
export const FIRST_LEVEL = 'member';

/** A criterion as a member reads it: what it asks, how far they are, whether it is met. */
export interface CriterionProgress {
  code: CriterionCode;
  th: string;
  en: string;
  required: number;
  current: number;
  met: boolean;
}

export function progressOf(
  criteria: { code: CriterionCode; required: number }[],
  evidence: Record<CriterionCode, number>,
): CriterionProgress[] {
  return criteria.map(({ code, required }) => {
    const current = evidence[code] ?? 0;
    return {
      code,
      th: CRITERIA[code].th,
      en: CRITERIA[code].en,
      required,
      current,
      met: current >= required,
    };
  });
}

/**
 * The levels a member reaches now, walking up from the one above the highest they hold: each level whose criteria
 * are all met is reached, and the walk stops at the first that is not (levels are climbed in order). A level that was
 * revoked blocks the walk: it is not earned again by itself, and the levels above it wait with it.
 */
export function levelsReached(
  ladder: Level[],
  criteria: Map<string, { code: CriterionCode; required: number }[]>,
  held: Map<string, { revoked: boolean }>,
  evidence: Record<CriterionCode, number>,
): Level[] {
  const reached: Level[] = [];
  for (const level of ladder) {
    if (level.code === FIRST_LEVEL) continue;
    const row = held.get(level.code);
    if (row?.revoked) break;
    if (row) continue;
    const asks = criteria.get(level.code) ?? [];
    if (asks.length === 0 || !asks.every(({ code, required }) => (evidence[code] ?? 0) >= required)) break;
    reached.push(level);
  }
  return reached;
}
