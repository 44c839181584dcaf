import { DomainError, loadTaxonomy, taxonomyCodes } from '@lc/core';
import { InnovationErrors } from './innovations-errors';

export const LICENSES = ['CC-BY', 'CC-BY-SA', 'CC-BY-NC', 'ARR'] as const;

function assertCodes(list: string, given: string[], known: string[]): void {
  const unknown = given.filter((code) => !known.includes(code));
  if (unknown.length)
    throw new DomainError(InnovationErrors.INNOVATION_UNKNOWN_CODE, `Unknown ${list}: ${unknown.join(', ')}`);
}

/** Competency codes all come from one framework of the taxonomy (CBC or KC51), each with a strength of 1–3. */
export function assertTaxonomy(content: {
  learningAreas: string[];
  gradeLevels: string[];
  competencies: { code: string; strength: number }[];
  techniques: string[];
}): void {
  assertCodes('learning areas', content.learningAreas, taxonomyCodes('learningAreas'));
  assertCodes('grade levels', content.gradeLevels, taxonomyCodes('gradeLevels'));
  assertCodes('techniques', content.techniques, taxonomyCodes('activeLearningTechniques'));
  const frameworks = loadTaxonomy().competencyFrameworks;
  const codes = content.competencies.map((c) => c.code);
  assertCodes(
    'competencies',
    codes,
    frameworks.flatMap((f) => f.competencies.map((c) => c.code)),
  );
  const used = new Set(
    frameworks.filter((f) => f.competencies.some((c) => codes.includes(c.code))).map((f) => f.code),
  );
  if (used.size > 1) {
    throw new DomainError(
      InnovationErrors.INNOVATION_UNKNOWN_CODE,
      'Competencies must come from one framework',
    );
  }
  if (new Set(codes).size !== codes.length) {
    throw new DomainError(InnovationErrors.INNOVATION_UNKNOWN_CODE, 'Each competency may appear once');
  }
}

export function labelOf(list: 'competencyFrameworks', code: string): { th: string; en: string } | null {
  for (const framework of loadTaxonomy()[list]) {
    const found = framework.competencies.find((c) => c.code === code);
    if (found) return { th: found.th, en: found.en };
  }
  return null;
}
