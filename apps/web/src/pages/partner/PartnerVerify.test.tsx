import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../test/render';
import PartnerVerify from './PartnerVerify';

type Answer = { status: number; body: unknown };

function json({ status, body }: Answer): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': status >= 400 ? 'application/problem+json' : 'application/json' },
  });
}

/** A fake API: verify answers come from the queue; the look-ups behind the result find nothing. */
function stubApi(verifyAnswers: Answer[]) {
  const sent: string[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    if (url.endsWith('/api/v1/partner/vouchers/verify')) {
      sent.push((JSON.parse(String(init?.body)) as { code: string }).code);
      const answer = verifyAnswers.shift();
      if (!answer) throw new Error('unexpected verify call');
      return json(answer);
    }
    return json({ status: 200, body: { items: [], nextCursor: null } });
  });
  vi.stubGlobal('fetch', fetchMock);
  return { sent, fetchMock };
}

// A slow shared machine: typing and Mantine's transitions can take a while.
vi.setConfig({ testTimeout: 60_000 });
const user = userEvent.setup({ delay: null });

describe('PartnerVerify', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('sends the code trimmed and shows an accepted voucher in green', async () => {
    const { sent } = stubApi([
      { status: 200, body: { result: 'valid', redemptionId: 'r1', perkTitle: 'ส่วนลด 1,500 บาท' } },
    ]);
    renderWithProviders(<PartnerVerify />);
    await user.type(screen.getByLabelText('รหัสคูปอง'), '  LC-5T2RFKE50DMA  ');
    await user.click(screen.getByTestId('verify-submit'));

    const result = await screen.findByTestId('verify-result');
    expect(sent).toEqual(['LC-5T2RFKE50DMA']);
    expect(result).toHaveAttribute('data-status', 'accepted');
    expect(result).toHaveTextContent('ใช้ได้');
    expect(result).toHaveTextContent('ส่วนลด 1,500 บาท');
  });

  it('refuses a voucher already used, with the reason', async () => {
    stubApi([{ status: 200, body: { result: 'used', redemptionId: 'r1', perkTitle: 'ส่วนลด 1,500 บาท' } }]);
    renderWithProviders(<PartnerVerify />);
    await user.type(screen.getByLabelText('รหัสคูปอง'), 'LC-5T2RFKE50DMA');
    await user.click(screen.getByTestId('verify-submit'));

    const result = await screen.findByTestId('verify-result');
    expect(result).toHaveAttribute('data-status', 'refused');
    expect(result).toHaveTextContent('คูปองนี้ถูกใช้ไปแล้ว');
  });

  it('accepts once and refuses the same code the second time (English)', async () => {
    stubApi([
      { status: 200, body: { result: 'valid', redemptionId: 'r1', perkTitle: 'Tablet discount' } },
      { status: 200, body: { result: 'used', redemptionId: 'r1', perkTitle: 'Tablet discount' } },
    ]);
    renderWithProviders(<PartnerVerify />, { language: 'en' });
    const input = screen.getByLabelText('Voucher code');
    await user.type(input, 'LC-AAA111');
    await user.click(screen.getByTestId('verify-submit'));
    expect(await screen.findByTestId('verify-result')).toHaveAttribute('data-status', 'accepted');

    await user.click(screen.getByTestId('verify-submit'));
    await waitFor(() =>
      expect(screen.getByTestId('verify-result')).toHaveAttribute('data-status', 'refused'),
    );
    expect(screen.getByTestId('verify-result')).toHaveTextContent('already been used');
  });

  it('tries the upper-case form of a code typed in lower case when the exact one is unknown', async () => {
    const { sent } = stubApi([
      { status: 200, body: { result: 'unknown' } },
      { status: 200, body: { result: 'valid', redemptionId: 'r1', perkTitle: 'ส่วนลด' } },
    ]);
    renderWithProviders(<PartnerVerify />);
    await user.type(screen.getByLabelText('รหัสคูปอง'), 'lc-5t2rfke50dma');
    await user.click(screen.getByTestId('verify-submit'));

    expect(await screen.findByTestId('verify-result')).toHaveAttribute('data-status', 'accepted');
    expect(sent).toEqual(['lc-5t2rfke50dma', 'LC-5T2RFKE50DMA']);
  });

  it('refuses an unknown code and explains why', async () => {
    const { sent } = stubApi([{ status: 200, body: { result: 'unknown' } }]);
    renderWithProviders(<PartnerVerify />);
    await user.type(screen.getByLabelText('รหัสคูปอง'), 'NOPE-123');
    await user.click(screen.getByTestId('verify-submit'));

    const result = await screen.findByTestId('verify-result');
    expect(result).toHaveAttribute('data-status', 'refused');
    expect(result).toHaveTextContent('ไม่พบรหัสนี้');
    expect(sent).toEqual(['NOPE-123']);
  });

  it("shows the API's reason when it refuses the request", async () => {
    stubApi([
      {
        status: 400,
        body: { status: 400, title: 'Bad Request', detail: 'รหัสไม่ถูกต้อง', code: 'VALIDATION_FAILED' },
      },
    ]);
    renderWithProviders(<PartnerVerify />);
    await user.type(screen.getByLabelText('รหัสคูปอง'), 'ABC-999');
    await user.click(screen.getByTestId('verify-submit'));

    const result = await screen.findByTestId('verify-result');
    expect(result).toHaveAttribute('data-status', 'refused');
    expect(result).toHaveTextContent('รหัสไม่ถูกต้อง');
  });

  it('does not call the API for a code that is too short', async () => {
    const { fetchMock } = stubApi([]);
    renderWithProviders(<PartnerVerify />);
    await user.type(screen.getByLabelText('รหัสคูปอง'), ' ab ');
    await user.click(screen.getByTestId('verify-submit'));

    expect(await screen.findByText('รหัสคูปองยาว 3–100 ตัวอักษร')).toBeInTheDocument();
    expect(fetchMock).not.toHaveBeenCalled();
    expect(screen.queryByTestId('verify-result')).not.toBeInTheDocument();
  });

  it('says so when there is no camera, and keeps the field', async () => {
    // jsdom has no navigator.mediaDevices, like a phone without a camera or a page served without https.
    stubApi([]);
    renderWithProviders(<PartnerVerify />);
    await user.click(screen.getByTestId('verify-scan'));

    expect(await screen.findByText(/ไม่พบกล้องบนอุปกรณ์นี้/)).toBeInTheDocument();
    expect(screen.getByLabelText('รหัสคูปอง')).toBeInTheDocument();
    expect(screen.getByTestId('verify-scan')).toBeInTheDocument();
  });
});
