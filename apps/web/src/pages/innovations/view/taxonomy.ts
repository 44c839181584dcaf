/**
 * The taxonomy (learning areas, grades, competencies, techniques) as the reader's language names it. It changes
 * only with a deployment, so it is loaded once per visit.
 */
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useInnovationsControllerTaxonomy } from '../../../api/generated/innovations/innovations';
import type { InnovationsTaxonomyResponse } from '../../../api/generated/model';

export type TaxonomyKind = 'learningAreas' | 'gradeLevels' | 'activeLearningTechniques';

export interface Taxonomy {
  data: InnovationsTaxonomyResponse | undefined;
  isLoading: boolean;
  isError: boolean;
  /** The name of a code in the reader's language; the code itself when unknown. */
  label: (kind: TaxonomyKind, code: string) => string;
  competencyLabel: (code: string) => string;
  /** "ป.5" / "P5": how teachers write a grade. */
  gradeShort: (code: string) => string;
}

export function useTaxonomy(): Taxonomy {
  const { t, i18n } = useTranslation('innovations');
  const query = useInnovationsControllerTaxonomy({ query: { staleTime: Infinity, gcTime: Infinity } });
  const data = query.data?.data;
  const english = i18n.language === 'en';

  const maps = useMemo(() => {
    const byKind = new Map<string, Map<string, { th: string; en: string }>>();
    if (!data) return byKind;
    for (const kind of ['learningAreas', 'gradeLevels', 'activeLearningTechniques'] as const) {
      byKind.set(kind, new Map(data[kind].map((item) => [item.code, item])));
    }
    byKind.set(
      'competencies',
      new Map(
        data.competencyFrameworks.flatMap((framework) => framework.competencies.map((c) => [c.code, c])),
      ),
    );
    return byKind;
  }, [data]);

  const name = useCallback(
    (kind: string, code: string) => {
      const item = maps.get(kind)?.get(code);
      return item ? (english ? item.en : item.th) : code;
    },
    [maps, english],
  );

  const gradeShort = useCallback(
    (code: string) => {
      const match = /^([KPM])(\d+)$/.exec(code);
      return match ? t(`grade.${match[1]}`, { n: match[2] }) : name('gradeLevels', code);
    },
    [t, name],
  );

  return {
    data,
    isLoading: query.isLoading,
    isError: query.isError,
    label: name,
    competencyLabel: (code) => name('competencies', code),
    gradeShort,
  };
}
