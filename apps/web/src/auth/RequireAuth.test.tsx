import { screen } from '@testing-library/react';
import { Route, Routes, useLocation } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../test/render';
import { RequireAuth } from './RequireAuth';
import { signInLink } from './signInLink';

const auth = vi.hoisted(() => ({ status: 'guest', signedOut: false }));
vi.mock('./AuthProvider', () => ({
  useAuth: () => ({ ...auth, hasRole: () => false }),
}));

function Where() {
  const location = useLocation();
  return <p data-testid="where">{location.pathname + location.search}</p>;
}

function renderAt(path: string) {
  renderWithProviders(
    <Routes>
      <Route
        path="/wallet"
        element={
          <RequireAuth>
            <p>wallet</p>
          </RequireAuth>
        }
      />
      <Route path="*" element={<Where />} />
    </Routes>,
    { route: path },
  );
}

describe('pages for members', () => {
  it('send a guest to sign in, then back to the page with its search', () => {
    auth.signedOut = false;
    renderAt('/wallet?tab=statement');
    expect(screen.getByTestId('where')).toHaveTextContent('/login?next=%2Fwallet%3Ftab%3Dstatement');
  });

  it('send whoever just signed out home, not to the sign-in page', () => {
    auth.signedOut = true;
    renderAt('/wallet');
    expect(screen.getByTestId('where')).toHaveTextContent(/^\/$/);
  });
});

describe('the sign-in link of the header', () => {
  it('comes back to the page and its search, but not to the account pages', () => {
    expect(signInLink('/innovations', '?q=โครงงาน')).toBe(
      `/login?next=${encodeURIComponent('/innovations?q=โครงงาน')}`,
    );
    expect(signInLink('/register', '')).toBe('/login');
    expect(signInLink('/', '')).toBe('/login');
  });
});
