/**
 * Who is signed in. On start the app asks the API for a new access token with the HttpOnly refresh cookie (a reload
 * keeps the session); the access token stays in memory (api/http.ts). Nothing a script can read holds a token.
 */
import { createContext, ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { apiFetch, authCall, refreshSession, refreshWasUnreachable, setAccessToken } from '../api/http';
import type { MeResponse } from '../api/generated/model';

export type RoleName = MeResponse['roles'][number]['role'];

export interface AuthState {
  status: 'loading' | 'guest' | 'member';
  /** True after the member signed out here: pages for members then go home rather than to the sign-in page. */
  signedOut: boolean;
  me: MeResponse | null;
  hasRole: (...roles: RoleName[]) => boolean;
  signIn: (email: string, password: string) => Promise<MeResponse>;
  /** After registration or a password change the API answers with tokens: adopt them. */
  adoptSession: (accessToken: string) => Promise<MeResponse | null>;
  signOut: () => Promise<void>;
  reloadMe: () => Promise<void>;
}

const AuthContext = createContext<AuthState | null>(null);

async function fetchMe(): Promise<MeResponse | null> {
  try {
    const response = await apiFetch<{ data: MeResponse }>('/api/v1/me', { method: 'GET' });
    return response.data;
  } catch {
    return null;
  }
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<AuthState['status']>('loading');
  const [me, setMe] = useState<MeResponse | null>(null);
  const [signedOut, setSignedOut] = useState(false);

  const adopt = useCallback(async (accessToken: string) => {
    setAccessToken(accessToken);
    setSignedOut(false);
    const profile = await fetchMe();
    setMe(profile);
    setStatus(profile ? 'member' : 'guest');
    return profile;
  }, []);

  useEffect(() => {
    let cancelled = false;
    void (async () => {
      const restored = await refreshSession();
      // Offline, the service worker answers /me and the feed from what this member loaded last (vite.config.ts).
      const profile = restored || refreshWasUnreachable() ? await fetchMe() : null;
      if (cancelled) return;
      setMe(profile);
      setStatus(profile ? 'member' : 'guest');
    })();
    return () => {
      cancelled = true;
    };
  }, []);

  const signIn = useCallback(
    async (email: string, password: string) => {
      const body = await authCall<{ accessToken: string }>('login', { email, password });
      const profile = await adopt(body.accessToken);
      if (!profile) throw new Error('profile');
      queryClient.clear();
      return profile;
    },
    [adopt, queryClient],
  );

  const signOut = useCallback(async () => {
    try {
      await apiFetch('/api/v1/auth/logout', { method: 'POST', headers: { 'x-auth-transport': 'cookie' } });
    } catch {
      // the session may already be over; the cookie is cleared by the next refresh failure
    }
    setAccessToken(null);
    setMe(null);
    setSignedOut(true);
    setStatus('guest');
    queryClient.clear();
    if ('caches' in window) void caches.delete('lc-api-last-seen');
  }, [queryClient]);

  const reloadMe = useCallback(async () => {
    const profile = await fetchMe();
    setMe(profile);
    setStatus(profile ? 'member' : 'guest');
  }, []);

  const value = useMemo<AuthState>(
    () => ({
      status,
      signedOut,
      me,
      hasRole: (...roles) => Boolean(me?.roles.some((grant) => roles.includes(grant.role))),
      signIn,
      adoptSession: adopt,
      signOut,
      reloadMe,
    }),
    [status, signedOut, me, signIn, adopt, signOut, reloadMe],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth outside AuthProvider');
  return value;
}
