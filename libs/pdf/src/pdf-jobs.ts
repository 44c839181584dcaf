import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { Job, Queue, QueueEvents } from 'bullmq';
import type IORedis from 'ioredis';
import { Readable } from 'node:stream';
import { APP_CONFIG, AppConfig, DomainError, isErrorCode, uuidv7 } from '@lc/core';
import { createRedis } from '@lc/messaging';
import { FILE_STORAGE, FileStorage, StorageObjectNotFound } from '@lc/storage';
import { PdfErrors } from './pdf-errors';
import { blockingConnection, PDF_QUEUE, PdfJobData, PdfJobResult } from './pdf-queue';

export interface RenderInWorkerOptions {
  /** How long the caller waits for the PDF, queueing included; then 504 PDF_RENDER_TIMEOUT. */
  timeoutMs?: number;
}

export const PDF_DEFAULT_TIMEOUT_MS = 30_000;
/** Seconds a client is told to wait before trying again when no worker is there (Retry-After). */
const RETRY_AFTER_SECONDS = 10;

/** How long an api still listens for a PDF it gave up on, to clean up after it. */
const LATE_RESULT_WAIT_MS = 10 * 60_000;

const WAITING_STATES = new Set(['waiting', 'wait', 'prioritized', 'delayed']);

/**
 * The api's side of the `pdf` queue: the api never runs Chromium. `renderInWorker(kind, input)` enqueues a job
 * that a worker replica takes (see PdfJobProcessor), waits for its answer and returns the PDF's bytes. Refuses
 * at once with 503 PDF_WORKER_UNAVAILABLE when Redis is away or no worker listens on the queue, answers 504
 * PDF_RENDER_TIMEOUT when the PDF is not ready in time (a job no worker took yet is withdrawn), and throws a
 * template's own DomainError again (404 for an unknown area, say).
 */
