import { PassThrough, Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
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

export interface UploadLimits {
  /** The file's largest size (ATTACHMENT_MAX_BYTES). */
  maxBytes: number;
  /** How long the client has to send the whole body (UPLOAD_TIMEOUT_MS). */
  timeoutMs: number;
}

/**
 * Reads a multipart form with one file in its `file` field and hands that file's stream to `store` as it
 * arrives: it is never held in memory whole. Whatever `store` leaves unread, and any other part, is read and
 * dropped, so the client always gets an answer rather than a reset connection. A body declaring itself far
 * too large is refused before any of it is read; a file past `maxBytes` fails `store`'s stream with 413.
 * A form cut short (the client left, or the body ended without its closing boundary) fails `store`'s stream
 * too, so nothing waits for bytes that will never come. A body not received whole within `timeoutMs` is
 * answered 408 (and the connection closed) at once, its file's stream destroyed. If anything fails after
 * `store` succeeded, `discard` undoes it.
 */
export async function receiveUpload<T>(
  request: FastifyRequest,
  reply: FastifyReply,
  limits: UploadLimits,
  store: (file: Readable, fileName: string) => Promise<T>,
  discard: (stored: T) => Promise<void>,
): Promise<ReceivedUpload<T>> {
  if (!request.isMultipart()) throw new DomainError(AttachmentErrors.ATTACHMENT_FILE_REQUIRED);
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limits.maxBytes + FORM_OVERHEAD_BYTES) {
    throw new DomainError(AttachmentErrors.ATTACHMENT_TOO_LARGE);
  }

  const deadline = new UploadDeadline(request, reply, limits.timeoutMs);
  const reading = readForm(request, limits.maxBytes, deadline, store, discard);
  // Past the deadline the answer goes at once; the form's reading ends on its own, removing what it stored.
  reading.catch(() => undefined);
  try {
    return await Promise.race([reading, deadline.reached]);
  } finally {
    deadline.clear();
  }
}

async function readForm<T>(
  request: FastifyRequest,
  maxBytes: number,
  deadline: UploadDeadline,
  store: (file: Readable, fileName: string) => Promise<T>,
  discard: (stored: T) => Promise<void>,
): Promise<ReceivedUpload<T>> {
  const fields: Record<string, string> = {};
  let stored: { value: T } | undefined;
  let failure: unknown;
  const parts = request.parts({ limits: { fileSize: maxBytes } })[Symbol.asyncIterator]();
  try {
    for (;;) {
      // Past the deadline, stop waiting for parts: a silent client may never send them, and once it has been
      // answered, closing its connection no longer ends the parser.
      const next = await Promise.race([parts.next(), deadline.reached]);
      if (next.done) break;
      const part = next.value;
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
        const storing = store(limitedStream(part), part.filename);
        deadline.watch(part.file, storing);
        stored = { value: await storing };
        if (part.file.truncated) failure = new DomainError(AttachmentErrors.ATTACHMENT_TOO_LARGE);
      } catch (error) {
        failure = error;
      } finally {
        deadline.watch(null);
        // Drop what the store did not read, so the parser reaches the end of the form.
        part.file.unpipe();
        part.file.resume();
      }
    }
  } catch (error) {
    failure ??= formError(error);
  }
  // The client was answered 408 already: whatever was stored meanwhile is not kept.
  if (deadline.expired) failure = deadline.error;
  if (failure) {
    if (stored) await discard(stored.value);
    throw failure;
  }
  if (!stored) throw new DomainError(AttachmentErrors.ATTACHMENT_FILE_REQUIRED);
  return { file: stored.value, fields };
}

/**
 * The time a client has to send its whole body. Once it has all arrived the clock stops: checking, storing
 * and thumbnailing the file are the server's own time. When it runs out, the file being received is
 * destroyed (its store fails and removes its spool file) and `reached` rejects with 408; the answer closes
 * the connection.
 */
class UploadDeadline {
  readonly error = new DomainError(AttachmentErrors.ATTACHMENT_UPLOAD_TIMEOUT);
  readonly reached: Promise<never>;
  expired = false;
  private timer: NodeJS.Timeout | undefined;
  private current: { file: Readable; storing: Promise<unknown> } | null = null;
  private readonly stop = () => this.clear();

  constructor(
    private readonly request: FastifyRequest,
    reply: FastifyReply,
    timeoutMs: number,
  ) {
    this.reached = new Promise<never>((_resolve, reject) => {
      if (request.raw.readableEnded) return;
      this.timer = setTimeout(() => {
        this.timer = undefined;
        void this.expire(reply).then(() => reject(this.error));
      }, timeoutMs);
      request.raw.once('end', this.stop);
    });
    this.reached.catch(() => undefined);
  }

  /** The file part being stored now (null: none). */
  watch(file: Readable | null, storing?: Promise<unknown>): void {
    this.current = file && storing ? { file, storing } : null;
  }

  clear(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.request.raw.off('end', this.stop);
  }

  private async expire(reply: FastifyReply): Promise<void> {
    this.expired = true;
    this.request.raw.off('end', this.stop);
    if (!reply.sent) void reply.header('connection', 'close');
    const current = this.current;
    if (current && !current.file.readableEnded) {
      current.file.destroy(this.error);
      // Settles at once: its stream failed. Its spool file is gone before the client hears 408.
      await current.storing.catch(() => undefined);
    }
  }
}

/** The file's bytes, failing with 413 the moment the parser reports the file larger than the limit. */
function limitedStream(part: MultipartFile): Readable {
  const body = new PassThrough();
  const file = part.file;
  file.once('limit', () => body.destroy(new DomainError(AttachmentErrors.ATTACHMENT_TOO_LARGE)));
  // pipe() passes no error on: a form cut short must fail the store, or it waits forever on an open file.
  file.once('error', (error) => body.destroy(formError(error)));
  file.once('close', () => {
    if (!file.readableEnded) body.destroy(new DomainError(CoreErrors.BAD_REQUEST, 'The file was cut short'));
  });
  file.pipe(body);
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
