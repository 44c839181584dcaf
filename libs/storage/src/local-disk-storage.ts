import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, stat, unlink } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  assertStorageKey,
  FileStorage,
  PutOptions,
  StorageObjectNotFound,
  StoredObject,
} from './file-storage';

/** Files under one directory, one per key. Writes go to a temporary name first, then are renamed into place. */
export class LocalDiskStorage implements FileStorage {
  readonly root: string;

  constructor(root: string) {
    if (!isAbsolute(root)) throw new Error(`The storage directory must be absolute: ${root}`);
    this.root = resolve(root);
  }

  async put(key: string, body: Readable | Buffer, options: PutOptions): Promise<void> {
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true });
    const partial = `${path}.${randomUUID()}.partial`;
    try {
      await pipeline(
        Buffer.isBuffer(body) ? Readable.from([body]) : body,
        createWriteStream(partial, { flags: 'wx', mode: 0o640 }),
      );
      const written = (await stat(partial)).size;
      if (written !== options.size) throw new Error(`Stored ${written} bytes of ${options.size} for ${key}`);
      await rename(partial, path);
    } catch (error) {
      await unlink(partial).catch(() => undefined);
      throw error;
    }
  }

  async get(key: string): Promise<StoredObject> {
    const path = this.pathOf(key);
    try {
      const { size } = await stat(path);
      return { stream: createReadStream(path), size };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new StorageObjectNotFound(key);
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await unlink(this.pathOf(key)).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
  }

  async exists(key: string): Promise<boolean> {
    try {
      return (await stat(this.pathOf(key))).isFile();
    } catch {
      return false;
    }
  }

  /** The file of a key: refused unless the key is well formed and the path stays inside the root. */
  private pathOf(key: string): string {
    assertStorageKey(key);
    const path = resolve(this.root, key);
    const inside = relative(this.root, path);
    if (!inside || inside.startsWith('..') || isAbsolute(inside) || !path.startsWith(this.root + sep)) {
      throw new Error(`Refused storage key ${JSON.stringify(key)}`);
    }
    return path;
  }
}
