/**
 * The one door to the API for the generated client (orval's mutator) and the few hand calls (sign-in, uploads).
 * The access token lives only in this module's memory; the refresh token travels in the HttpOnly `lc_refresh`
 * cookie that the API sets on the auth routes (`X-Auth-Transport: cookie`). A 401 triggers one shared refresh,
 * then the call is repeated once.
 */
export interface Problem {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  code?: string;
  errors?: { field?: string; path?: string; message?: string; code?: string }[];
  [key: string]: unknown;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
  }
  get code(): string | undefined {
    return this.problem.code;
  }
}

export interface Session {
  accessToken: string;
  expiresAt?: string;
}

let accessToken: string | null = null;
let refreshing: Promise<boolean> | null = null;
let refreshUnreachable = false;
const listeners = new Set<(token: string | null) => void>();
let language = 'th';

export function setApiLanguage(value: string): void {
  language = value;
}

export function currentAccessToken(): string | null {
  return accessToken;
}

export function setAccessToken(token: string | null): void {
  accessToken = token;
  for (const listener of listeners) listener(token);
}

export function onAccessToken(listener: (token: string | null) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function headersFor(init: RequestInit | undefined): Headers {
  const headers = new Headers(init?.headers);
  headers.set('accept-language', language);
  if (accessToken && !headers.has('authorization')) headers.set('authorization', `Bearer ${accessToken}`);
  return headers;
}

async function readBody(response: Response): Promise<unknown> {
  if (response.status === 204 || response.status === 205) return undefined;
  const text = await response.text();
  if (!text) return undefined;
  const type = response.headers.get('content-type') ?? '';
  return type.includes('json') ? JSON.parse(text) : text;
}

/** Exchanges the refresh cookie for a new access token; false when there is no session. Shared by every caller. */
export function refreshSession(): Promise<boolean> {
  refreshing ??= (async () => {
    try {
      const response = await fetch('/api/v1/auth/refresh', {
        method: 'POST',
        credentials: 'same-origin',
        headers: {
          'x-auth-transport': 'cookie',
          'content-type': 'application/json',
          'accept-language': language,
        },
        body: '{}',
      });
      refreshUnreachable = false;
      if (!response.ok) {
        setAccessToken(null);
        return false;
      }
      const body = (await response.json()) as { accessToken: string };
      setAccessToken(body.accessToken);
      return true;
    } catch {
      // No network: the session may well be alive; the app shows what it has cached (see AuthProvider).
      refreshUnreachable = true;
      return false;
    } finally {
      setTimeout(() => (refreshing = null), 0);
    }
  })();
  return refreshing;
}

/** Whether the last refresh failed for want of a network (not because the session is over). */
export function refreshWasUnreachable(): boolean {
  return refreshUnreachable;
}

async function send(url: string, init?: RequestInit): Promise<Response> {
  return fetch(url, { ...init, credentials: 'same-origin', headers: headersFor(init) });
}

/** orval's mutator: answers `{ data, status, headers }` and throws ApiError (problem+json) on 4xx/5xx. */
export async function apiFetch<T>(url: string, init?: RequestInit): Promise<T> {
  let response = await send(url, init);
  if (response.status === 401 && accessToken !== null && !url.includes('/auth/')) {
    if (await refreshSession()) response = await send(url, init);
  }
  const data = await readBody(response);
  if (!response.ok) {
    const problem =
      data && typeof data === 'object'
        ? (data as Problem)
        : { status: response.status, title: String(data ?? '') };
    throw new ApiError(response.status, { ...problem, status: response.status });
  }
  return { data, status: response.status, headers: response.headers } as T;
}

/** The auth routes with the cookie transport: the refresh token never reaches script. */
export async function authCall<T>(path: string, body: unknown): Promise<T> {
  const response = await fetch(`/api/v1/auth/${path}`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: {
      'x-auth-transport': 'cookie',
      'content-type': 'application/json',
      'accept-language': language,
    },
    body: JSON.stringify(body ?? {}),
  });
  const data = await readBody(response);
  if (!response.ok) throw new ApiError(response.status, { ...(data as Problem), status: response.status });
  return data as T;
}

/** A multipart upload with progress (fetch cannot report upload progress; XMLHttpRequest can). */
export function uploadWithProgress<T>(
  url: string,
  form: FormData,
  onProgress: (fraction: number) => void,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', url);
    request.withCredentials = true;
    request.setRequestHeader('accept-language', language);
    if (accessToken) request.setRequestHeader('authorization', `Bearer ${accessToken}`);
    request.upload.onprogress = (event) => event.lengthComputable && onProgress(event.loaded / event.total);
    request.onload = () => {
      let data: unknown;
      try {
        data = request.responseText ? (JSON.parse(request.responseText) as unknown) : undefined;
      } catch {
        // not JSON (a proxy's HTML error page, say): the status still tells what happened
        data = { title: request.statusText };
      }
      if (request.status >= 200 && request.status < 300) resolve(data as T);
      else reject(new ApiError(request.status, { ...(data as Problem), status: request.status }));
    };
    request.onerror = () => reject(new ApiError(0, { status: 0, title: 'network' }));
    request.send(form);
  });
}
