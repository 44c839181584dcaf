import { PassThrough, Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import type { MultipartFile } from '@fastify/multipart';
import { CoreErrors, DomainError } from '@lc/core';
import { AttachmentErrors } from '@lc/innovations';

/** Room for the form's boundaries, part headers and small fields around the file itself. */
const FORM_OVERHEAD_BYTES = 1024 * 1024;

export interface ReceivedUpload<T> {
  file: T;
  /** The form's text fields (each at most 1 KiB; see the multipart limits in setup-app.ts). */
  fields: Record<string, string>;
}

/**
 * Reads a multipart form with one file in its `file` field and hands that file's stream to `store` as it
 * arrives: it is never held in memory whole. Whatever `store` leaves unread, and any other part, is read and
 * dropped, so the client always gets an answer rather than a reset connection. A body declaring itself far
 * too large is refused before any of it is read; a file past `maxBytes` fails `store`'s stream with 413.
 * If anything fails after `store` succeeded, `discard` undoes it.
 */
export async function receiveUpload<T>(
  request: FastifyRequest,
  maxBytes: number,
  store: (file: Readable, fileName: string) => Promise<T>,
  discard: (stored: T) => Promise<void>,
): Promise<ReceivedUpload<T>> {
  if (!request.isMultipart()) throw new DomainError(AttachmentErrors.ATTACHMENT_FILE_REQUIRED);
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes + FORM_OVERHEAD_BYTES) {
    throw new DomainError(AttachmentErrors.ATTACHMENT_TOO_LARGE);
  }

  const fields: Record<string, string> = {};
  let stored: { value: T } | undefined;
  let failure: unknown;
  try {
    for await (const part of request.parts({ limits: { fileSize: maxBytes } })) {
      if (part.type === 'field') {
        if (typeof part.value === 'string') fields[part.fieldname] = part.value;
        continue;
      }
      if (part.fieldname !== 'file' || stored || failure) {
        if (part.fieldname === 'file' && !failure)
          failure = new DomainError(AttachmentErrors.ATTACHMENT_ONE_FILE);
        part.file.resume();
        continue;
      }
      try {
        stored = { value: await store(limitedStream(part), part.filename) };
        if (part.file.truncated) failure = new DomainError(AttachmentErrors.ATTACHMENT_TOO_LARGE);
      } catch (error) {
        failure = error;
      } finally {
        // Drop what the store did not read, so the parser reaches the end of the form.
        part.file.unpipe();
        part.file.resume();
      }
    }
  } catch (error) {
    failure ??= formError(error);
  }
  if (failure) {
    if (stored) await discard(stored.value);
    throw failure;
  }
  if (!stored) throw new DomainError(AttachmentErrors.ATTACHMENT_FILE_REQUIRED);
  return { file: stored.value, fields };
}

/** The file's bytes, failing with 413 the moment the parser reports the file larger than the limit. */
function limitedStream(part: MultipartFile): Readable {
  const body = new PassThrough();
  part.file.once('limit', () => body.destroy(new DomainError(AttachmentErrors.ATTACHMENT_TOO_LARGE)));
  part.file.pipe(body);
  return body;
}

/** The parser's own errors are the client's: a malformed or oversized form. */
function formError(error: unknown): DomainError {
  if (error instanceof DomainError) return error;
  const code = (error as { code?: string }).code;
  if (code === 'FST_REQ_FILE_TOO_LARGE') return new DomainError(AttachmentErrors.ATTACHMENT_TOO_LARGE);
  if (code === 'FST_PARTS_LIMIT' || code === 'FST_FILES_LIMIT' || code === 'FST_FIELDS_LIMIT') {
    return new DomainError(CoreErrors.PAYLOAD_TOO_LARGE, 'The form has too many parts');
  }
  return new DomainError(CoreErrors.BAD_REQUEST, 'The multipart form could not be read');
}
