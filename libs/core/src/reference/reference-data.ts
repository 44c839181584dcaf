import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'csv-parse/sync';

/**
 * OBEC's reference lists, shipped in `data/reference/` (copied from the project's shared data): taxonomy,
 * the 77 provinces and the 245 educational service areas. Codes are stable: store the code, show the label.
 */
export interface Labelled {
  code: string;
  th: string;
  en: string;
}

export interface Taxonomy {
  learningAreas: Labelled[];
  gradeLevels: (Labelled & Record<string, unknown>)[];
  competencyFrameworks: (Labelled & { competencies: Labelled[] } & Record<string, unknown>)[];
  activeLearningTechniques: Labelled[];
  memberKinds: Labelled[];
  roles: (Labelled & { scope: string })[];
  academicStandings: Labelled[];
  promotionLevels: (Labelled & { rank: number })[];
  perkCategories: Labelled[];
  eventSessionKinds: Labelled[];
  [list: string]: unknown;
}

export interface ProvinceRow {
  code: string;
  nameTh: string;
  nameEn: string;
  regionTh: string;
}

export interface AreaRow {
  /** Stable key: P<province code>[-<area no>] for primary, S<nn> for secondary areas. */
  code: string;
  level: 'primary' | 'secondary';
  nameTh: string;
  shortNameTh: string;
  nameEn: string;
  areaNo: number | null;
  provinceCodes: string[];
}

let dataDirectory: string | null = null;

export function referenceDataDirectory(): string {
  if (dataDirectory) return dataDirectory;
  for (let dir = __dirname; ; dir = dirname(dir)) {
    const candidate = join(dir, 'data', 'reference');
    if (existsSync(join(candidate, 'taxonomy.json'))) return (dataDirectory = candidate);
    if (dirname(dir) === dir) throw new Error('data/reference not found above ' + __dirname);
  }
}

function readCsv(file: string): Record<string, string>[] {
  return parse(readFileSync(join(referenceDataDirectory(), file), 'utf8'), {
    columns: true,
    skip_empty_lines: true,
    trim: true,
  }) as Record<string, string>[];
}

let taxonomy: Taxonomy | null = null;

export function loadTaxonomy(): Taxonomy {
  taxonomy ??= JSON.parse(readFileSync(join(referenceDataDirectory(), 'taxonomy.json'), 'utf8')) as Taxonomy;
  return taxonomy;
}

export function taxonomyCodes(list: keyof Taxonomy): string[] {
  return (loadTaxonomy()[list] as Labelled[]).map((item) => item.code);
}

export function loadProvinces(): ProvinceRow[] {
  return readCsv('provinces.csv').map((row) => ({
    code: row.code!,
    nameTh: row.name_th!,
    nameEn: row.name_en!,
    regionTh: row.region!,
  }));
}

export class AreaRowError extends Error {}

/** Turns one row of OBEC's area list (esa.csv format) into an area with its stable code. */
export function toAreaRow(row: Record<string, string | undefined>, provinces: ProvinceRow[]): AreaRow {
  const level = row.level?.trim();
  if (level !== 'primary' && level !== 'secondary')
    throw new AreaRowError(`level must be primary or secondary`);
  const nameTh = row.name_th?.trim();
  if (!nameTh) throw new AreaRowError('name_th is required');
  const provinceNames = (row.province_th ?? '')
    .split('|')
    .map((name) => name.trim())
    .filter(Boolean);
  if (provinceNames.length === 0) throw new AreaRowError('province_th is required');
  const matched = provinceNames.map((name) => {
    const province = provinces.find((p) => p.nameTh === name);
    if (!province) throw new AreaRowError(`unknown province "${name}"`);
    return province;
  });
  const areaNoText = row.area_no?.trim();
  const areaNo = areaNoText ? Number(areaNoText) : null;
  // Numbered areas of one province run to a few dozen; a number past 999 is a typo, not an area.
  if (areaNo !== null && (!Number.isInteger(areaNo) || areaNo < 1 || areaNo > 999))
    throw new AreaRowError('area_no must be a whole number from 1 to 999');
  let code: string;
  if (level === 'secondary') {
    const number = Number(row.code?.trim());
    if (!Number.isInteger(number) || number < 1 || number > 99)
      throw new AreaRowError('secondary areas need a code from 1 to 99');
    code = `S${String(number).padStart(2, '0')}`;
  } else {
    code = `P${matched[0]!.code}${areaNo ? `-${areaNo}` : ''}`;
  }
  const prefix = level === 'primary' ? 'สำนักงานเขตพื้นที่การศึกษาประถมศึกษา' : 'สำนักงานเขตพื้นที่การศึกษามัธยมศึกษา';
  const shortPrefix = level === 'primary' ? 'สพป.' : 'สพม.';
  const shortNameTh = nameTh.startsWith(prefix) ? `${shortPrefix}${nameTh.slice(prefix.length)}` : nameTh;
  const levelEn = level === 'primary' ? 'Primary' : 'Secondary';
  const nameEn =
    row.name_en?.trim() ||
    `${matched.map((p) => p.nameEn).join(' ')} ${levelEn} Educational Service Area Office${areaNo ? ` ${areaNo}` : ''}`;
  return { code, level, nameTh, shortNameTh, nameEn, areaNo, provinceCodes: matched.map((p) => p.code) };
}

export function parseAreaCsv(text: string): Record<string, string>[] {
  return parse(text, { columns: true, skip_empty_lines: true, trim: true, bom: true }) as Record<
    string,
    string
  >[];
}

export function loadAreas(): AreaRow[] {
  const provinces = loadProvinces();
  return readCsv('esa.csv').map((row) => toAreaRow(row, provinces));
}
