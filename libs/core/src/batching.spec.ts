import { Batcher } from './batching';

/** Work whose batches finish only when the test says so, recording what each batch held. */
function controlledWork() {
  const batches: string[][] = [];
  const pending: (() => void)[] = [];
  const work = (items: string[]) => {
    batches.push(items);
    return new Promise<string[]>((resolve) => pending.push(() => resolve(items.map((i) => i.toUpperCase()))));
  };
  const finishNext = async () => {
    pending.shift()!();
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { batches, work, finishNext };
}

describe('Batcher', () => {
  it('sends a call alone at once, and gathers the calls that arrive meanwhile into the next batch', async () => {
    const { batches, work, finishNext } = controlledWork();
    const batcher = new Batcher(work, { maxBatch: 3, maxInFlight: 1 });
    const answers = ['a', 'b', 'c', 'd', 'e'].map((item) => batcher.submit(item));
    expect(batches).toEqual([['a']]);
    await finishNext();
    expect(batches).toEqual([['a'], ['b', 'c', 'd']]);
    await finishNext();
    expect(batches).toEqual([['a'], ['b', 'c', 'd'], ['e']]);
    await finishNext();
    expect(await Promise.all(answers)).toEqual(['A', 'B', 'C', 'D', 'E']);
  });

  it('keeps up to maxInFlight batches at work', async () => {
    const { batches, work, finishNext } = controlledWork();
    const batcher = new Batcher(work, { maxBatch: 10, maxInFlight: 2 });
    const answers = ['a', 'b', 'c', 'd'].map((item) => batcher.submit(item));
    expect(batches).toEqual([['a'], ['b']]);
    await finishNext();
    expect(batches).toEqual([['a'], ['b'], ['c', 'd']]);
    await finishNext();
    await finishNext();
    expect(await Promise.all(answers)).toEqual(['A', 'B', 'C', 'D']);
  });

  it('tries the items of a failed batch again alone when asked to, so only the bad one fails', async () => {
    const seen: string[][] = [];
    const failures: number[] = [];
    const work = async (items: string[]) => {
      seen.push(items);
      if (items.includes('bad')) throw new Error('bad item');
      return items.map((i) => i.toUpperCase());
    };
    const batcher = new Batcher(work, {
      maxBatch: 10,
      maxInFlight: 1,
      retryAlone: true,
      onBatchFailure: (_error, size) => failures.push(size),
    });
    const results = await Promise.allSettled(['first', 'x', 'bad', 'y'].map((item) => batcher.submit(item)));
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : 'failed'))).toEqual([
      'FIRST',
      'X',
      'failed',
      'Y',
    ]);
    expect(seen).toEqual([['first'], ['x', 'bad', 'y'], ['x'], ['bad'], ['y']]);
    expect(failures).toEqual([3]);
  });

  it('fails every item of a failed batch when not asked to retry', async () => {
    const batcher = new Batcher(
      async (items: string[]) => {
        if (items.length > 1) throw new Error('down');
        return items;
      },
      { maxBatch: 10, maxInFlight: 1 },
    );
    const results = await Promise.allSettled(['a', 'b', 'c'].map((item) => batcher.submit(item)));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected']);
  });

  it('refuses at once past maxQueued, and takes items again once the queue drains', async () => {
    const { work, finishNext } = controlledWork();
    const batcher = new Batcher(work, {
      maxBatch: 10,
      maxInFlight: 1,
      maxQueued: 2,
      overflow: () => new Error('busy'),
    });
    const first = batcher.submit('a'); // at work
    const queued = [batcher.submit('b'), batcher.submit('c')]; // waiting: the queue is full
    await expect(batcher.submit('d')).rejects.toThrow('busy');
    await finishNext();
    await finishNext();
    expect(await Promise.all([first, ...queued])).toEqual(['A', 'B', 'C']);
    const later = batcher.submit('e');
    await finishNext();
    expect(await later).toBe('E');
  });
});
