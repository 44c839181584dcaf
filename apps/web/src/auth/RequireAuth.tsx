import { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageLoader, EmptyState } from '../components/PageState';
import { RoleName, useAuth } from './AuthProvider';

/** Signed-in members only (else to /login and back); with `roles`, only holders of one of them. */
export function RequireAuth({ children, roles }: { children: ReactNode; roles?: RoleName[] }) {
  const { status, signedOut, hasRole } = useAuth();
  const location = useLocation();
  const { t } = useTranslation();
  if (status === 'loading') return <PageLoader />;
  // Who just signed out is not asked to sign in again to come back to the page they left.
  if (status === 'guest' && signedOut) return <Navigate to="/" replace />;
  if (status === 'guest')
    return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  if (roles && !hasRole(...roles))
    return <EmptyState title={t('forbidden.title')}>{t('forbidden.body')}</EmptyState>;
  return <>{children}</>;
}
