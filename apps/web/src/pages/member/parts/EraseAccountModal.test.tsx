import { fireEvent, screen, waitFor } from '@testing-library/react';
import { renderWithProviders } from '../../../test/render';
import { EraseAccountModal } from './EraseAccountModal';

afterEach(() => vi.unstubAllGlobals());

describe('erasing the account', () => {
  it('keeps the erase button disabled until the box is ticked and the password typed, then erases', async () => {
    const fetchMock = vi.fn(async () => new Response(null, { status: 204 }));
    vi.stubGlobal('fetch', fetchMock);
    const onErased = vi.fn();
    renderWithProviders(<EraseAccountModal opened onClose={() => undefined} onErased={onErased} />);

    const confirm = await screen.findByTestId('erase-account-confirm');
    expect(confirm).toBeDisabled();

    fireEvent.change(screen.getByLabelText(/ยืนยันด้วยรหัสผ่านปัจจุบัน/), {
      target: { value: 'learn-to-earn-2026' },
    });
    expect(confirm).toBeDisabled();

    fireEvent.click(screen.getByLabelText('ฉันเข้าใจและต้องการลบบัญชีนี้อย่างถาวร'));
    expect(confirm).toBeEnabled();

    fireEvent.click(confirm);
    await waitFor(() => expect(onErased).toHaveBeenCalled());
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/v1/me/erasure');
    expect(init.method).toBe('POST');
    expect(JSON.parse(String(init.body))).toEqual({ password: 'learn-to-earn-2026' });
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it('does not erase when the box is ticked but no password is given', () => {
    vi.stubGlobal('fetch', vi.fn());
    renderWithProviders(<EraseAccountModal opened onClose={() => undefined} onErased={() => undefined} />);
    fireEvent.click(screen.getByLabelText('ฉันเข้าใจและต้องการลบบัญชีนี้อย่างถาวร'));
    expect(screen.getByTestId('erase-account-confirm')).toBeDisabled();
  });
});
