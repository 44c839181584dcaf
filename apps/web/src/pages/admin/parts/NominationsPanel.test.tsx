import { Notifications } from '@mantine/notifications';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { NominationResponse } from '../../../api/generated/model';
import { renderWithProviders } from '../../../test/render';
import { NominationsPanel } from './NominationsPanel';
import { jsonResponse, stubDocumentFonts } from './testing';

vi.setConfig({ testTimeout: 30_000 });

const AREA = '01a24f65-3843-775f-82fb-1031141c7b30';

function nomination(
  id: string,
  name: string,
  status: NominationResponse['status'],
  extra: Partial<NominationResponse> = {},
): NominationResponse {
  return {
    id,
    member: { id: `member-${id}`, displayName: name, schoolId: null },
    areaId: AREA,
    nominatedBy: { id: 'area-admin', displayName: 'ศน.ปรีชา นิเทศดี' },
    statement: `${name} พัฒนาหลักสูตรที่โรงเรียนในเขตนำไปใช้กว่า 12 แห่ง และเป็นพี่เลี้ยงให้ครูรุ่นใหม่`,
    status,
    reason: null,
    createdAt: '2026-12-01T03:00:00.000Z',
    decidedAt: status === 'pending' ? null : '2026-12-03T03:00:00.000Z',
    ...extra,
  };
}

let all: NominationResponse[] = [];
let requests: { path: string; search: string; method: string; body?: unknown }[] = [];

function api(url: string, init?: RequestInit): Response {
  const method = init?.method ?? 'GET';
  const [path, search = ''] = url.split('?') as [string, string?];
  requests.push({ path, search, method, body: init?.body ? JSON.parse(String(init.body)) : undefined });
  if (path === '/api/v1/recognition/nominations') {
    const status = new URLSearchParams(search).get('status');
    return jsonResponse({ items: all.filter((item) => !status || item.status === status), nextCursor: null });
  }
  const decision = /^\/api\/v1\/admin\/recognition\/nominations\/([^/]+)\/(approve|reject)$/.exec(path);
  if (decision && method === 'POST') {
    const item = all.find((candidate) => candidate.id === decision[1])!;
    item.status = decision[2] === 'approve' ? 'approved' : 'rejected';
    item.decidedAt = '2026-12-07T03:00:00.000Z';
    if (decision[2] === 'reject') item.reason = (JSON.parse(String(init!.body)) as { reason: string }).reason;
    return jsonResponse(item);
  }
  return jsonResponse({ status: 404, title: 'not found' }, 404);
}

const decisions = () => requests.filter((request) => request.method === 'POST');

beforeAll(stubDocumentFonts);
beforeEach(() => {
  all = [
    nomination('n1', 'ครูสุดา รักษ์ทะเล', 'pending'),
    nomination('n2', 'ครูอารีย์ ใจดี', 'rejected', { reason: 'ยังขาดหลักฐานการนำไปใช้นอกเขต' }),
    nomination('n3', 'ครูมาลี อักษรงาม', 'approved'),
  ];
  requests = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => api(url, init)),
  );
});
afterEach(() => vi.unstubAllGlobals());

function renderPanel(obec: boolean, language: 'th' | 'en' = 'th') {
  return renderWithProviders(
    <>
      <Notifications />
      <NominationsPanel obec={obec} />
    </>,
    { language },
  );
}

