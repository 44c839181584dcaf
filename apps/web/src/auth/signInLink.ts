/** The sign-in page, then back here (with the search part); not back to the account pages or home. */
export function signInLink(pathname: string, search: string): string {
  if (
    pathname === '/' ||
    ['/register', '/forgot-password', '/reset-password', '/verify-email'].includes(pathname)
  )
    return '/login';
  return `/login?next=${encodeURIComponent(pathname + search)}`;
}
