import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, readdir, stat, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Transform, TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { APP_CONFIG, AppConfig, DomainError } from '@lc/core';
import { FILE_STORAGE, FileStorage } from '@lc/storage';
import { AttachmentErrors } from './attachments-errors';
import { ContentKind, familyOf, HEAD_BYTES, ReadAt, sniffContent } from './content-sniffer';
import { displayFileName } from './file-name';
import { imageDimensions } from './image-dimensions';
import { ThumbnailWorkers } from './thumbnail-workers';

/** Spool files untouched for this long (and at least twice UPLOAD_TIMEOUT_MS) belong to a process that died. */
const STALE_SPOOL_MS = 60 * 60 * 1000;

/** A received file, already in storage under generated keys, not yet recorded in the database. */
export interface StagedFile {
  fileName: string;
  contentType: string;
  kind: ContentKind;
  sizeBytes: number;
  sha256: string;
  storageKey: string;
  thumbnailKey: string | null;
}

/**
 * Takes an upload stream to storage. The bytes are spooled to a private temporary file (never named after
 * the upload) while they are counted and hashed; the first bytes are checked as they arrive, so an
 * executable is refused without being read further; the whole file is then recognised (zip and OLE2
 * containers need their directories) and only a recognised file reaches the storage. An image declaring
 * more than IMAGE_MAX_PIXELS is refused from its header, before anything decodes it; thumbnails are made in
 * worker threads. The spool file is removed whatever happens (a stream that fails or is destroyed, by the
 * client leaving or the upload's deadline, included), and spool files left by a process that died are
 * removed at start-up.
 */
@Injectable()
export class AttachmentIntake implements OnModuleInit {
  private readonly logger = new Logger(AttachmentIntake.name);
  private readonly spoolDirectory: string;

  constructor(
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly thumbnails: ThumbnailWorkers,
  ) {
    this.spoolDirectory =
      config.STORAGE_DRIVER === 'local'
        ? join(config.STORAGE_DIR, '.incoming')
        : join(tmpdir(), 'learning-community-incoming');
  }

  get maxBytes(): number {
    return this.config.ATTACHMENT_MAX_BYTES;
  }

  /** How long a client has to send the whole upload (UPLOAD_TIMEOUT_MS). */
  get timeoutMs(): number {
    return this.config.UPLOAD_TIMEOUT_MS;
  }

  async onModuleInit(): Promise<void> {
    await this.sweepStaleSpool();
  }

  /** Removes spool files of uploads that can no longer be running: those of a process that died. */
  async sweepStaleSpool(): Promise<number> {
    const staleBefore = Date.now() - Math.max(STALE_SPOOL_MS, 2 * this.config.UPLOAD_TIMEOUT_MS);
    const names = await readdir(this.spoolDirectory).catch(() => [] as string[]);
    let removed = 0;
    for (const name of names) {
      const path = join(this.spoolDirectory, name);
      try {
        const info = await stat(path);
        if (!info.isFile() || info.mtimeMs >= staleBefore) continue;
        await unlink(path);
        removed++;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
          this.logger.warn({ err: error, path }, 'could not remove a stale upload spool file');
      }
    }
    if (removed > 0) this.logger.log({ removed }, 'removed stale upload spool files');
    return removed;
  }