describe('NominationsPanel for OBEC: deciding', () => {
  it('shows the waiting nominations with their statement, and approving one takes it off the list', async () => {
    const user = userEvent.setup();
    renderPanel(true);

    const card = await screen.findByRole('article', { name: 'ครูสุดา รักษ์ทะเล' });
    expect(screen.getAllByRole('article')).toHaveLength(1);
    expect(within(card).getByText('รอพิจารณา')).toBeInTheDocument();
    expect(within(card).getByText('เสนอชื่อเป็นผู้ทรงอิทธิพลด้านการศึกษา')).toBeInTheDocument();
    expect(
      within(card).getByText(/ครูสุดา รักษ์ทะเล พัฒนาหลักสูตรที่โรงเรียนในเขตนำไปใช้กว่า 12 แห่ง/),
    ).toBeInTheDocument();
    expect(within(card).getByText(/^เสนอโดย ศน.ปรีชา นิเทศดี · 1 ธ.ค. 2569$/)).toBeInTheDocument();

    await user.click(within(card).getByRole('button', { name: 'อนุมัติ ครูสุดา รักษ์ทะเล' }));
    await waitFor(() => expect(decisions()).toHaveLength(1));
    expect(decisions()[0]!.path).toBe('/api/v1/admin/recognition/nominations/n1/approve');
    expect(await screen.findByText('อนุมัติการเสนอชื่อ ครูสุดา รักษ์ทะเล แล้ว')).toBeInTheDocument();
    expect(await screen.findByText('ไม่มีการเสนอชื่อรอพิจารณา')).toBeInTheDocument();
  });

  it('rejects only with a reason, which the area then reads', async () => {
    const user = userEvent.setup();
    renderPanel(true);

    const card = await screen.findByRole('article', { name: 'ครูสุดา รักษ์ทะเล' });
    await user.click(within(card).getByRole('button', { name: 'ไม่อนุมัติ ครูสุดา รักษ์ทะเล' }));
    const dialog = await screen.findByRole('dialog', { name: 'ไม่อนุมัติการเสนอชื่อ' });
    expect(
      within(dialog).getByText('เขตพื้นที่จะเห็นเหตุผลนี้ และเสนอชื่อ ครูสุดา รักษ์ทะเล ใหม่ได้ภายหลัง'),
    ).toBeInTheDocument();

    await user.click(within(dialog).getByRole('button', { name: 'ไม่อนุมัติ' }));
    expect(await within(dialog).findByText('กรุณาเขียนเหตุผลอย่างน้อย 3 ตัวอักษร')).toBeInTheDocument();
    expect(decisions()).toHaveLength(0);

    await user.type(
      within(dialog).getByRole('textbox', { name: /เหตุผลที่ไม่อนุมัติ/ }),
      '  ยังไม่มีผลการนำไปใช้นอกเขต  ',
    );
    await user.click(within(dialog).getByRole('button', { name: 'ไม่อนุมัติ' }));
    await waitFor(() => expect(decisions()).toHaveLength(1));
    expect(decisions()[0]).toMatchObject({
      path: '/api/v1/admin/recognition/nominations/n1/reject',
      body: { reason: 'ยังไม่มีผลการนำไปใช้นอกเขต' },
    });
    expect(await screen.findByText('ไม่มีการเสนอชื่อรอพิจารณา')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'ไม่อนุมัติ' }));
    const rejected = await screen.findByRole('article', { name: 'ครูสุดา รักษ์ทะเล' });
    expect(within(rejected).getByText('ยังไม่มีผลการนำไปใช้นอกเขต')).toBeInTheDocument();
    expect(within(rejected).queryByRole('button', { name: /อนุมัติ/ })).not.toBeInTheDocument();
  });
});

describe('NominationsPanel for an area admin: following what they sent', () => {
  it('lists every nomination of their areas with its status and the reason of a rejection, without decisions', async () => {
    renderPanel(false);

    const cards = await screen.findAllByRole('article');
    expect(cards).toHaveLength(3);
    expect(screen.getByRole('button', { name: 'ทั้งหมด' })).toHaveAttribute('aria-pressed', 'true');
    const rejected = screen.getByRole('article', { name: 'ครูอารีย์ ใจดี' });
    expect(within(rejected).getByText('ไม่อนุมัติ')).toBeInTheDocument();
    expect(within(rejected).getByText('ไม่อนุมัติเมื่อ 3 ธ.ค. 2569')).toBeInTheDocument();
    expect(within(rejected).getByText('ยังขาดหลักฐานการนำไปใช้นอกเขต')).toBeInTheDocument();
    expect(
      within(screen.getByRole('article', { name: 'ครูมาลี อักษรงาม' })).getByText('อนุมัติแล้ว'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^อนุมัติ / })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^ไม่อนุมัติ / })).not.toBeInTheDocument();
    expect(requests[0]!.search).toBe('');
  });

  it('says it in English', async () => {
    const user = userEvent.setup();
    renderPanel(false, 'en');
    expect(await screen.findByText('Nominations for Education Influencer')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Rejected' }));
    const card = await screen.findByRole('article', { name: 'ครูอารีย์ ใจดี' });
    await waitFor(() => expect(screen.getAllByRole('article')).toHaveLength(1));
    expect(within(card).getByText('Rejected on 3 Dec 2026')).toBeInTheDocument();
    expect(within(card).getByText(/^By ศน.ปรีชา นิเทศดี · 1 Dec 2026$/)).toBeInTheDocument();
    expect(within(card).getByText('Reason:')).toBeInTheDocument();
  });
});
