import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../../test/render';
import ProvinceMap from './ProvinceMap';
import { colourProvinces, LAKE_ID, NO_DATA_FILL, shapeOf, SHAPES } from './provinces';
import { row } from './testing';

vi.setConfig({ testTimeout: 60_000 });

/** The 77 provinces of the reference data the cockpit names its province rows from (data/reference). */
const PROVINCES = readFileSync(resolve(process.cwd(), '../../data/reference/provinces.csv'), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => {
    const [code, th, en] = line.split(',');
    return { code: code!, th: th!, en: en! };
  });

describe('the map of provinces', () => {
  it('has a shape for every one of the 77 provinces, each its own, and Songkhla Lake apart', () => {
    expect(PROVINCES).toHaveLength(77);
    const unmatched = PROVINCES.filter((province) => !shapeOf(province.en)).map((p) => p.en);
    expect(unmatched).toEqual([]);
    const shapes = new Set(PROVINCES.map((province) => shapeOf(province.en)!.id));
    expect(shapes.size).toBe(77);
    expect(SHAPES).toHaveLength(78);
    expect(shapes.has(LAKE_ID)).toBe(false);
    // The spellings that differ: the reference data's and the map's.
    expect(shapeOf('Lopburi')?.name).toBe('Lop Buri');
    expect(shapeOf('Buri Ram')?.name).toBe('Buriram');
  });

  it('colours each province from its breakdown row, darker for more, grey without data', () => {
    const rows = PROVINCES.map((province) =>
      row(
        province.code,
        province.th,
        province.en,
        province.code === '81' ? 100 : province.code === '10' ? 25 : 0,
      ),
    ).filter((province) => province.key !== '96');
    const { shapes, max, unmatched } = colourProvinces(rows);
    expect(unmatched).toEqual([]);
    expect(max).toBe(100);
    const fill = (id: string) => shapes.find((shape) => shape.id === id)!.fill;
    expect(fill('kbi')).toBe('rgb(0, 77, 73)');
    // Square-root scale: a quarter of the largest is half way.
    expect(fill('bkk')).toBe('rgb(116, 162, 159)');
    expect(fill('cmi')).toBe('rgb(232, 246, 244)');
    // Narathiwat has no row: no data.
    expect(fill('nwt')).toBe(NO_DATA_FILL);
    expect(shapes.find((shape) => shape.id === LAKE_ID)).toBeUndefined();
  });

  it('draws the provinces with their colours and names a tapped one with its value', () => {
    const rows = [row('81', 'กระบี่', 'Krabi', 1234), row('10', 'กรุงเทพมหานคร', 'Bangkok', 0)];
    renderWithProviders(<ProvinceMap rows={rows} unit="count" name="นวัตกรรมที่เผยแพร่" />);
    const krabi = screen.getByTestId('map-province-kbi');
    expect(krabi).toHaveAttribute('fill', 'rgb(0, 77, 73)');
    expect(krabi).toHaveAttribute('data-province', '81');
    expect(screen.getByTestId('map-province-bkk')).toHaveAttribute('fill', 'rgb(232, 246, 244)');
    expect(screen.getByTestId('map-province-cmi')).toHaveAttribute('fill', NO_DATA_FILL);
    expect(screen.getByTestId('province-map').querySelectorAll('path[data-province]')).toHaveLength(77);
    expect(screen.getByTestId('map-tooltip')).toHaveTextContent('แตะจังหวัดเพื่อดูตัวเลข');

    fireEvent.click(krabi);
    expect(screen.getByTestId('map-tooltip')).toHaveTextContent('กระบี่: 1,234');
    fireEvent.click(screen.getByTestId('map-province-cmi'));
    expect(screen.getByTestId('map-tooltip')).toHaveTextContent('Chiang Mai: ไม่มีข้อมูล');
    expect(screen.getByTestId('map-credit')).toHaveTextContent('MapSVG');
    expect(screen.getByTestId('map-credit')).toHaveTextContent('CC BY 4.0');
  });

  it('names the province in English and Thai for an English reader', () => {
    renderWithProviders(<ProvinceMap rows={[row('81', 'กระบี่', 'Krabi', 7)]} unit="people" name="Members" />, {
      language: 'en',
    });
    fireEvent.click(screen.getByTestId('map-province-kbi'));
    expect(screen.getByTestId('map-tooltip')).toHaveTextContent('Krabi (กระบี่): 7 people');
  });
});