@Injectable()
export class PdfJobs implements OnModuleDestroy {
  private readonly logger = new Logger(PdfJobs.name);
  private connection: IORedis | null = null;
  private queue: Queue<PdfJobData, PdfJobResult> | null = null;
  private events: QueueEvents | null = null;
  private closed = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
  ) {}

  async renderInWorker(kind: string, input: unknown, options: RenderInWorkerOptions = {}): Promise<Buffer> {
    const timeoutMs = options.timeoutMs ?? PDF_DEFAULT_TIMEOUT_MS;
    const { queue, events } = this.open();
    await this.assertWorkerListening(queue);

    let job: Job<PdfJobData, PdfJobResult>;
    try {
      job = await queue.add(
        kind,
        { version: 1, kind, input },
        {
          jobId: uuidv7(),
          // A second attempt covers a worker that was stopping when it took the job.
          attempts: 2,
          // Removed once delivered; these only bound what an api that died while waiting leaves behind.
          removeOnComplete: { age: 3600 },
          removeOnFail: { age: 24 * 3600 },
        },
      );
    } catch (error) {
      throw this.unavailable(error, 'the PDF job could not be queued');
    }

    let result: PdfJobResult;
    try {
      result = (await job.waitUntilFinished(events, timeoutMs)) as PdfJobResult;
    } catch (error) {
      result = await this.afterUnfinishedWait(queue, events, job, timeoutMs, error);
    }
    // Delivered: its answer (up to INLINE_RESULT_MAX_BYTES) need not stay in Redis.
    await job.remove().catch(() => undefined);
    return this.read(kind, result);
  }

  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    const { events, queue, connection } = this;
    this.events = null;
    this.queue = null;
    this.connection = null;
    await events?.close().catch(() => undefined);
    await queue?.close().catch(() => undefined);
    connection?.disconnect();
  }

  /** The queue and its events, opened on first use (an api that makes no PDF holds no connection for it). */
  private open(): { queue: Queue<PdfJobData, PdfJobResult>; events: QueueEvents } {
    if (this.closed) throw new DomainError(PdfErrors.PDF_WORKER_UNAVAILABLE, 'The api is shutting down');
    this.connection ??= createRedis(this.config.REDIS_URL, 'producer', 'lc-pdf-queue');
    this.queue ??= new Queue<PdfJobData, PdfJobResult>(PDF_QUEUE, {
      connection: this.connection,
      prefix: this.config.QUEUE_PREFIX,
    });
    if (!this.events) {
      this.events = new QueueEvents(PDF_QUEUE, {
        connection: blockingConnection(this.config, 'lc-pdf-events'),
        prefix: this.config.QUEUE_PREFIX,
      });
      // Every waiting request listens for its own job's end.
      this.events.setMaxListeners(0);
      this.events.on('error', (error) => this.logger.warn({ err: error }, 'PDF queue events error'));
    }
    return { queue: this.queue, events: this.events };
  }

  /**
   * No worker, no PDF: refuse now rather than make the caller wait for a timeout. The count comes from Redis's
   * CLIENT LIST; where a managed Redis refuses that command the check is skipped and the timeout decides.
   */
  private async assertWorkerListening(queue: Queue<PdfJobData, PdfJobResult>): Promise<void> {
    let workers: number;
    try {
      workers = await queue.getWorkersCount();
    } catch (error) {
      if (/unknown command|NOPERM|not allowed/i.test(String(error))) return;
      throw this.unavailable(error, 'Redis is unavailable');
    }
    if (workers === 0) throw this.unavailable(null, 'No PDF worker is running');
  }

  private async afterUnfinishedWait(
    queue: Queue<PdfJobData, PdfJobResult>,
    events: QueueEvents,
    job: Job<PdfJobData, PdfJobResult>,
    timeoutMs: number,
    cause: unknown,
  ): Promise<PdfJobResult> {
    const state = await queue.getJobState(job.id!).catch(() => 'unreachable');
    if (state === 'completed') {
      // It finished just as the wait ended.
      const finished = await queue.getJob(job.id!).catch(() => undefined);
      if (finished?.returnvalue) return finished.returnvalue;
    }
    if (state === 'failed') {
      this.logger.error({ err: cause, jobId: job.id, kind: job.name }, 'PDF job failed in the worker');
      throw new DomainError(PdfErrors.PDF_RENDER_FAILED);
    }
    if (state === 'unreachable') throw this.unavailable(cause, 'Redis is unavailable');
    if (WAITING_STATES.has(state)) {
      // Nobody will want this PDF any more: withdraw it unless a worker takes it this very moment.
      await job.remove().catch(() => undefined);
      throw new DomainError(
        PdfErrors.PDF_RENDER_TIMEOUT,
        `No PDF worker took the job within ${timeoutMs} ms`,
      );
    }
    this.discardWhenDone(events, job);
    throw new DomainError(PdfErrors.PDF_RENDER_TIMEOUT, `The PDF was not ready within ${timeoutMs} ms`);
  }

  /** A worker is still making a PDF nobody waits for: when it is done, drop the job and any stored file. */
  private discardWhenDone(events: QueueEvents, job: Job<PdfJobData, PdfJobResult>): void {
    void job
      .waitUntilFinished(events, LATE_RESULT_WAIT_MS)
      .then(async (result: PdfJobResult) => {
        if ('key' in result) await this.storage.delete(result.key);
        await job.remove();
      })
      .catch(() => undefined);
  }

  private async read(kind: string, result: PdfJobResult): Promise<Buffer> {
    if ('error' in result) {
      const { code, detail } = result.error;
      if (isErrorCode(code)) throw new DomainError(code, detail);
      this.logger.error({ kind, code }, 'PDF template refused with an unregistered code');
      throw new DomainError(PdfErrors.PDF_RENDER_FAILED);
    }
    if ('pdf' in result) return Buffer.from(result.pdf, 'base64');
    try {
      const stored = await this.storage.get(result.key);
      const pdf = await collect(stored.stream);
      await this.storage
        .delete(result.key)
        .catch((error: unknown) =>
          this.logger.warn(
            { err: error, key: result.key },
            'a delivered PDF could not be removed from storage',
          ),
        );
      return pdf;
    } catch (error) {
      if (error instanceof StorageObjectNotFound)
        this.logger.error(
          { key: result.key },
          "the worker's PDF is not in this api's storage: api and worker must share STORAGE_DIR or S3",
        );
      else this.logger.error({ err: error, key: result.key }, 'the PDF could not be read from storage');
      throw new DomainError(PdfErrors.PDF_RENDER_FAILED);
    }
  }

  private unavailable(cause: unknown, detail: string): DomainError {
    if (cause) this.logger.warn({ err: cause }, detail);
    return new DomainError(PdfErrors.PDF_WORKER_UNAVAILABLE, detail, { retryAfter: RETRY_AFTER_SECONDS });
  }
}

async function collect(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream)
    chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
  return Buffer.concat(chunks);
}
