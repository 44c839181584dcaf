/**
 * Thailand's 77 provinces as shapes, from `@svg-maps/thailand` (MapSVG's map, CC BY 4.0: the credit is shown under
 * the map), matched to the cockpit's province rows by English name. The two spellings differ in spaces only
 * ("Lop Buri" / "Lopburi", "Buriram" / "Buri Ram"), so names are compared without spaces, case or punctuation.
 * The map also draws Songkhla Lake, which is no province and stays uncoloured.
 */
import thailand from '@svg-maps/thailand';

export interface Shape {
  /** The map's own id (bkk, kbi, …). */
  id: string;
  name: string;
  path: string;
}

export const MAP_VIEW_BOX = (thailand as { viewBox: string }).viewBox;
export const LAKE_ID = 'lksg';

export const SHAPES: readonly Shape[] = (
  thailand as { locations: { id: string; name: string; path: string }[] }
).locations.map(({ id, name, path }) => ({ id, name, path }));

/** A province's English name reduced to its letters: "Lop Buri" and "Lopburi" meet. */
export function provinceKey(name: string): string {
  return name.toLowerCase().replace(/[^a-z]/g, '');
}

const SHAPE_BY_NAME = new Map(
  SHAPES.filter((shape) => shape.id !== LAKE_ID).map((s) => [provinceKey(s.name), s]),
);

/** The shape of a province, by its English name (undefined when the map has none). */
export function shapeOf(englishName: string): Shape | undefined {
  return SHAPE_BY_NAME.get(provinceKey(englishName));
}

export interface ProvinceRow {
  key: string;
  th: string;
  en: string;
  value: number | null;
}

/** Light to dark teal: more is darker. Zero has the lightest; a province without data is grey. */
const LOW = [232, 246, 244];
const HIGH = [0, 77, 73];
export const NO_DATA_FILL = '#ced4da';

function mix(fraction: number): string {
  const channel = (i: number) => Math.round(LOW[i]! + (HIGH[i]! - LOW[i]!) * fraction);
  return `rgb(${channel(0)}, ${channel(1)}, ${channel(2)})`;
}

export const LEGEND_GRADIENT = `linear-gradient(to right, ${mix(0)}, ${mix(0.5)}, ${mix(1)})`;

export interface ColouredShape extends Shape {
  row: ProvinceRow | null;
  fill: string;
}

/**
 * Each shape with its province's row and colour: the share of the largest value, on a square-root scale so that
 * Bangkok's numbers do not wash every other province out. Shapes without a row (or with no value) are grey.
 */
export function colourProvinces(rows: readonly ProvinceRow[]): {
  shapes: ColouredShape[];
  lake: Shape | undefined;
  max: number;
  unmatched: ProvinceRow[];
} {
  const byShape = new Map<string, ProvinceRow>();
  const unmatched: ProvinceRow[] = [];
  for (const row of rows) {
    const shape = shapeOf(row.en);
    if (shape) byShape.set(shape.id, row);
    else unmatched.push(row);
  }
  const max = Math.max(0, ...rows.map((row) => row.value ?? 0));
  const shapes = SHAPES.filter((shape) => shape.id !== LAKE_ID).map((shape) => {
    const row = byShape.get(shape.id) ?? null;
    const value = row?.value;
    const fill =
      value == null || !Number.isFinite(value)
        ? NO_DATA_FILL
        : mix(max > 0 ? Math.sqrt(Math.max(0, value) / max) : 0);
    return { ...shape, row, fill };
  });
  return { shapes, lake: SHAPES.find((shape) => shape.id === LAKE_ID), max, unmatched };
}
