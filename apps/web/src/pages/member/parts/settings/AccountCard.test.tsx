import { fireEvent, screen, waitFor } from '@testing-library/react';
import type { MeResponse } from '../../../../api/generated/model';
import { renderWithProviders } from '../../../../test/render';
import { AccountCard } from './AccountCard';

const me = {
  id: 'm1',
  email: 'kru.new@example.ac.th',
  emailVerified: false,
  displayName: 'ครูใหม่ ใจดี',
} as MeResponse;

afterEach(() => vi.unstubAllGlobals());

describe('the e-mail confirmation status', () => {
  it('offers to send the link again to an unconfirmed address', async () => {
    const fetchMock = vi.fn(async () => new Response(null, { status: 202 }));
    vi.stubGlobal('fetch', fetchMock);
    renderWithProviders(<AccountCard me={me} />, { language: 'en' });

    expect(screen.getByTestId('email-status')).toHaveTextContent('E-mail not confirmed');
    fireEvent.click(screen.getByRole('button', { name: 'Send the link again' }));

    await waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(1));
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/v1/me/verify-email');
    expect(init.method).toBe('POST');
  });

  it('shows a confirmed address without the button', () => {
    vi.stubGlobal('fetch', vi.fn());
    renderWithProviders(<AccountCard me={{ ...me, emailVerified: true }} />, { language: 'en' });
    expect(screen.getByTestId('email-status')).toHaveTextContent('E-mail confirmed');
    expect(screen.queryByRole('button', { name: 'Send the link again' })).not.toBeInTheDocument();
  });
});
