/**
 * Pictures of a perk: an https link, or a picture uploaded from the phone (`POST /partner/perk-images`), which the
 * API serves on this origin at `/api/v1/perk-images/<id>`. The upload reports its progress and is sent once more
 * after a refreshed session.
 */
import { getPerkImagesControllerUploadUrl } from '../../../api/generated/marketplace/marketplace';
import type { PerkImageResponse } from '../../../api/generated/model';
import { uploadWithSession } from '../../../api/files';
import { ApiError } from '../../../api/http';

/** The API's limit for a perk picture, shown before choosing one and checked before sending it. */
export const MAX_PERK_IMAGE_MB = 5;
export const MAX_PERK_IMAGE_BYTES = MAX_PERK_IMAGE_MB * 1024 * 1024;

/** What the API keeps (read from the content): JPEG, PNG and WebP. */
export const ACCEPTED_PERK_IMAGES = 'image/jpeg,image/png,image/webp';

const UPLOADED_PATH =
  /^\/api\/v1\/perk-images\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A picture uploaded to the platform, as the upload answers its url. */
export function isUploadedImage(value: string): boolean {
  return UPLOADED_PATH.test(value.trim());
}

function isHttpsUrl(value: string): boolean {
  try {
    const url = new URL(value.trim());
    return url.protocol === 'https:' && Boolean(url.hostname);
  } catch {
    return false;
  }
}

/** What a perk's images may hold: an https link or an uploaded picture's path (the API refuses anything else). */
export function isPerkImage(value: string): boolean {
  return isHttpsUrl(value) || isUploadedImage(value);
}

/** Why a file cannot be a perk picture, before sending it: the i18n key under partner:editor.upload, or null. */
export function refusedBeforeUpload(file: File): 'tooLarge' | 'unsupported' | null {
  if (file.size > MAX_PERK_IMAGE_BYTES) return 'tooLarge';
  // Some phones give no type; the API reads the content anyway.
  if (file.type && !ACCEPTED_PERK_IMAGES.split(',').includes(file.type)) return 'unsupported';
  return null;
}

/** The i18n key (under partner:editor.upload) of what went wrong with an upload. */
export function uploadErrorKey(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 0) return 'offline';
    if (error.status === 413 || error.code === 'ATTACHMENT_TOO_LARGE') return 'tooLarge';
    if (error.status === 415) return 'unsupported';
    if (error.code === 'ATTACHMENT_IMAGE_TOO_LARGE') return 'tooManyPixels';
    if (error.status === 408) return 'timeout';
    if (error.status === 401 || error.status === 403) return 'forbidden';
  }
  return 'failed';
}

export async function uploadPerkImage(
  file: File,
  onProgress: (fraction: number) => void,
): Promise<PerkImageResponse> {
  const form = () => {
    const data = new FormData();
    data.append('file', file, file.name);
    return data;
  };
  return uploadWithSession<PerkImageResponse>(getPerkImagesControllerUploadUrl(), form, onProgress);
}
