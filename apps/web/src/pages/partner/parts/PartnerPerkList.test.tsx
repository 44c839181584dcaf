import { screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PerkResponse } from '../../../api/generated/model';
import { renderWithProviders } from '../../../test/render';
import { PartnerPerkList } from './PartnerPerkList';

vi.setConfig({ testTimeout: 30_000 });

const base: PerkResponse = {
  id: '01a24d35-c9a3-72b5-ab99-097b52a7d56f',
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
  stockTotal: null,
  stockLeft: null,
  perMemberLimit: null,
  limitPeriod: 'ever',
  fulfilment: 'generated_code',
  fulfilmentHours: 168,
  validFrom: null,
  validUntil: null,
  eligibility: {},
  status: 'draft',
  createdAt: '2026-11-01T03:00:00.000Z',
  updatedAt: '2026-11-02T20:00:00.000Z',
  review: null,
};

/** Sent back on 3 Nov 2026 in Bangkok (still the 2nd in UTC). */
const returned: PerkResponse = {
  ...base,
  review: { note: 'โปรดระบุเงื่อนไขการใช้สิทธิ์ให้ชัดเจน', at: '2026-11-02T20:00:00.000Z' },
};
const freshDraft: PerkResponse = {
  ...base,
  id: '01a24d35-c9a3-72b5-ab99-097b52a7d570',
  title: 'เวิร์กช็อปครู',
  titleEn: 'Teacher workshop',
};
const live: PerkResponse = {
  ...base,
  id: '01a24d35-c9a3-72b5-ab99-097b52a7d571',
  title: 'ส่วนลดคอร์สออนไลน์',
  titleEn: 'Online course discount',
  status: 'live',
};

let items: PerkResponse[] = [];

beforeEach(() => {
  items = [returned, freshDraft, live];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) =>
      url.split('?')[0] === '/api/v1/partner/perks'
        ? new Response(JSON.stringify({ items, nextCursor: null }), {
            status: 200,
            headers: { 'content-type': 'application/json' },
          })
        : new Response(JSON.stringify({ status: 404 }), {
            status: 404,
            headers: { 'content-type': 'application/problem+json' },
          }),
    ),
  );
});
afterEach(() => vi.unstubAllGlobals());

const card = async (title: string) =>
  (await screen.findAllByTestId('partner-perk')).find((element) =>
    within(element).queryByRole('heading', { name: title }),
  )!;

describe("PartnerPerkList: a perk OBEC sent back shows OBEC's note", () => {
  it('shows the note and the Buddhist Era date (Bangkok time) on the returned draft only', async () => {
    renderWithProviders(<PartnerPerkList />);

    const note = within(await card('คูปองหนังสือ 100 บาท')).getByTestId('perk-review-note');
    expect(note).toHaveTextContent('ผู้ดูแลส่งกลับให้แก้ไข: โปรดระบุเงื่อนไขการใช้สิทธิ์ให้ชัดเจน');
    expect(note).toHaveTextContent('ส่งกลับเมื่อ 3 พ.ย. 2569');
    expect(within(await card('เวิร์กช็อปครู')).queryByTestId('perk-review-note')).not.toBeInTheDocument();
    expect(within(await card('ส่วนลดคอร์สออนไลน์')).queryByTestId('perk-review-note')).not.toBeInTheDocument();
    expect(screen.getAllByTestId('perk-review-note')).toHaveLength(1);
  });

  it('does not show an old note once the perk is no longer a draft', async () => {
    items = [{ ...returned, status: 'ended' }];
    renderWithProviders(<PartnerPerkList />);

    await card('คูปองหนังสือ 100 บาท');
    expect(screen.queryByTestId('perk-review-note')).not.toBeInTheDocument();
  });

  it('says it in English with the Gregorian date', async () => {
    renderWithProviders(<PartnerPerkList />, { language: 'en' });

    const note = within(await card('A 100-baht book voucher')).getByTestId('perk-review-note');
    expect(note).toHaveTextContent('Sent back by OBEC: โปรดระบุเงื่อนไขการใช้สิทธิ์ให้ชัดเจน');
    expect(note).toHaveTextContent('Sent back on 3 Nov 2026.');
  });
});
