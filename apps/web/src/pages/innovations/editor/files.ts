/**
 * Files on the editor: the upload with progress (with one retry after a refreshed session), thumbnails of a
 * draft's images (they need the author's token, so an <img src> alone cannot load them) and readable sizes.
 */
import { useEffect, useState } from 'react';
import { currentAccessToken, refreshSession, uploadWithProgress } from '../../../api/http';
import { ApiError } from '../../../api/http';
import type { InnovationAttachmentResponse } from '../../../api/generated/model';
import { formatNumber } from '../../../format/format';

/** The API's default limit (ATTACHMENT_MAX_BYTES, 25 MB), shown to the teacher before choosing a file. */
export const MAX_UPLOAD_MB = 25;

/** What the API recognises from the content (content-sniffer): PDF, Office and OpenDocument files, images. */
export const ACCEPTED_FILES = [
  '.pdf',
  '.doc',
  '.docx',
  '.docm',
  '.xls',
  '.xlsx',
  '.xlsm',
  '.ppt',
  '.pptx',
  '.pptm',
  '.odt',
  '.ods',
  '.odp',
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
].join(',');
export const ACCEPTED_IMAGES = 'image/png,image/jpeg,image/gif,image/webp';

export type UploadPurpose = 'attachment' | 'cover';

export async function uploadAttachment(
  innovationId: string,
  file: File,
  purpose: UploadPurpose,
  onProgress: (fraction: number) => void,
): Promise<InnovationAttachmentResponse> {
  const send = () => {
    const form = new FormData();
    form.append('purpose', purpose);
    form.append('file', file, file.name);
    return uploadWithProgress<InnovationAttachmentResponse>(
      `/api/v1/innovations/${innovationId}/attachments`,
      form,
      onProgress,
    );
  };
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

async function fetchImage(url: string, signal: AbortSignal): Promise<Response> {
  const token = currentAccessToken();
  return fetch(url, {
    credentials: 'same-origin',
    signal,
    headers: token ? { authorization: `Bearer ${token}` } : undefined,
  });
}

/** An object URL for an image the API serves only to whoever may see the innovation; null until loaded. */
export function useAuthedImage(url: string | null | undefined): { src: string | null; failed: boolean } {
  const [state, setState] = useState<{ url: string | null | undefined; src: string | null; failed: boolean }>(
    {
      url,
      src: null,
      failed: false,
    },
  );
  useEffect(() => {
    if (!url) return undefined;
    const controller = new AbortController();
    let objectUrl: string | null = null;
    void (async () => {
      try {
        let response = await fetchImage(url, controller.signal);
        if (response.status === 401 && (await refreshSession()))
          response = await fetchImage(url, controller.signal);
        if (!response.ok) throw new Error(String(response.status));
        const blob = await response.blob();
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
  }, [url]);
  return state.url === url ? { src: state.src, failed: state.failed } : { src: null, failed: false };
}

/** A size as `t(key, { value })` reads it: "850 KB", "2.4 MB". */
export function sizeOf(bytes: number, language: string): { key: 'size.kb' | 'size.mb'; value: string } {
  if (bytes < 1024 * 1024) {
    return { key: 'size.kb', value: formatNumber(Math.max(1, Math.round(bytes / 1024)), language) };
  }
  return { key: 'size.mb', value: formatNumber(Math.round((bytes / (1024 * 1024)) * 10) / 10, language) };
}

export type FileKind = 'image' | 'pdf' | 'word' | 'excel' | 'powerpoint' | 'document' | 'file';

export function kindOf(contentType: string): FileKind {
  if (contentType.startsWith('image/')) return 'image';
  if (contentType === 'application/pdf') return 'pdf';
  if (contentType.includes('word') || contentType === 'application/msword') return 'word';
  if (contentType.includes('excel') || contentType.includes('spreadsheet')) return 'excel';
  if (contentType.includes('powerpoint') || contentType.includes('presentation')) return 'powerpoint';
  if (contentType.includes('opendocument')) return 'document';
  return 'file';
}
