/**
 * Narrowing the nation's breakdowns after a drill-down, with the reference data the pickers already load: the
 * provinces of a region (provinces name their region in Thai) and the areas that cover a province.
 */
import type {
  AreaResponse,
  CockpitBreakdownRowResponse,
  ProvinceResponse,
} from '../../../api/generated/model';
import type { Within } from './cockpitView';

/** The regions of the cockpit's breakdown (libs/cockpit/src/cockpit-labels.ts), by key. */
export const REGIONS: Record<string, { th: string; en: string }> = {
  north: { th: 'ภาคเหนือ', en: 'North' },
  northeast: { th: 'ภาคตะวันออกเฉียงเหนือ', en: 'Northeast' },
  central: { th: 'ภาคกลาง', en: 'Central' },
  east: { th: 'ภาคตะวันออก', en: 'East' },
  west: { th: 'ภาคตะวันตก', en: 'West' },
  south: { th: 'ภาคใต้', en: 'South' },
};

export function narrowRows(
  rows: readonly CockpitBreakdownRowResponse[],
  within: Within | null,
  provinces: readonly ProvinceResponse[] | undefined,
  areas: readonly AreaResponse[] | undefined,
): CockpitBreakdownRowResponse[] {
  if (!within) return [...rows];
  if (within.kind === 'region') {
    const region = REGIONS[within.key];
    if (!region || !provinces) return [...rows];
    const codes = new Set(provinces.filter((p) => p.regionTh === region.th).map((p) => p.code));
    return rows.filter((row) => codes.has(row.key));
  }
  if (!areas) return [...rows];
  const ids = new Set(
    areas.filter((area) => area.provinces.some((p) => p.code === within.key)).map((area) => area.id),
  );
  return rows.filter((row) => ids.has(row.key));
}
