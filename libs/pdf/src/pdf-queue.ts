import type { ConnectionOptions } from 'bullmq';
import type { AppConfig } from '@lc/core';

/** The BullMQ queue (under QUEUE_PREFIX) through which the api asks the worker for PDFs. Never renamed. */
export const PDF_QUEUE = 'pdf';

/** What the api enqueues: the kind of document (the job's name too) and its input, as JSON. */
export interface PdfJobData {
  version: 1;
  kind: string;
  input: unknown;
}

/**
 * What the worker answers. A small PDF travels inline (base64, in the job's return value in Redis); a larger one
 * is put in the FileStorage under `key`, which the api reads once and deletes. A refusal with a registered error
 * code (a template's DomainError: an unknown area, say) is an answer, not a failure: the api throws it again.
 */
export type PdfJobResult =
  | { pdf: string; size: number }
  | { key: string; size: number }
  | { error: { code: string; detail?: string } };

/** PDFs up to this size go inline; the rest through the FileStorage. */
export const INLINE_RESULT_MAX_BYTES = 512 * 1024;

/** Where a large PDF waits for the api: one object per job. */
export function resultKey(jobId: string): string {
  return `pdf-results/${jobId}.pdf`;
}

/** The connection of a blocking client (queue events, the worker), as EventConsumer makes them. */
export function blockingConnection(config: AppConfig, name: string): ConnectionOptions {
  return { url: config.REDIS_URL, maxRetriesPerRequest: null, connectionName: name };
}
