import { createHash } from 'node:crypto';
import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
  OnModuleDestroy,
} from '@nestjs/common';
import { Job, Worker } from 'bullmq';
import { Histogram } from 'prom-client';
import { APP_CONFIG, AppConfig, DomainError, metricsRegistry } from '@lc/core';
import { FILE_STORAGE, FileStorage } from '@lc/storage';
import { SafeHtml } from './html';
import { PdfErrors } from './pdf-errors';
import {
  blockingConnection,
  INLINE_RESULT_MAX_BYTES,
  PDF_QUEUE,
  PdfJobData,
  PdfJobResult,
  resultKey,
} from './pdf-queue';
import { PdfRenderer } from './pdf-renderer';
import { PdfTemplates } from './pdf-templates';

/** Jobs taken at once per worker process: as many as the renderer prints at once, so none holds a lock idle. */
export const PDF_JOB_CONCURRENCY = 2;

function renderSeconds(): Histogram<'kind' | 'outcome'> {
  const existing = metricsRegistry.getSingleMetric('pdf_render_seconds');
  if (existing) return existing as Histogram<'kind' | 'outcome'>;
  return new Histogram({
    name: 'pdf_render_seconds',
    help: 'Time the worker took to make a PDF, by kind and outcome',
    labelNames: ['kind', 'outcome'] as const,
    buckets: [0.1, 0.25, 0.5, 1, 2, 5, 10, 30],
    registers: [metricsRegistry],
  });
}

/**
 * The worker's side of the `pdf` queue: takes a job, runs the template of its kind, prints the document with the
 * process's one Chromium, and answers the PDF inline or through the FileStorage (any replica may take any job,
 * and any api replica may read the answer). Started by the worker process only (PdfWorkerModule).
 */
@Injectable()
export class PdfJobProcessor implements OnApplicationBootstrap, OnModuleDestroy, OnApplicationShutdown {
  private readonly logger = new Logger(PdfJobProcessor.name);
  private worker: Worker<PdfJobData, PdfJobResult> | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
    private readonly templates: PdfTemplates,
    private readonly renderer: PdfRenderer,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.start();
  }

  async start(): Promise<void> {
    if (this.worker) return;
    const worker = new Worker<PdfJobData, PdfJobResult>(PDF_QUEUE, (job) => this.process(job), {
      connection: blockingConnection(this.config, 'lc-worker-pdf'),
      prefix: this.config.QUEUE_PREFIX,
      concurrency: PDF_JOB_CONCURRENCY,
      lockDuration: this.config.QUEUE_LOCK_DURATION_MS,
      stalledInterval: this.config.QUEUE_STALLED_INTERVAL_MS,
      autorun: true,
    });
    worker.on('failed', (job, error) =>
      this.logger.warn({ err: error, jobId: job?.id, kind: job?.data.kind }, 'PDF job failed'),
    );
    worker.on('error', (error) => this.logger.error({ err: error }, 'PDF queue worker error'));
    await worker.waitUntilReady();
    this.worker = worker;
    this.logger.log({ kinds: this.templates.kinds() }, 'PDF worker started');
  }

  /** Lets the jobs in progress finish (their renders too), then closes. */
  async stop(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    await worker?.close();
  }

  async onModuleDestroy(): Promise<void> {
    await this.stop();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  async process(job: Job<PdfJobData, PdfJobResult>): Promise<PdfJobResult> {
    const { kind, input } = job.data;
    const stopTimer = renderSeconds().startTimer({ kind });
    try {
      const result = await this.make(job.id!, kind, input);
      stopTimer({ outcome: 'error' in result ? result.error.code : 'ok' });
      return result;
    } catch (error) {
      stopTimer({ outcome: 'failed' });
      throw error;
    }
  }

  private async make(jobId: string, kind: string, input: unknown): Promise<PdfJobResult> {
    const template = this.templates.get(kind);
    if (!template)
      return { error: { code: PdfErrors.PDF_TEMPLATE_UNKNOWN, detail: `No PDF template ${kind}` } };
    let pdf: Buffer;
    try {
      const source = await template(input);
      if (Buffer.isBuffer(source)) pdf = source;
      else if (typeof source === 'string' || source instanceof SafeHtml)
        pdf = await this.renderer.render(source);
      else pdf = await this.renderer.render(source.html, source);
    } catch (error) {
      if (error instanceof DomainError) return { error: { code: error.code, detail: error.detail } };
      throw error;
    }
    if (pdf.length <= INLINE_RESULT_MAX_BYTES) return { pdf: pdf.toString('base64'), size: pdf.length };
    const key = resultKey(jobId);
    await this.storage.put(key, pdf, {
      contentType: 'application/pdf',
      size: pdf.length,
      sha256: createHash('sha256').update(pdf).digest('hex'),
    });
    return { key, size: pdf.length };
  }
}
