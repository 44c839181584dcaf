import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { samplePng } from '../../../../test/support/sample-files';
import { makeThumbnail } from './thumbnail';
import { ThumbnailWorkers } from './thumbnail-workers';

describe('ThumbnailWorkers', () => {
  let directory: string;
  let workers: ThumbnailWorkers;

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'lc-thumbnail-workers-'));
    workers = new ThumbnailWorkers();
  });

  afterAll(async () => {
    await workers.onModuleDestroy();
    await rm(directory, { recursive: true, force: true });
  });

  it('makes the same thumbnail as makeThumbnail, in another thread, while this one goes on', async () => {
    const image = samplePng(640, 480);
    const path = join(directory, 'photo');
    await writeFile(path, image);
    const order: string[] = [];
    const made = workers.make(path, 'image/png').then((thumbnail) => {
      order.push('thumbnail');
      return thumbnail;
    });
    // A decode on this thread would finish before any timer could run.
    setTimeout(() => order.push('timer'), 0);
    const thumbnail = await made;
    expect(order).toEqual(['timer', 'thumbnail']);
    const expected = makeThumbnail(image, 'image/png')!;
    expect(thumbnail).toMatchObject({ contentType: 'image/png', width: 320, height: 240 });
    expect(Buffer.compare(thumbnail!.data, expected.data)).toBe(0);
  }, 30_000);

  it('gives null, never an error, for what it cannot read or decode', async () => {
    const path = join(directory, 'broken');
    await writeFile(path, samplePng(64, 64).subarray(0, 60));
    const answers = await Promise.all([
      workers.make(path, 'image/png'),
      workers.make(join(directory, 'missing'), 'image/png'),
      workers.make(path, 'image/gif'),
    ]);
    expect(answers).toEqual([null, null, null]);
  }, 30_000);
});
