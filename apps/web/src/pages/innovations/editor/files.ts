/**
 * Files on the editor: the upload with progress (with one retry after a refreshed session) and the kinds of file.
 * A draft's thumbnails need the author's token: see useSessionFile in api/files.ts.
 */
import { uploadWithSession } from '../../../api/files';
import type { InnovationAttachmentResponse } from '../../../api/generated/model';

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
  const form = () => {
    const data = new FormData();
    data.append('purpose', purpose);
    data.append('file', file, file.name);
    return data;
  };
  return uploadWithSession<InnovationAttachmentResponse>(
    `/api/v1/innovations/${innovationId}/attachments`,
    form,
    onProgress,
  );
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
