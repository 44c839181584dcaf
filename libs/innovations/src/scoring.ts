/**
 * The quality score is a Bayesian average: every innovation starts with PRIOR_WEIGHT imaginary ratings at
 * PRIOR_MEAN, so three 5-star ratings do not beat fifty ratings averaging 4.6.
 */
export const PRIOR_MEAN = 3;
export const PRIOR_WEIGHT = 5;

export function bayesianScore(count: number, sum: number): number {
  return (PRIOR_WEIGHT * PRIOR_MEAN + sum) / (PRIOR_WEIGHT + count);
}

/**
 * Trending: recent activity counts most, halving in weight every HALF_LIFE_DAYS. Storing
 * ln(Σ wᵢ·e^{(tᵢ−t₀)/τ}) keeps the order of the decayed sums at any later moment, so lists sort by a plain
 * indexed column and nothing has to be recomputed as time passes.
 */
export const HALF_LIFE_DAYS = 3;
const TAU_MS = (HALF_LIFE_DAYS * 24 * 3600 * 1000) / Math.LN2;
const EPOCH_MS = Date.UTC(2026, 0, 1);
export const NO_ACTIVITY = -1e9;

export function addTrendingActivity(key: number, weight: number, at: Date): number {
  const term = Math.log(weight) + (at.getTime() - EPOCH_MS) / TAU_MS;
  if (key <= NO_ACTIVITY) return term;
  const high = Math.max(key, term);
  return high + Math.log(Math.exp(key - high) + Math.exp(term - high));
}

export const ACTIVITY_WEIGHT = { published: 3, rating: 2, comment: 1, adoption: 4 } as const;

/**
 * Thai school terms: term 1 runs from May to October, term 2 from November to March, named by the Buddhist
 * Era academic year (CE + 543) in which the term starts. One adoption report per member per innovation per term.
 */
export function schoolTerm(date: Date): string {
  const month = date.getUTCMonth() + 1;
  const year = date.getUTCFullYear() + 543;
  if (month >= 5 && month <= 10) return `${year}-1`;
  if (month >= 11) return `${year}-2`;
  return `${year - 1}-2`;
}

export interface CompetencyEvidence {
  code: string;
  declaredStrength: number | null;
  raterSum: number;
  raterCount: number;
}

export interface CompetencyLevel {
  code: string;
  declaredStrength: number | null;
  raterAverage: number | null;
  raterCount: number;
  /** 1–5: the author's declaration (strength 1–3 mapped onto 1–5) weighted as two ratings, with the raters' judgements. */
  level: number;
  /** 0–1: how much evidence stands behind the level (ratings and adoptions). */
  confidence: number;
}

const DECLARED_WEIGHT = 2;

export function competencyProfile(evidence: CompetencyEvidence[], adoptionCount: number): CompetencyLevel[] {
  return evidence.map((item) => {
    const declared = item.declaredStrength === null ? null : 1 + (item.declaredStrength - 1) * 2;
    const weight = (declared === null ? 0 : DECLARED_WEIGHT) + item.raterCount;
    const level =
      weight === 0
        ? 0
        : ((declared ?? 0) * (declared === null ? 0 : DECLARED_WEIGHT) + item.raterSum) / weight;
    return {
      code: item.code,
      declaredStrength: item.declaredStrength,
      raterAverage: item.raterCount ? round(item.raterSum / item.raterCount) : null,
      raterCount: item.raterCount,
      level: round(level),
      confidence: round(Math.min(1, (item.raterCount + adoptionCount) / 10)),
    };
  });
}

const round = (value: number) => Math.round(value * 100) / 100;
