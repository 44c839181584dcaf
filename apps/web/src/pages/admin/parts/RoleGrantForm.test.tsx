import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../../test/render';
import { RoleGrantForm } from './RoleGrantForm';
import { jsonResponse, MantineTestEnv, stubDocumentFonts } from './testing';

/** The dropdowns open with a transition; a busy machine needs longer than the default second. */
const SLOW = { timeout: 5000 };
const KRABI = '01a24d32-d3ea-7efe-a7fb-2826e8b65da9';
const PHUKET = '01a24d32-d3ea-7efe-a7fb-2826e8b65daa';
const SCHOOL = '01a24d32-d8b1-714d-8010-996e1dc0a725';
const MEMBER = '01a24d32-d941-7159-a9b2-f7d18b113e57';
const PARTNER = '01a24d32-e2cf-79e5-941b-18071bcf64b5';

const area = (id: string, code: string, name: string) => ({
  id,
  code,
  level: 'primary',
  nameTh: `สำนักงานเขตพื้นที่การศึกษาประถมศึกษา${name}`,
  shortNameTh: `สพป.${name}`,
  nameEn: `${code} Primary Educational Service Area Office`,
  areaNo: null,
  provinces: [],
});
const school = {
  id: SCHOOL,
  code: '9990810001',
  nameTh: 'โรงเรียนสาธิตกระบี่ 1',
  nameEn: null,
  areaId: KRABI,
  localOrganisationId: null,
  provinceCode: '81',
};

let requests: { url: string; method: string; body?: unknown }[] = [];

function api(url: string, init?: RequestInit): Response {
  const method = init?.method ?? 'GET';
  requests.push({ url, method, body: init?.body ? JSON.parse(String(init.body)) : undefined });
  const path = url.split('?')[0];
  if (path === '/api/v1/areas')
    return jsonResponse({
      items: [area(KRABI, 'P81', 'กระบี่'), area(PHUKET, 'P83', 'ภูเก็ต')],
      nextCursor: null,
    });
  if (path === `/api/v1/areas/${KRABI}`) return jsonResponse(area(KRABI, 'P81', 'กระบี่'));
  if (path === '/api/v1/schools') return jsonResponse({ items: [school], nextCursor: null });
  if (path === `/api/v1/schools/${SCHOOL}`) return jsonResponse(school);
  if (path === `/api/v1/schools/${SCHOOL}/members`)
    return jsonResponse({
      items: [
        {
          id: MEMBER,
          displayName: 'ครูสมใจ ใฝ่เรียนรู้',
          memberKind: 'teacher',
          schoolId: SCHOOL,
          status: 'active',
        },
      ],
      nextCursor: null,
    });
  if (path === '/api/v1/partners')
    return jsonResponse({
      items: [
        { id: PARTNER, code: 'edutech', nameTh: 'ก้าวกล้า เอดูเทค', nameEn: 'KaoKla EduTech', status: 'active' },
      ],
      nextCursor: null,
    });
  if (path.startsWith('/api/v1/members/'))
    return jsonResponse({
      id: MEMBER,
      displayName: 'ครูสมใจ ใฝ่เรียนรู้',
      school: { id: SCHOOL, name: school.nameTh, areaId: KRABI },
    });
  if (path === '/api/v1/admin/role-grants' && method === 'POST')
    return jsonResponse(
      { id: 'g1', memberId: MEMBER, role: 'moderator', scopeType: 'national', scopeId: null },
      201,
    );
  return jsonResponse({ status: 404 }, 404);
}

async function chooseRole(user: ReturnType<typeof userEvent.setup>, name: string) {
  await user.click(screen.getByRole('combobox', { name: /บทบาท/ }));
  await user.click(await screen.findByRole('option', { name }, SLOW));
}

beforeAll(stubDocumentFonts);
beforeEach(() => {
  requests = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => api(url, init)),
  );
});
afterEach(() => vi.unstubAllGlobals());

