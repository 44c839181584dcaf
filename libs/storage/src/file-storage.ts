import type { Readable } from 'node:stream';

/** What is known of an object when it is stored: its size and SHA-256 (hex) let a driver verify the upload. */
export interface PutOptions {
  contentType: string;
  size: number;
  sha256: string;
}

export interface StoredObject {
  stream: Readable;
  size: number;
}

/**
 * Where uploaded bytes live (innovation attachments, perk pictures). Keys are made by the platform
 * (`attachments/2026/11/<uuid>`), never from a file's name; every driver refuses any other shape of key.
 */
export interface FileStorage {
  /** Stores the whole body under the key, or nothing: a failed put leaves no partial object. */
  put(key: string, body: Readable | Buffer, options: PutOptions): Promise<void>;
  /** The object's bytes; throws StorageObjectNotFound when there is no such object. */
  get(key: string): Promise<StoredObject>;
  /** Removes the object; removing a missing object is not an error. */
  delete(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
}

/** Nest provider token of the configured FileStorage. */
export const FILE_STORAGE = Symbol('FILE_STORAGE');

export class StorageObjectNotFound extends Error {
  constructor(readonly key: string) {
    super(`No stored object ${key}`);
    this.name = 'StorageObjectNotFound';
  }
}

const KEY_PATTERN = /^[a-z0-9][a-z0-9_-]*(\/[a-z0-9][a-z0-9_.-]*)*$/i;

/** Keys are relative, slash-separated, of letters, digits, `_`, `-` and `.`, with no `..` or empty segment. */
export function assertStorageKey(key: string): void {
  const valid =
    typeof key === 'string' &&
    key.length <= 512 &&
    KEY_PATTERN.test(key) &&
    !key.split('/').some((segment) => segment === '.' || segment === '..' || segment.includes('..'));
  if (!valid) throw new Error(`Refused storage key ${JSON.stringify(key)}`);
}
