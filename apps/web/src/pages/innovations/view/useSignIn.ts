import { useCallback } from 'react';
import { useLocation, useNavigate } from 'react-router';

/** Sends a guest to sign in, and back to this very place afterwards. */
export function useSignIn(): () => void {
  const navigate = useNavigate();
  const location = useLocation();
  return useCallback(() => {
    const next = `${location.pathname}${location.search}${location.hash}`;
    void navigate(`/login?next=${encodeURIComponent(next)}`);
  }, [navigate, location.pathname, location.search, location.hash]);
}