  /** Receives the stream whole, or throws (413, 415, 422, 400, 408) leaving nothing behind. */
  async receive(stream: Readable, clientFileName: string | undefined): Promise<StagedFile> {
    await mkdir(this.spoolDirectory, { recursive: true, mode: 0o700 });
    const spool = join(this.spoolDirectory, randomUUID());
    try {
      const inspector = new UploadInspector(this.maxBytes);
      await pipeline(stream, inspector, createWriteStream(spool, { flags: 'wx', mode: 0o600 }));
      const { size, sha256 } = inspector.result();
      const sniffed = await readSpool(spool, size, async (read) => {
        const content = await sniffContent(read, size);
        if (content?.kind === 'image') {
          const declared = await imageDimensions(read, size, content.contentType);
          if (declared && declared.width * declared.height > this.config.IMAGE_MAX_PIXELS) {
            throw new DomainError(AttachmentErrors.ATTACHMENT_IMAGE_TOO_LARGE);
          }
        }
        return content;
      });
      if (!sniffed) throw new DomainError(AttachmentErrors.ATTACHMENT_UNSUPPORTED_TYPE);
      const thumbnail =
        sniffed.kind === 'image' ? await this.thumbnails.make(spool, sniffed.contentType) : null;

      const now = new Date();
      const month = String(now.getUTCMonth() + 1).padStart(2, '0');
      const storageKey = `attachments/${now.getUTCFullYear()}/${month}/${randomUUID()}`;
      const thumbnailKey = thumbnail ? `${storageKey}.thumbnail` : null;
      try {
        await this.storage.put(storageKey, createReadStream(spool), {
          contentType: sniffed.contentType,
          size,
          sha256,
        });
        if (thumbnail && thumbnailKey) {
          await this.storage.put(thumbnailKey, thumbnail.data, {
            contentType: thumbnail.contentType,
            size: thumbnail.data.length,
            sha256: createHash('sha256').update(thumbnail.data).digest('hex'),
          });
        }
      } catch (error) {
        await this.removeObjects([storageKey, thumbnailKey]);
        throw error;
      }
      return {
        fileName: displayFileName(clientFileName),
        contentType: sniffed.contentType,
        kind: sniffed.kind,
        sizeBytes: size,
        sha256,
        storageKey,
        thumbnailKey,
      };
    } finally {
      await unlink(spool).catch(() => undefined);
    }
  }

  /** Removes a staged file's objects, when what was to record it failed. */
  async discard(staged: StagedFile): Promise<void> {
    await this.removeObjects([staged.storageKey, staged.thumbnailKey]);
  }

  private async removeObjects(keys: (string | null)[]): Promise<void> {
    for (const key of keys) {
      if (!key) continue;
      await this.storage.delete(key).catch((error: unknown) => {
        this.logger.error({ err: error, key }, 'could not remove an attachment object; it is orphaned');
      });
    }
  }
}

async function readSpool<T>(path: string, size: number, work: (read: ReadAt) => Promise<T>): Promise<T> {
  const handle = await open(path, 'r');
  try {
    return await work(async (offset, length) => {
      const buffer = Buffer.alloc(Math.max(0, Math.min(length, size - offset)));
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, offset);
      return buffer.subarray(0, bytesRead);
    });
  } finally {
    await handle.close();
  }
}

/** Counts and hashes the bytes passing through; fails at once on too many bytes or an unacceptable start. */
class UploadInspector extends Transform {
  private readonly hash = createHash('sha256');
  private size = 0;
  private head: Buffer | null = Buffer.alloc(0);

  constructor(private readonly maxBytes: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.size += chunk.length;
    if (this.size > this.maxBytes) return callback(new DomainError(AttachmentErrors.ATTACHMENT_TOO_LARGE));
    if (this.head) {
      this.head = Buffer.concat([this.head, chunk.subarray(0, HEAD_BYTES)]);
      if (this.head.length >= HEAD_BYTES) {
        if (!familyOf(this.head))
          return callback(new DomainError(AttachmentErrors.ATTACHMENT_UNSUPPORTED_TYPE));
        this.head = null;
      }
    }
    this.hash.update(chunk);
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    if (this.size === 0) return callback(new DomainError(AttachmentErrors.ATTACHMENT_EMPTY));
    if (this.head && !familyOf(this.head))
      return callback(new DomainError(AttachmentErrors.ATTACHMENT_UNSUPPORTED_TYPE));
    callback();
  }

  result(): { size: number; sha256: string } {
    return { size: this.size, sha256: this.hash.digest('hex') };
  }
}
