/** Fixtures and a fake API for the cockpit's component tests. */
import { useLocation } from 'react-router';
import type {
  CockpitBreakdownRowResponse,
  CockpitKpiResponse,
  CockpitSummaryResponse,
} from '../../../api/generated/model';

export const AREA = '01a24d32-d3ea-7efe-a7fb-2826e8b65da9';
export const OTHER_AREA = '01a24d32-d3ea-7efe-a7fb-2826e8b65daa';
export const SCHOOL = '01a24d33-0000-7000-8000-000000000001';
export const SCHOOL_2 = '01a24d33-0000-7000-8000-000000000002';

export const area = {
  id: AREA,
  code: 'P81',
  level: 'primary',
  nameTh: 'สำนักงานเขตพื้นที่การศึกษาประถมศึกษากระบี่',
  shortNameTh: 'สพป.กระบี่',
  nameEn: 'Krabi Primary Educational Service Area Office',
  areaNo: null,
  provinces: [{ code: '81', nameTh: 'กระบี่', nameEn: 'Krabi' }],
  schoolCount: 2,
  memberCount: 10,
};

export const otherArea = {
  ...area,
  id: OTHER_AREA,
  code: 'S01',
  nameTh: 'สำนักงานเขตพื้นที่การศึกษามัธยมศึกษากรุงเทพมหานคร เขต 1',
  shortNameTh: 'สพม.กรุงเทพมหานคร เขต 1',
  nameEn: 'Bangkok Secondary Educational Service Area Office 1',
  provinces: [{ code: '10', nameTh: 'กรุงเทพมหานคร', nameEn: 'Bangkok' }],
};

export const school = {
  id: SCHOOL,
  code: '1081010001',
  nameTh: 'โรงเรียนบ้านคลองม่วง',
  nameEn: 'Ban Khlong Muang School',
  areaId: AREA,
  localOrganisationId: null,
  provinceCode: '81',
};

export const school2 = {
  ...school,
  id: SCHOOL_2,
  code: '1081010002',
  nameTh: 'โรงเรียนอ่าวนางวิทยา',
  nameEn: 'Ao Nang Wittaya School',
};

function kpi(
  code: string,
  th: string,
  en: string,
  unit: CockpitKpiResponse['unit'],
  value: number | null,
  previous: number | null,
): CockpitKpiResponse {
  return {
    code: code as CockpitKpiResponse['code'],
    th,
    en,
    unit,
    value,
    previous,
    definition: { th: `นิยาม: ${th}`, en: `Definition: ${en}` },
  };
}

export function kpis(published = 1234): CockpitKpiResponse[] {
  return [
    kpi('members_registered', 'สมาชิกที่ลงทะเบียน', 'Members registered', 'people', 12500, 10000),
    kpi('members_active_7d', 'สมาชิกที่ใช้งานใน 7 วัน', 'Members active in 7 days', 'people', 800, 1000),
    kpi('members_active_30d', 'สมาชิกที่ใช้งานใน 30 วัน', 'Members active in 30 days', 'people', 2000, 2000),
    kpi('innovations_published', 'นวัตกรรมที่เผยแพร่', 'Innovations published', 'count', published, 0),
    kpi('ratings', 'การให้คะแนน', 'Ratings', 'count', 5000, 4000),
    kpi('comments', 'ความคิดเห็น', 'Comments', 'count', 300, 400),
    kpi('adoptions', 'การนำนวัตกรรมไปใช้', 'Adoptions', 'count', 25, 20),
    kpi('endorsements', 'การรับรองโดยภาคีเครือข่าย', 'Endorsements', 'count', 2, 2),
    kpi('avg_quality', 'คะแนนคุณภาพเฉลี่ย', 'Average quality', 'score', 4.25, 4),
    kpi(
      'al_capable_teachers',
      'ครูและบุคลากรที่จัดการเรียนรู้เชิงรุกได้ (ตัวชี้วัดที่ 18)',
      'Teachers able to run Active Learning (indicator 18)',
      'people',
      476,
      400,
    ),
    kpi('points_issued', 'พอยท์ที่ออกให้', 'Points issued', 'points', 497000, 500000),
    kpi('points_redeemed', 'พอยท์ที่แลกสิทธิประโยชน์', 'Points redeemed', 'points', 1000, 800),
    kpi('points_outstanding', 'พอยท์คงเหลือในระบบ', 'Points outstanding', 'points', 496000, 499200),
    kpi('redemptions', 'การแลกสิทธิประโยชน์', 'Redemptions', 'count', 4, null),
    kpi(
      'schools_with_active_member_share',
      'ร้อยละของโรงเรียนที่มีสมาชิกใช้งาน',
      'Share of schools with an active member',
      'percent',
      37.5,
      35,
    ),
  ];
}