describe('RoleGrantForm for an OBEC admin', () => {
  it('offers every role, and the scope field follows the chosen role', async () => {
    const user = userEvent.setup();
    renderWithProviders(
      <MantineTestEnv>
        <RoleGrantForm obec myAreas={[]} onDone={() => undefined} onCancel={() => undefined} />
      </MantineTestEnv>,
    );

    await user.click(screen.getByRole('combobox', { name: /บทบาท/ }));
    const options = (await screen.findAllByRole('option', {}, SLOW)).map((option) => option.textContent);
    expect(options).toEqual([
      'ผู้ดูแลเนื้อหา',
      'ผู้ดูแลระดับสถานศึกษา',
      'ผู้ดูแลระดับเขตพื้นที่',
      'เจ้าหน้าที่ภาคีเครือข่าย',
      'ผู้ดูแลระดับ สพฐ.',
    ]);
    await user.click(screen.getByRole('option', { name: 'ผู้ดูแลเนื้อหา' }));
    expect(screen.getByTestId('grant-scope-national')).toBeInTheDocument();
    expect(screen.queryByRole('combobox', { name: /เขตพื้นที่ที่ดูแล/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('combobox', { name: /โรงเรียนที่ดูแล/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('combobox', { name: /ภาคีเครือข่ายที่ดูแล/ })).not.toBeInTheDocument();

    await chooseRole(user, 'ผู้ดูแลระดับเขตพื้นที่');
    expect(screen.queryByTestId('grant-scope-national')).not.toBeInTheDocument();
    await user.click(screen.getByRole('combobox', { name: /เขตพื้นที่ที่ดูแล/ }));
    expect(await screen.findByRole('option', { name: 'P83 · สพป.ภูเก็ต' }, SLOW)).toBeInTheDocument();
    await user.keyboard('{Escape}');

    await chooseRole(user, 'ผู้ดูแลระดับสถานศึกษา');
    expect(screen.queryByRole('combobox', { name: /เขตพื้นที่ที่ดูแล/ })).not.toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: /โรงเรียนที่ดูแล/ })).toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: /เขตพื้นที่ของโรงเรียน/ })).toBeInTheDocument();

    await chooseRole(user, 'เจ้าหน้าที่ภาคีเครือข่าย');
    expect(screen.queryByRole('combobox', { name: /โรงเรียนที่ดูแล/ })).not.toBeInTheDocument();
    await user.click(screen.getByRole('combobox', { name: /ภาคีเครือข่ายที่ดูแล/ }));
    expect(await screen.findByRole('option', { name: 'ก้าวกล้า เอดูเทค' }, SLOW)).toBeInTheDocument();
  }, 60_000);

  it('grants a national role without a scope', async () => {
    const user = userEvent.setup();
    const onDone = vi.fn();
    renderWithProviders(
      <MantineTestEnv>
        <RoleGrantForm obec myAreas={[]} onDone={onDone} onCancel={() => undefined} />
      </MantineTestEnv>,
    );
    await chooseRole(user, 'ผู้ดูแลเนื้อหา');
    await user.click(screen.getByRole('textbox', { name: /รหัสสมาชิก/ }));
    await user.paste(`https://example.test/members/${MEMBER.toUpperCase()}`);
    expect(await screen.findByTestId('grant-member-preview', {}, SLOW)).toHaveTextContent('ครูสมใจ ใฝ่เรียนรู้');
    await user.click(screen.getByRole('textbox', { name: /เหตุผลที่ให้สิทธิ์/ }));
    await user.paste('ดูแลเนื้อหาภาคใต้');
    await user.click(screen.getByTestId('grant-submit'));
    await waitFor(() => expect(onDone).toHaveBeenCalled(), SLOW);
    expect(requests.find((request) => request.method === 'POST')).toEqual({
      url: '/api/v1/admin/role-grants',
      method: 'POST',
      body: { memberId: MEMBER, role: 'moderator', reason: 'ดูแลเนื้อหาภาคใต้' },
    });
  }, 60_000);

  it('will not send a school admin grant without its school', async () => {
    const user = userEvent.setup();
    renderWithProviders(
      <MantineTestEnv>
        <RoleGrantForm obec myAreas={[]} onDone={() => undefined} onCancel={() => undefined} />
      </MantineTestEnv>,
    );
    await chooseRole(user, 'ผู้ดูแลระดับสถานศึกษา');
    await user.click(screen.getByRole('textbox', { name: /รหัสสมาชิก/ }));
    await user.paste(MEMBER);
    await user.click(screen.getByRole('textbox', { name: /เหตุผลที่ให้สิทธิ์/ }));
    await user.paste('ผู้อำนวยการคนใหม่');
    await user.click(screen.getByTestId('grant-submit'));
    expect(await screen.findByText('กรุณาเลือกโรงเรียน', {}, SLOW)).toBeInTheDocument();
    expect(requests.some((request) => request.method === 'POST')).toBe(false);
  }, 60_000);
});

describe('RoleGrantForm for an area admin', () => {
  it('offers only school admins of schools in the own area, and picks the member from the school', async () => {
    const user = userEvent.setup();
    const onDone = vi.fn();
    renderWithProviders(
      <MantineTestEnv>
        <RoleGrantForm obec={false} myAreas={[KRABI]} onDone={onDone} onCancel={() => undefined} />
      </MantineTestEnv>,
    );

    expect(screen.getByRole('combobox', { name: /บทบาท/ })).toHaveValue('ผู้ดูแลระดับสถานศึกษา');
    await user.click(screen.getByRole('combobox', { name: /บทบาท/ }));
    expect((await screen.findAllByRole('option', {}, SLOW)).map((option) => option.textContent)).toEqual([
      'ผู้ดูแลระดับสถานศึกษา',
    ]);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('combobox', { name: /เขตพื้นที่ของโรงเรียน/ })).not.toBeInTheDocument();
    expect(await screen.findByTestId('grant-own-area', {}, SLOW)).toHaveTextContent('P81 · สพป.กระบี่');

    await user.click(screen.getByRole('combobox', { name: /โรงเรียนที่ดูแล/ }));
    await user.click(await screen.findByRole('option', { name: 'โรงเรียนสาธิตกระบี่ 1' }, SLOW));
    expect(requests.some((request) => request.url === `/api/v1/schools?areaId=${KRABI}`)).toBe(true);

    await user.click(await screen.findByRole('combobox', { name: /เลือกจากสมาชิกของโรงเรียนนี้/ }));
    await user.click(await screen.findByRole('option', { name: 'ครูสมใจ ใฝ่เรียนรู้' }, SLOW));
    expect(screen.getByRole('textbox', { name: /รหัสสมาชิก/ })).toHaveValue(MEMBER);

    await user.click(screen.getByRole('textbox', { name: /เหตุผลที่ให้สิทธิ์/ }));
    await user.paste('แต่งตั้งตามคำสั่งโรงเรียน');
    await user.click(screen.getByTestId('grant-submit'));
    await waitFor(() => expect(onDone).toHaveBeenCalled(), SLOW);
    expect(requests.find((request) => request.method === 'POST')?.body).toEqual({
      memberId: MEMBER,
      role: 'school_admin',
      scopeId: SCHOOL,
      reason: 'แต่งตั้งตามคำสั่งโรงเรียน',
    });
  }, 60_000);
});
