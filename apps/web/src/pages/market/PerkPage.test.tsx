import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CataloguePerkResponse } from '../../api/generated/model';
import { renderWithProviders } from '../../test/render';
import PerkPage from './PerkPage';

// Each test walks a whole flow (page, modal, answers); a busy machine needs more than the default 5 s.
vi.setConfig({ testTimeout: 30_000 });
configure({ asyncUtilTimeout: 5000 });

vi.mock('qrcode', () => ({
  default: { toDataURL: vi.fn(async (code: string) => `data:image/png;base64,${btoa(code)}`) },
}));

const PERK: CataloguePerkResponse = {
  id: '01a24d33-0000-7000-8000-000000000001',
  partner: {
    id: '01a24d32-0000-7000-8000-000000000009',
    name: 'ร้านหนังสือบ้านปากกา',
    nameEn: 'Ban Pakka Books',
  },
  title: 'เครื่องดื่ม 1 แก้ว ที่บ้านปากกาคาเฟ่',
  titleEn: 'A drink at Ban Pakka Café',
  description: 'เลือกเครื่องดื่มเมนูใดก็ได้ 1 แก้ว',
  descriptionEn: 'Any drink on the menu',
  category: 'food',
  images: [],
  cost: 250,
  stockLeft: 20,
  perMemberLimit: 1,
  limitPeriod: 'month',
  fulfilment: 'generated_code',
  validFrom: null,
  validUntil: null,
  status: 'live',
  open: true,
  eligible: true,
  myRemaining: 1,
};

type Answer = { status: number; body?: unknown } | Promise<{ status: number; body?: unknown }>;

interface Call {
  url: string;
  method: string;
  key: string | null;
  body: unknown;
}

/** A fake API: the perk, the wallet, and the redemption answers in order. */
function fakeApi({
  perk = PERK,
  spendable = 271,
  redeem = [] as Answer[],
}: { perk?: CataloguePerkResponse; spendable?: number; redeem?: Answer[] } = {}) {
  const calls: Call[] = [];
  const answers = [...redeem];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    const method = init?.method ?? 'GET';
    const headers = new Headers(init?.headers);
    calls.push({
      url,
      method,
      key: headers.get('idempotency-key'),
      body: init?.body ? JSON.parse(String(init.body)) : undefined,
    });
    const reply = (status: number, body?: unknown) =>
      new Response(body === undefined ? null : JSON.stringify(body), {
        status,
        headers: { 'content-type': status >= 400 ? 'application/problem+json' : 'application/json' },
      });
    if (method === 'GET' && url === `/api/v1/perks/${perk.id}`) return reply(200, perk);
    if (method === 'GET' && url === '/api/v1/me/wallet')
      return reply(200, { balance: spendable, pending: 0, spendable, lifetimeEarned: spendable });
    if (method === 'POST' && url === `/api/v1/perks/${perk.id}/redemptions`) {
      const answer = await (answers.shift() ?? { status: 500, body: { status: 500, title: 'no answer' } });
      return reply(answer.status, answer.body);
    }
    return reply(200, { items: [], nextCursor: null });
  });
  vi.stubGlobal('fetch', fetchMock);
  return { calls, redemptions: () => calls.filter((call) => call.method === 'POST') };
}

function renderPerk(language: 'th' | 'en' = 'th', perk = PERK) {
  return renderWithProviders(
    <Routes>
      <Route path="/perks/:id" element={<PerkPage />} />
    </Routes>,
    { route: `/perks/${perk.id}`, language },
  );
}

const RECEIPT = {
  id: '01a24d33-0000-7000-8000-0000000000aa',
  perkId: PERK.id,
  status: 'fulfilled',
  cost: 250,
  voucher: { code: 'LC-7KQ2M9XJ4T', qr: 'data:image/svg+xml;base64,' },
  deadlineAt: null,
  createdAt: '2026-12-06T08:00:00.000Z',
};

async function openConfirmation() {
  const user = userEvent.setup();
  const redeem = await screen.findByTestId('redeem');
  await waitFor(() => expect(screen.getByText(/แลกแล้วเหลือ|left after/)).toBeInTheDocument());
  await user.click(redeem);
  const dialog = await screen.findByRole('dialog');
  return { user, dialog };
}

