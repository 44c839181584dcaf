import { describe, expect, it } from 'vitest';
import { grantsOf, readView } from './cockpitView';
import { defaultInterval, intervalsFor, resolvePeriod } from './period';
import { AREA, OTHER_AREA, SCHOOL } from './testing';

// 7 December 2026, 10:00 in Bangkok: fiscal year 2570.
const NOW = new Date('2026-12-07T03:00:00Z');
const view = (query: string, roles: Parameters<typeof grantsOf>[0]) =>
  readView(new URLSearchParams(query), grantsOf(roles), NOW);

const obec = [{ role: 'obec_admin' as const, scopeId: null }];
const areaAdmin = [{ role: 'area_admin' as const, scopeId: AREA }];
const schoolAdmin = [{ role: 'school_admin' as const, scopeId: SCHOOL }];

describe('the view an address means', () => {
  it('keeps the scope to what the member may see, else their widest', () => {
    expect(view('', obec).scope).toEqual({ kind: 'national', id: null });
    expect(view(`scope=area:${OTHER_AREA}`, obec).scope).toEqual({ kind: 'area', id: OTHER_AREA });
    expect(view('', areaAdmin).scope).toEqual({ kind: 'area', id: AREA });
    expect(view('scope=national', areaAdmin).scope).toEqual({ kind: 'area', id: AREA });
    expect(view(`scope=area:${OTHER_AREA}`, areaAdmin).scope).toEqual({ kind: 'area', id: AREA });
    // A school of the area: the API decides (the page cannot tell a school's area from its id).
    expect(view(`scope=school:${SCHOOL}`, areaAdmin).scope).toEqual({ kind: 'school', id: SCHOOL });
    expect(view(`scope=area:${AREA}`, schoolAdmin).scope).toEqual({ kind: 'school', id: SCHOOL });
    expect(view('', [{ role: 'moderator' as const, scopeId: null }]).scope).toBeNull();
  });

  it('opens each scope on the level below it and refuses dimensions that do not apply', () => {
    expect(view('', obec).dimension).toBe('area');
    expect(view('', areaAdmin).dimension).toBe('school');
    expect(view('', schoolAdmin).dimension).toBe('learningArea');
    expect(view('kpi=ratings', schoolAdmin).dimension).toBe('school');
    expect(view('dim=region', areaAdmin).dimension).toBe('school');
    expect(view('kpi=ratings&dim=partner', obec).dimension).toBe('area');
    expect(view('kpi=redemptions&dim=partner', obec).dimension).toBe('partner');
    expect(view('kpi=nonsense', obec).kpi).toBe('innovations_published');
    expect(view('dim=province&in=region:south', obec).within).toEqual({ kind: 'region', key: 'south' });
    expect(view('dim=area&in=region:south', obec).within).toBeNull();
  });

  it('reads the period presets as Bangkok days, with a fitting interval', () => {
    expect(resolvePeriod('fy', null, null, NOW)).toMatchObject({
      from: '2026-10-01',
      to: '2026-12-07',
      fiscalYear: 2570,
    });
    expect(resolvePeriod('30d', null, null, NOW)).toMatchObject({ from: '2026-11-08', to: '2026-12-07' });
    expect(resolvePeriod('month', null, null, NOW)).toMatchObject({ from: '2026-12-01', to: '2026-12-07' });
    expect(resolvePeriod('fy2568', null, null, NOW)).toMatchObject({ from: '2024-10-01', to: '2025-09-30' });
    expect(resolvePeriod('custom', '2026-01-05', '2026-02-28', NOW)).toMatchObject({
      preset: 'custom',
      from: '2026-01-05',
      to: '2026-02-28',
    });
    // A reversed or impossible range falls back to this fiscal year.
    expect(resolvePeriod('custom', '2026-03-01', '2026-02-01', NOW).preset).toBe('fy');
    expect(resolvePeriod('custom', '2026-02-30', '2026-03-01', NOW).preset).toBe('fy');
    // Just before midnight UTC is already the next day in Bangkok.
    expect(resolvePeriod('month', null, null, new Date('2026-11-30T18:00:00Z')).from).toBe('2026-12-01');

    expect(defaultInterval({ from: '2026-11-08', to: '2026-12-07' })).toBe('day');
    expect(defaultInterval({ from: '2025-10-01', to: '2026-09-30' })).toBe('month');
    expect(defaultInterval({ from: '2018-10-01', to: '2026-09-30' })).toBe('fiscalYear');
    expect(intervalsFor({ from: '2018-10-01', to: '2026-09-30' })).not.toContain('day');
    expect(view('interval=day&period=custom&from=2018-10-01&to=2026-09-30', obec).interval).toBe(
      'fiscalYear',
    );
  });
});
