import { useInnovationsControllerTaxonomy } from '../../../api/generated/innovations/innovations';
import { pickText } from './text';

/** The taxonomy (learning areas, member kinds, academic standings) and its labels in the reader's language. */
export function useTaxonomy(language: string) {
  const query = useInnovationsControllerTaxonomy({ query: { staleTime: 60 * 60_000 } });
  const taxonomy = query.data?.data;
  const label = (
    list: 'learningAreas' | 'memberKinds' | 'academicStandings',
    code: string | null | undefined,
  ) => {
    if (!code) return '';
    const found = taxonomy?.[list].find((item) => item.code === code);
    return found ? pickText(found, language) : code;
  };
  const options = (list: 'learningAreas' | 'memberKinds' | 'academicStandings') =>
    (taxonomy?.[list] ?? []).map((item) => ({ value: item.code, label: pickText(item, language) }));
  return { query, taxonomy, label, options };
}