describe('PerkPage: redeeming', () => {
  beforeEach(() => vi.unstubAllGlobals());
  afterEach(() => vi.unstubAllGlobals());

  it('names the redeem button แลกสิทธิ์ and confirms with the cost and the points left after', async () => {
    fakeApi({ spendable: 271 });
    renderPerk();
    const { dialog } = await openConfirmation();
    expect(screen.getByTestId('redeem')).toHaveTextContent(/^แลกสิทธิ์$/);
    const summary = within(dialog).getByTestId('redeem-summary');
    expect(summary).toHaveTextContent('ใช้พอยท์250 พอยท์');
    expect(summary).toHaveTextContent('พอยท์ที่ใช้ได้ตอนนี้271 พอยท์');
    expect(summary).toHaveTextContent('คงเหลือหลังแลก21 พอยท์');
    expect(within(dialog).getByText('ระบบหักพอยท์ทันทีเมื่อยืนยันการแลก')).toBeInTheDocument();
    expect(within(dialog).getByTestId('redeem-confirm')).toBeEnabled();
  });

  it('sends the same Idempotency-Key again when the member retries after a failure, then shows the voucher', async () => {
    const api = fakeApi({
      redeem: [
        { status: 503, body: { status: 503, title: 'ระบบขัดข้องชั่วคราว', detail: 'ระบบขัดข้องชั่วคราว' } },
        { status: 201, body: RECEIPT },
      ],
    });
    renderPerk();
    const { user, dialog } = await openConfirmation();
    await user.click(within(dialog).getByTestId('redeem-confirm'));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('ระบบขัดข้องชั่วคราว');

    await user.click(within(dialog).getByTestId('redeem-confirm'));
    expect(await screen.findByTestId('voucher-code')).toHaveTextContent(/^LC-7KQ2M9XJ4T$/);
    expect(await screen.findByTestId('voucher-qr')).toHaveAttribute(
      'alt',
      expect.stringContaining('LC-7KQ2M9XJ4T'),
    );
    expect(screen.getByRole('link', { name: 'ดูสิทธิ์ที่แลกแล้ว' })).toHaveAttribute('href', '/me/redemptions');

    const posts = api.redemptions();
    expect(posts).toHaveLength(2);
    expect(posts[0].key).toMatch(/^[0-9a-f-]{36}$/);
    expect(posts[1].key).toBe(posts[0].key);
  });

  it('sends one request however fast the confirm button is tapped twice', async () => {
    let release: (answer: { status: number; body: unknown }) => void = () => undefined;
    const api = fakeApi({ redeem: [new Promise((resolve) => (release = resolve))] });
    renderPerk();
    const { user, dialog } = await openConfirmation();
    const confirm = within(dialog).getByTestId('redeem-confirm');
    await user.click(confirm);
    await user.click(confirm);
    release({ status: 201, body: RECEIPT });
    expect(await screen.findByTestId('voucher-code')).toHaveTextContent('LC-7KQ2M9XJ4T');
    expect(api.redemptions()).toHaveLength(1);
  });

  it('closes only the full-screen voucher on Escape, leaving the receipt open behind it', async () => {
    fakeApi({ redeem: [{ status: 201, body: RECEIPT }] });
    renderPerk();
    const { user, dialog } = await openConfirmation();
    await user.click(within(dialog).getByTestId('redeem-confirm'));
    await user.click(await screen.findByTestId('voucher-fullscreen'));
    await screen.findByTestId('voucher-fullscreen-view');
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByTestId('voucher-fullscreen-view')).not.toBeInTheDocument());
    expect(screen.getByTestId('redeem-success')).toBeInTheDocument();
    expect(screen.getByTestId('voucher-code')).toHaveTextContent('LC-7KQ2M9XJ4T');
  });

  it('makes a new key for a new opening of the confirmation', async () => {
    const refusal = {
      status: 409,
      body: { status: 409, code: 'PERK_OUT_OF_STOCK', detail: 'สิทธิประโยชน์นี้หมดแล้ว' },
    };
    const api = fakeApi({ redeem: [refusal, refusal] });
    renderPerk();
    const first = await openConfirmation();
    await first.user.click(within(first.dialog).getByTestId('redeem-confirm'));
    await within(first.dialog).findByRole('alert');
    await first.user.click(within(first.dialog).getByRole('button', { name: 'ยกเลิก' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());

    const second = await openConfirmation();
    await second.user.click(within(second.dialog).getByTestId('redeem-confirm'));
    await within(second.dialog).findByRole('alert');
    const [a, b] = api.redemptions();
    expect(a.key).toBeTruthy();
    expect(b.key).toBeTruthy();
    expect(b.key).not.toBe(a.key);
  });

  it('shows the reason clearly when the API refuses (not enough points, sold out)', async () => {
    fakeApi({
      redeem: [
        {
          status: 422,
          body: {
            status: 422,
            code: 'LEDGER_INSUFFICIENT_POINTS',
            title: 'พอยท์ไม่เพียงพอ',
            detail: 'พอยท์ไม่เพียงพอ',
          },
        },
        { status: 409, body: { status: 409, code: 'PERK_OUT_OF_STOCK', detail: 'สิทธิประโยชน์นี้หมดแล้ว' } },
      ],
    });
    renderPerk();
    const { user, dialog } = await openConfirmation();
    await user.click(within(dialog).getByTestId('redeem-confirm'));
    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent('พอยท์ไม่พอ');
    expect(alert).toHaveTextContent('พอยท์ไม่เพียงพอ');

    await user.click(within(dialog).getByTestId('redeem-confirm'));
    await waitFor(() => expect(within(dialog).getByRole('alert')).toHaveTextContent('สิทธิ์นี้หมดแล้ว'));
    expect(screen.queryByTestId('voucher-code')).not.toBeInTheDocument();
  });

  it('sends the note to the partner for a perk the partner fulfils by hand, and shows the deadline', async () => {
    const manual = { ...PERK, fulfilment: 'manual' as const };
    const api = fakeApi({
      perk: manual,
      redeem: [
        {
          status: 201,
          body: { ...RECEIPT, status: 'pending', voucher: undefined, deadlineAt: '2026-12-13T08:00:00.000Z' },
        },
      ],
    });
    renderPerk('th', manual);
    const { user, dialog } = await openConfirmation();
    await user.type(within(dialog).getByLabelText('ข้อความถึงภาคี'), 'ไซซ์ L');
    await user.click(within(dialog).getByTestId('redeem-confirm'));
    expect(await within(dialog).findByText(/ภาคีจะดำเนินการภายใน 13 ธ.ค. 2569/)).toBeInTheDocument();
    expect(api.redemptions()[0].body).toEqual({ note: 'ไซซ์ L' });
  });

  it('reads Redeem in English', async () => {
    fakeApi();
    renderPerk('en');
    expect(await screen.findByTestId('redeem')).toHaveTextContent(/^Redeem$/);
    expect(
      await screen.findByRole('heading', { level: 1, name: 'A drink at Ban Pakka Café' }),
    ).toBeInTheDocument();
    expect(screen.getByText('Ban Pakka Books')).toBeInTheDocument();
    expect(screen.queryByText('ร้านหนังสือบ้านปากกา')).not.toBeInTheDocument();
  });
});

