/**
 * Attachments of published work are public, so <img> and <a download> fetch them directly. Work that is not
 * published (a draft, or hidden by a moderator) is readable only with the member's token, which lives in memory:
 * those files are fetched here and shown from a blob URL.
 */
import { useEffect, useState } from 'react';
import { ApiError, currentAccessToken, refreshSession } from '../../../api/http';
import { formatNumber } from '../../../format/format';

async function fetchWithToken(url: string): Promise<Response> {
  const send = () => {
    const token = currentAccessToken();
    return fetch(url, {
      credentials: 'same-origin',
      headers: token ? { authorization: `Bearer ${token}` } : undefined,
    });
  };
  let response = await send();
  if (response.status === 401 && (await refreshSession())) response = await send();
  if (!response.ok) throw new ApiError(response.status, { status: response.status });
  return response;
}

/** The URL an <img> can show: the address itself, or a blob URL of the file fetched with the token. */
export function useFileSrc(url: string | null, withToken: boolean): string | undefined {
  const [blobUrl, setBlobUrl] = useState<string>();
  useEffect(() => {
    if (!url || !withToken) return undefined;
    let revoked = false;
    let created: string | undefined;
    void fetchWithToken(url)
      .then((response) => response.blob())
      .then((blob) => {
        if (revoked) return;
        created = URL.createObjectURL(blob);
        setBlobUrl(created);
      })
      .catch(() => undefined);
    return () => {
      revoked = true;
      if (created) URL.revokeObjectURL(created);
    };
  }, [url, withToken]);
  if (!url) return undefined;
  return withToken ? blobUrl : url;
}

/** Saves a file that needs the token. */
export async function downloadWithToken(url: string, fileName: string): Promise<void> {
  const blob = await (await fetchWithToken(url)).blob();
  const href = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = href;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}

/** "1.2 MB" / "340 KB". */
export function formatSize(bytes: number, language: string): { value: string; unit: 'kb' | 'mb' } {
  if (bytes >= 1024 * 1024) {
    return { value: formatNumber(Math.round((bytes / (1024 * 1024)) * 10) / 10, language), unit: 'mb' };
  }
  return { value: formatNumber(Math.max(1, Math.round(bytes / 1024)), language), unit: 'kb' };
}