export function summary(scope: string, from: string, to: string, published = 1234): CockpitSummaryResponse {
  return {
    asOf: '2026-12-07T04:30:00.000Z',
    scope,
    from,
    to,
    previousFrom: '2026-06-01',
    previousTo: '2026-09-30',
    kpis: kpis(published),
  };
}

export function row(key: string, th: string, en: string, value: number | null): CockpitBreakdownRowResponse {
  return { key, th, en, value };
}

export function json(body: unknown, status = 200): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'content-type': status >= 400 ? 'application/problem+json' : 'application/json' },
  });
}

export interface Sent {
  path: string;
  search: URLSearchParams;
}

/** A fake API: `routes` answers by path; the areas and schools of the pickers are answered for all. */
export function fakeApi(routes: Record<string, (sent: Sent) => Response>) {
  const sent: Sent[] = [];
  const fetch = async (url: string) => {
    const parsed = new URL(url, 'http://localhost');
    const request: Sent = { path: parsed.pathname, search: parsed.searchParams };
    sent.push(request);
    const route = routes[request.path];
    if (route) return route(request);
    if (request.path === `/api/v1/areas/${AREA}`) return json(area);
    if (request.path === `/api/v1/areas/${OTHER_AREA}`) return json(otherArea);
    if (request.path === '/api/v1/areas') return json({ items: [area, otherArea], nextCursor: null });
    if (request.path === `/api/v1/schools/${SCHOOL}`) return json(school);
    if (request.path === `/api/v1/schools/${SCHOOL_2}`) return json(school2);
    if (request.path === '/api/v1/schools') return json({ items: [school, school2], nextCursor: null });
    if (request.path === '/api/v1/provinces')
      return json({
        items: [
          { code: '81', nameTh: 'กระบี่', nameEn: 'Krabi', regionTh: 'ภาคใต้' },
          { code: '10', nameTh: 'กรุงเทพมหานคร', nameEn: 'Bangkok', regionTh: 'ภาคกลาง' },
          { code: '90', nameTh: 'สงขลา', nameEn: 'Songkhla', regionTh: 'ภาคใต้' },
        ],
        nextCursor: null,
      });
    return json({ status: 404, title: 'not here' }, 404);
  };
  return {
    fetch,
    sent,
    last: (path: string) => [...sent].reverse().find((request) => request.path === path),
  };
}

/** useAuth as an OBEC admin, an area admin of AREA, or a school admin of SCHOOL. */
export function authAs(kind: 'obec' | 'area' | 'school') {
  const roles =
    kind === 'area'
      ? [{ role: 'area_admin', scopeType: 'area', scopeId: AREA }]
      : kind === 'school'
        ? [{ role: 'school_admin', scopeType: 'school', scopeId: SCHOOL }]
        : [{ role: 'obec_admin', scopeType: 'national', scopeId: null }];
  return {
    status: 'member',
    signedOut: false,
    me: { id: 'me-1', displayName: 'ผู้ดูแล', roles },
    hasRole: (...names: string[]) => roles.some((grant) => names.includes(grant.role)),
  };
}

/** Renders where the router is, so a test can read the address the page wrote. */
export function LocationProbe() {
  const location = useLocation();
  return <output data-testid="location">{`${location.pathname}${location.search}`}</output>;
}

export function searchOf(element: HTMLElement): URLSearchParams {
  return new URLSearchParams((element.textContent ?? '').split('?')[1] ?? '');
}
