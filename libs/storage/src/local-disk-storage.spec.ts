import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { LocalDiskStorage } from './local-disk-storage';
import { StorageObjectNotFound } from './file-storage';

const options = (data: Buffer) => ({
  contentType: 'application/pdf',
  size: data.length,
  sha256: createHash('sha256').update(data).digest('hex'),
});

async function read(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

describe('LocalDiskStorage', () => {
  let outer: string;
  let root: string;
  let storage: LocalDiskStorage;

  beforeEach(async () => {
    outer = await mkdtemp(join(tmpdir(), 'lc-storage-'));
    root = join(outer, 'uploads');
    storage = new LocalDiskStorage(root);
  });
  afterEach(() => rm(outer, { recursive: true, force: true }));

  it('puts, gets, checks and deletes objects under generated keys, creating folders', async () => {
    const data = Buffer.from('%PDF-1.4 hello');
    await storage.put(
      'attachments/2026/11/0d4c2e9e-2b1c-4c53-9a3f-7e1f6f0f2d10',
      Readable.from([data]),
      options(data),
    );
    expect(await storage.exists('attachments/2026/11/0d4c2e9e-2b1c-4c53-9a3f-7e1f6f0f2d10')).toBe(true);
    const stored = await storage.get('attachments/2026/11/0d4c2e9e-2b1c-4c53-9a3f-7e1f6f0f2d10');
    expect(stored.size).toBe(data.length);
    expect(await read(stored.stream)).toEqual(data);
    await storage.delete('attachments/2026/11/0d4c2e9e-2b1c-4c53-9a3f-7e1f6f0f2d10');
    await storage.delete('attachments/2026/11/0d4c2e9e-2b1c-4c53-9a3f-7e1f6f0f2d10');
    expect(await storage.exists('attachments/2026/11/0d4c2e9e-2b1c-4c53-9a3f-7e1f6f0f2d10')).toBe(false);
    await expect(
      storage.get('attachments/2026/11/0d4c2e9e-2b1c-4c53-9a3f-7e1f6f0f2d10'),
    ).rejects.toBeInstanceOf(StorageObjectNotFound);
  });

  it.each([
    '../../etc/passwd',
    '/etc/passwd',
    'attachments/../../outside',
    'attachments/..',
    'attachments\\..\\outside',
    'attachments//x',
    'attachments/x/',
    '.hidden/x',
    '',
    'attachments/ไฟล์',
  ])('refuses the key %j and writes nothing', async (key) => {
    const data = Buffer.from('x');
    await expect(storage.put(key, data, options(data))).rejects.toThrow('Refused storage key');
    await expect(storage.get(key)).rejects.toThrow('Refused storage key');
    await expect(storage.delete(key)).rejects.toThrow('Refused storage key');
    expect(await filesUnder(outer)).toEqual([]);
  });

  it('leaves no partial file when the body fails or is shorter than announced', async () => {
    const failing = new Readable({
      read() {
        this.push(Buffer.from('%PDF-'));
        this.destroy(new Error('client went away'));
      },
    });
    await expect(storage.put('attachments/a', failing, options(Buffer.alloc(10)))).rejects.toThrow(
      'client went away',
    );
    await expect(storage.put('attachments/b', Buffer.from('abc'), options(Buffer.alloc(10)))).rejects.toThrow(
      'Stored 3 bytes of 10',
    );
    expect(await filesUnder(outer)).toEqual([]);
  });
});
