import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  AreaRowError,
  loadAreas,
  loadProvinces,
  loadTaxonomy,
  referenceDataDirectory,
  toAreaRow,
} from './reference-data';

describe('reference data', () => {
  it('has the 245 areas (183 primary, 62 secondary) with unique stable codes over the 77 provinces', () => {
    const areas = loadAreas();
    expect(areas).toHaveLength(245);
    expect(areas.filter((a) => a.level === 'primary')).toHaveLength(183);
    expect(new Set(areas.map((a) => a.code)).size).toBe(245);
    expect(loadProvinces()).toHaveLength(77);
    const provincesCovered = new Set(areas.flatMap((a) => a.provinceCodes));
    expect(provincesCovered.size).toBe(77);
  });

  it('derives codes, short Thai names and English names', () => {
    const provinces = loadProvinces();
    expect(
      toAreaRow(
        {
          level: 'primary',
          name_th: 'สำนักงานเขตพื้นที่การศึกษาประถมศึกษากาญจนบุรี เขต 2',
          province_th: 'กาญจนบุรี',
          area_no: '2',
        },
        provinces,
      ),
    ).toMatchObject({
      code: 'P71-2',
      shortNameTh: 'สพป.กาญจนบุรี เขต 2',
      nameEn: 'Kanchanaburi Primary Educational Service Area Office 2',
    });
    expect(
      toAreaRow(
        {
          code: '7',
          level: 'secondary',
          name_th: 'สำนักงานเขตพื้นที่การศึกษามัธยมศึกษาจันทบุรี ตราด',
          province_th: 'จันทบุรี|ตราด',
        },
        provinces,
      ),
    ).toMatchObject({
      code: 'S07',
      provinceCodes: ['22', '23'],
    });
    expect(() => toAreaRow({ level: 'primary', name_th: 'x', province_th: 'แอตแลนติส' }, provinces)).toThrow(
      AreaRowError,
    );
    expect(() => toAreaRow({ level: 'tertiary', name_th: 'x', province_th: 'กระบี่' }, provinces)).toThrow(
      AreaRowError,
    );
  });

  it('ships taxonomy lists with the roles the access rules use', () => {
    expect(loadTaxonomy().roles.map((r) => r.code)).toEqual([
      'member',
      'partner_staff',
      'school_admin',
      'area_admin',
      'moderator',
      'obec_admin',
    ]);
  });

  it('keeps the copied lists exactly as they were copied (data/reference/SHA256SUMS)', () => {
    const sums = readFileSync(join(referenceDataDirectory(), 'SHA256SUMS'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => line.split(/\s+/) as [string, string]);
    expect(sums.map(([, file]) => file).sort()).toEqual(['esa.csv', 'provinces.csv', 'taxonomy.json']);
    for (const [sum, file] of sums) {
      const actual = createHash('sha256')
        .update(readFileSync(join(referenceDataDirectory(), file)))
        .digest('hex');
      expect({ file, sum: actual }).toEqual({ file, sum });
    }
  });
});
