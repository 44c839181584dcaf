export interface BatcherOptions {
  /** The most items one batch takes. */
  maxBatch: number;
  /** How many batches may be at work at once; items that arrive meanwhile wait and form the next batch. */
  maxInFlight: number;
  /**
   * When a batch fails as a whole, try each of its items again alone, so one bad item fails only itself (use it
   * when the work is all-or-nothing per batch, like one database transaction).
   */
  retryAlone?: boolean;
  /** Told when a batch failed and its items are tried again alone. */
  onBatchFailure?: (error: unknown, size: number) => void;
  /**
   * The most items that may wait; past it `submit` refuses at once with `overflow()` rather than let the queue (and
   * every waiting caller's latency) grow without bound.
   */
  maxQueued?: number;
  overflow?: () => unknown;
}

interface Waiting<In, Out> {
  item: In;
  resolve: (value: Out) => void;
  reject: (error: unknown) => void;
}

/**
 * Serves many concurrent calls with few trips: while `maxInFlight` batches are at work, new items wait, and the
 * next batch takes all that waited (up to `maxBatch`). One call alone goes at once, so nothing waits on a timer;
 * a crowd shares round trips and commits (group commit, done by the application). `work` answers the items of a
 * batch in their order.
 */
export class Batcher<In, Out> {
  private readonly queue: Waiting<In, Out>[] = [];
  private inFlight = 0;

  constructor(
    private readonly work: (items: In[]) => Promise<Out[]>,
    private readonly options: BatcherOptions,
  ) {}

  submit(item: In): Promise<Out> {
    const { maxQueued, overflow } = this.options;
    if (maxQueued !== undefined && this.queue.length >= maxQueued) {
      return Promise.reject(overflow ? overflow() : new Error('Too many items are waiting'));
    }
    return new Promise<Out>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < this.options.maxInFlight && this.queue.length > 0) {
      const batch = this.queue.splice(0, this.options.maxBatch);
      this.inFlight++;
      void this.run(batch).finally(() => {
        this.inFlight--;
        this.pump();
      });
    }
  }

  /** Answers every item of the batch; never rejects itself. */
  private async run(batch: Waiting<In, Out>[]): Promise<void> {
    try {
      const answers = await this.work(batch.map((waiting) => waiting.item));
      batch.forEach((waiting, index) => waiting.resolve(answers[index]!));
    } catch (error) {
      if (batch.length === 1 || !this.options.retryAlone) {
        batch.forEach((waiting) => waiting.reject(error));
        return;
      }
      this.options.onBatchFailure?.(error, batch.length);
      for (const waiting of batch) {
        try {
          const [answer] = await this.work([waiting.item]);
          waiting.resolve(answer!);
        } catch (alone) {
          waiting.reject(alone);
        }
      }
    }
  }
}