describe('PerkPage: why a perk cannot be redeemed', () => {
  afterEach(() => vi.unstubAllGlobals());

  /** Renders the perk and waits for the reason (the wallet may answer after the perk). */
  async function expectReason(perk: CataloguePerkResponse, reason: string, spendable = 1000) {
    fakeApi({ perk, spendable });
    renderPerk('th', perk);
    await waitFor(() => expect(screen.getByTestId('perk-blockers')).toHaveTextContent(reason));
    expect(screen.getByTestId('redeem')).toBeDisabled();
  }

  it('says how many points are missing', async () => {
    await expectReason(PERK, 'พอยท์ยังไม่พอ ขาดอีก 150 พอยท์', 100);
  });

  it('says the per-member limit is reached', async () => {
    await expectReason({ ...PERK, myRemaining: 0 }, 'คุณแลกสิทธิ์นี้ครบจำนวนที่กำหนดแล้ว');
  });

  it('says the perk has ended', async () => {
    await expectReason({ ...PERK, status: 'ended', open: false }, 'สิทธิประโยชน์นี้ปิดรับการแลกแล้ว');
  });

  it('says the perk is sold out', async () => {
    await expectReason({ ...PERK, stockLeft: 0 }, 'สิทธิประโยชน์นี้หมดแล้ว');
  });

  it('says the perk is for other teachers', async () => {
    await expectReason({ ...PERK, eligible: false }, 'สิทธิ์นี้สำหรับครูในพื้นที่หรือกลุ่มที่ภาคีกำหนดเท่านั้น');
  });

  it('lets a member who meets every condition redeem', async () => {
    fakeApi({ spendable: 250 });
    renderPerk();
    await waitFor(() => expect(screen.getByText('แลกแล้วเหลือ 0 พอยท์')).toBeInTheDocument());
    expect(screen.getByTestId('redeem')).toBeEnabled();
    expect(screen.queryByTestId('perk-blockers')).not.toBeInTheDocument();
  });
});
