import { Inject, Injectable, Logger } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, readFile, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Transform, TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { APP_CONFIG, AppConfig, DomainError } from '@lc/core';
import { AttachmentErrors } from './attachments-errors';
import { ContentKind, familyOf, HEAD_BYTES, sniffContent } from './content-sniffer';
import { displayFileName } from './file-name';
import { FILE_STORAGE, FileStorage } from './storage/file-storage';
import { makeThumbnail } from './thumbnail';

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
 * containers need their directories) and only a recognised file reaches the storage.
 */
@Injectable()
export class AttachmentIntake {
  private readonly logger = new Logger(AttachmentIntake.name);
  private readonly spoolDirectory: string;

  constructor(
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.spoolDirectory =
      config.STORAGE_DRIVER === 'local'
        ? join(config.STORAGE_DIR, '.incoming')
        : join(tmpdir(), 'learning-community-incoming');
  }

  get maxBytes(): number {
    return this.config.ATTACHMENT_MAX_BYTES;
  }

  /** Receives the stream whole, or throws (413, 415, 400) leaving nothing behind. */
  async receive(stream: Readable, clientFileName: string | undefined): Promise<StagedFile> {
    await mkdir(this.spoolDirectory, { recursive: true, mode: 0o700 });
    const spool = join(this.spoolDirectory, randomUUID());
    try {
      const inspector = new UploadInspector(this.maxBytes);
      await pipeline(stream, inspector, createWriteStream(spool, { flags: 'wx', mode: 0o600 }));
      const { size, sha256 } = inspector.result();
      const sniffed = await sniffFile(spool, size);
      if (!sniffed) throw new DomainError(AttachmentErrors.ATTACHMENT_UNSUPPORTED_TYPE);
      const thumbnail =
        sniffed.kind === 'image' ? makeThumbnail(await readFile(spool), sniffed.contentType) : null;

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

async function sniffFile(path: string, size: number) {
  const handle = await open(path, 'r');
  try {
    return await sniffContent(async (offset, length) => {
      const buffer = Buffer.alloc(Math.max(0, Math.min(length, size - offset)));
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, offset);
      return buffer.subarray(0, bytesRead);
    }, size);
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
