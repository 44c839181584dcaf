/**
 * Files the API serves only to a signed-in member (a draft's attachments, a partner's export): the access token
 * lives in memory, so an <img src> or a plain link cannot carry it. They are fetched here with the token (and one
 * retry after a refreshed session), then shown from a blob URL or saved as a file.
 */
import { useEffect, useState } from 'react';
import { ApiError, currentAccessToken, refreshSession, uploadWithProgress } from './http';
import { formatNumber } from '../format/format';

/** A GET with the member's token; a 401 refreshes the session once and asks again. Fails on any non-2xx. */
export async function fetchWithSession(url: string, signal?: AbortSignal): Promise<Response> {
  const send = () => {
    const token = currentAccessToken();
    return fetch(url, {
      credentials: 'same-origin',
      signal,
      headers: token ? { authorization: `Bearer ${token}` } : undefined,
    });
  };
  let response = await send();
  if (response.status === 401 && (await refreshSession())) response = await send();
  if (!response.ok) throw new ApiError(response.status, { status: response.status });
  return response;
}

/**
 * A multipart upload with its progress; a 401 (the access token ran out meanwhile) refreshes the session once and
 * sends the form again from the start. `form` builds a fresh FormData for each try.
 */
export async function uploadWithSession<T>(
  url: string,
  form: () => FormData,
  onProgress: (fraction: number) => void,
): Promise<T> {
  const send = () => uploadWithProgress<T>(url, form(), onProgress);
  try {
    return await send();
  } catch (error) {
    if (error instanceof ApiError && error.status === 401 && (await refreshSession())) {
      onProgress(0);
      return send();
    }
    throw error;
  }
}

/** Saves a blob under `fileName` through a temporary link. */
export function saveBlob(blob: Blob, fileName: string): void {
  const href = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = href;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}

/** Saves a file that needs the token. */
export async function downloadWithSession(url: string, fileName: string): Promise<void> {
  saveBlob(await (await fetchWithSession(url)).blob(), fileName);
}

/**
 * The address an <img> can show: the URL itself when `withToken` is false (public files), else a blob URL of the
 * file fetched with the token (null until loaded; `failed` when it could not be).
 */
export function useSessionFile(
  url: string | null | undefined,
  withToken = true,
): { src: string | null; failed: boolean } {
  const [state, setState] = useState<{ url: string | null | undefined; src: string | null; failed: boolean }>(
    {
      url,
      src: null,
      failed: false,
    },
  );
  useEffect(() => {
    if (!url || !withToken) return undefined;
    const controller = new AbortController();
    let objectUrl: string | null = null;
    void (async () => {
      try {
        const blob = await (await fetchWithSession(url, controller.signal)).blob();
        if (controller.signal.aborted) return;
        objectUrl = URL.createObjectURL(blob);
        setState({ url, src: objectUrl, failed: false });
      } catch {
        if (!controller.signal.aborted) setState({ url, src: null, failed: true });
      }
    })();
    return () => {
      controller.abort();
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [url, withToken]);
  if (!url) return { src: null, failed: false };
  if (!withToken) return { src: url, failed: false };
  return state.url === url ? { src: state.src, failed: state.failed } : { src: null, failed: false };
}

/** A file's size, for `t(…, { value })`: "850" kb, "2.4" mb. */
export function fileSize(bytes: number, language: string): { value: string; unit: 'kb' | 'mb' } {
  if (bytes >= 1024 * 1024) {
    return { value: formatNumber(Math.round((bytes / (1024 * 1024)) * 10) / 10, language), unit: 'mb' };
  }
  return { value: formatNumber(Math.max(1, Math.round(bytes / 1024)), language), unit: 'kb' };
}
