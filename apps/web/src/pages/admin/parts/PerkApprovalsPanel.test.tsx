import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PerkResponse } from '../../../api/generated/model';
import { renderWithProviders } from '../../../test/render';
import { PerkApprovalsPanel } from './PerkApprovalsPanel';
import { jsonResponse, stubDocumentFonts } from './testing';

vi.setConfig({ testTimeout: 30_000 });

const PERK = '01a24d35-c9a3-72b5-ab99-097b52a7d56f';

const perk: PerkResponse = {
  id: PERK,
  partnerId: '01a24d32-e2cf-79e5-941b-18071bcf64b5',
  partnerName: 'สำนักพิมพ์เพื่อครู',
  partnerNameEn: 'Books for Teachers',
  title: 'คูปองหนังสือ 100 บาท',
  titleEn: 'A 100-baht book voucher',
  description: 'ใช้ได้ที่ร้านหนังสือทุกสาขา',
  descriptionEn: null,
  category: 'voucher',
  images: [],
  cost: 150,
  stockTotal: 40,
  stockLeft: 40,
  perMemberLimit: null,
  limitPeriod: 'ever',
  fulfilment: 'generated_code',
  fulfilmentHours: 168,
  validFrom: null,
  validUntil: null,
  eligibility: {},
  status: 'pending_approval',
  createdAt: '2026-11-02T03:00:00.000Z',
  updatedAt: '2026-11-02T03:00:00.000Z',
  review: null,
};

let pending: PerkResponse[] = [];
let returnAnswer: Response | null = null;
let requests: { path: string; method: string; body?: unknown }[] = [];

function api(url: string, init?: RequestInit): Response {
  const method = init?.method ?? 'GET';
  const path = url.split('?')[0]!;
  requests.push({ path, method, body: init?.body ? JSON.parse(String(init.body)) : undefined });
  if (path === '/api/v1/taxonomy')
    return jsonResponse({
      perkCategories: [{ code: 'voucher', th: 'บัตรกำนัล', en: 'Voucher' }],
      memberKinds: [],
    });
  if (path === '/api/v1/admin/perks/pending') return jsonResponse({ items: pending, nextCursor: null });
  if (path === `/api/v1/admin/perks/${PERK}/return` && method === 'POST') {
    if (returnAnswer) return returnAnswer;
    const reason = (JSON.parse(String(init!.body)) as { reason: string }).reason;
    pending = [];
    return jsonResponse({
      ...perk,
      status: 'draft',
      review: { note: reason, at: '2026-11-03T02:00:00.000Z' },
    });
  }
  return jsonResponse({ status: 404 }, 404);
}

const returnCalls = () => requests.filter((r) => r.method === 'POST' && r.path.endsWith('/return'));

beforeAll(stubDocumentFonts);
beforeEach(() => {
  pending = [perk];
  returnAnswer = null;
  requests = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => api(url, init)),
  );
});
afterEach(() => vi.unstubAllGlobals());

describe('PerkApprovalsPanel: sending a perk back', () => {
  it('asks what to change, sends the trimmed note, and the perk leaves the queue', async () => {
    const user = userEvent.setup();
    renderWithProviders(<PerkApprovalsPanel />);

    await user.click(await screen.findByRole('button', { name: 'ส่งกลับให้แก้ไข คูปองหนังสือ 100 บาท' }));
    const dialog = await screen.findByRole('dialog', { name: 'ส่งกลับให้ภาคีเครือข่ายแก้ไข' });
    expect(within(dialog).getByText(/“คูปองหนังสือ 100 บาท” จะกลับไปเป็นฉบับร่าง/)).toBeInTheDocument();

    // Nothing written yet: the note is required, nothing is sent.
    await user.click(within(dialog).getByRole('button', { name: 'ส่งกลับ' }));
    expect(await within(dialog).findByText('กรุณาบอกภาคีเครือข่ายว่าต้องแก้ไขอะไร')).toBeInTheDocument();
    expect(returnCalls()).toHaveLength(0);

    await user.type(
      within(dialog).getByRole('textbox', { name: /สิ่งที่ต้องแก้ไข/ }),
      '  โปรดระบุเงื่อนไขการใช้สิทธิ์ให้ชัดเจน  ',
    );
    await user.click(within(dialog).getByRole('button', { name: 'ส่งกลับ' }));

    await waitFor(() => expect(returnCalls()).toHaveLength(1));
    expect(returnCalls()[0]!.body).toEqual({ reason: 'โปรดระบุเงื่อนไขการใช้สิทธิ์ให้ชัดเจน' });
    expect(await screen.findByText('ไม่มีสิทธิประโยชน์รออนุมัติ')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  });

  it('keeps the dialog open with the API’s problem when the perk can no longer be sent back', async () => {
    returnAnswer = jsonResponse(
      {
        status: 409,
        code: 'PERK_INVALID_TRANSITION',
        title: 'ไม่สามารถเปลี่ยนสถานะสิทธิประโยชน์นี้ได้',
      },
      409,
    );
    const user = userEvent.setup();
    renderWithProviders(<PerkApprovalsPanel />);

    await user.click(await screen.findByRole('button', { name: 'ส่งกลับให้แก้ไข คูปองหนังสือ 100 บาท' }));
    const dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByRole('textbox', { name: /สิ่งที่ต้องแก้ไข/ }), 'รูปภาพไม่ชัด');
    await user.click(within(dialog).getByRole('button', { name: 'ส่งกลับ' }));

    expect(await within(dialog).findByRole('alert')).toHaveTextContent('ไม่สามารถเปลี่ยนสถานะสิทธิประโยชน์นี้ได้');
    expect(screen.getByTestId('pending-perk')).toBeInTheDocument();
  });

  it('refuses a note longer than the API takes, before sending it', async () => {
    const user = userEvent.setup();
    renderWithProviders(<PerkApprovalsPanel />);

    await user.click(await screen.findByRole('button', { name: 'ส่งกลับให้แก้ไข คูปองหนังสือ 100 บาท' }));
    const dialog = await screen.findByRole('dialog');
    const field = within(dialog).getByRole('textbox', { name: /สิ่งที่ต้องแก้ไข/ });
    await user.click(field);
    await user.paste('ก'.repeat(1001));
    await user.click(within(dialog).getByRole('button', { name: 'ส่งกลับ' }));

    expect(await within(dialog).findByText('ข้อความยาวได้ไม่เกิน 1,000 ตัวอักษร')).toBeInTheDocument();
    expect(returnCalls()).toHaveLength(0);
  });

  it('says it in English', async () => {
    const user = userEvent.setup();
    renderWithProviders(<PerkApprovalsPanel />, { language: 'en' });
    expect(await screen.findByText('Books for Teachers')).toBeInTheDocument();
    expect(screen.queryByText('สำนักพิมพ์เพื่อครู')).not.toBeInTheDocument();

    await user.click(await screen.findByRole('button', { name: 'Send back A 100-baht book voucher' }));
    const dialog = await screen.findByRole('dialog', { name: 'Send back to the partner' });
    expect(within(dialog).getByRole('textbox', { name: /What should change/ })).toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: 'Send back' })).toBeInTheDocument();
  });
});
