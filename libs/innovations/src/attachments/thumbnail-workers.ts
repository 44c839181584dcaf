import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Thumbnail } from './thumbnail';
import type { ThumbnailAnswer, ThumbnailTask } from './thumbnail.thread';

/** A decode still running after this long is abandoned (its thread ended) and the image gets no thumbnail. */
export const THUMBNAIL_TIMEOUT_MS = 30_000;
/** A thread with nothing to do for this long is ended; the next image starts a new one. */
const IDLE_MS = 60_000;

/**
 * Loads the thread's TypeScript source when this code itself runs from sources (the test runner compiles
 * them on the fly; a worker thread does not share its loader): SWC, a development dependency, compiles each
 * file as it is required. Built code (dist/) starts the compiled thread directly.
 */
const TYPESCRIPT_THREAD = `
const Module = require('node:module');
const { readFileSync } = require('node:fs');
const { workerData } = require('node:worker_threads');
const { transformSync } = Module.createRequire(workerData.entry)('@swc/core');
Module._extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(readFileSync(filename, 'utf8'), {
    filename, swcrc: false, module: { type: 'commonjs' },
    jsc: { target: 'es2022', parser: { syntax: 'typescript' } },
  });
  module._compile(code, filename);
};
require(workerData.entry);
`;

interface Pending {
  task: ThumbnailTask;
  resolve: (thumbnail: Thumbnail | null) => void;
}

interface Thread {
  worker: Worker;
  busy: Pending | null;
  timer: NodeJS.Timeout | null;
}

/**
 * Makes thumbnails in worker threads, so a large photograph (seconds of synchronous decoding) never holds the
 * API's event loop: other requests are answered meanwhile. At most two threads (one on a 2-core machine),
 * one image each at a time; the others wait their turn. Like makeThumbnail, never fails: a thread that
 * crashes or overruns THUMBNAIL_TIMEOUT_MS only means no thumbnail.
 */
@Injectable()
export class ThumbnailWorkers implements OnModuleDestroy {
  private readonly logger = new Logger(ThumbnailWorkers.name);
  private readonly size = Math.max(1, Math.min(2, availableParallelism() - 1));
  private readonly threads = new Set<Thread>();
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private closed = false;

  /** A thumbnail of the image in the file at `path` (read by the thread), or null. */
  make(path: string, contentType: string): Promise<Thumbnail | null> {
    if (this.closed) return Promise.resolve(null);
    return new Promise((resolve) => {
      this.queue.push({ task: { id: this.nextId++, path, contentType }, resolve });
      this.dispatch();
    });
  }

  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    for (const pending of this.queue.splice(0)) pending.resolve(null);
    await Promise.all([...this.threads].map((thread) => this.end(thread)));
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      let thread = [...this.threads].find((candidate) => !candidate.busy);
      if (!thread && this.threads.size < this.size) thread = this.spawn();
      if (!thread) return;
      const pending = this.queue.shift()!;
      thread.busy = pending;
      if (thread.timer) clearTimeout(thread.timer);
      thread.timer = setTimeout(() => {
        this.logger.warn({ contentType: pending.task.contentType }, 'thumbnail abandoned: decoding overran');
        void this.end(thread);
      }, THUMBNAIL_TIMEOUT_MS);
      thread.timer.unref();
      thread.worker.postMessage(pending.task);
    }
  }

  private spawn(): Thread {
    const compiled = __filename.endsWith('.js');
    const entry = join(__dirname, `thumbnail.thread.${compiled ? 'js' : 'ts'}`);
    const worker = compiled
      ? new Worker(entry)
      : new Worker(TYPESCRIPT_THREAD, { eval: true, workerData: { entry } });
    const thread: Thread = { worker, busy: null, timer: null };
    worker.unref();
    worker.on('message', (answer: ThumbnailAnswer) => {
      const pending = thread.busy;
      if (!pending || pending.task.id !== answer.id) return;
      thread.busy = null;
      if (thread.timer) clearTimeout(thread.timer);
      thread.timer = setTimeout(() => void this.end(thread), IDLE_MS);
      thread.timer.unref();
      pending.resolve(answer.thumbnail && { ...answer.thumbnail, data: Buffer.from(answer.thumbnail.data) });
      this.dispatch();
    });
    worker.on('error', (error) => {
      this.logger.error({ err: error }, 'thumbnail thread failed');
    });
    worker.on('exit', () => this.forget(thread));
    this.threads.add(thread);
    return thread;
  }

  /** Ends a thread; the image it was decoding gets no thumbnail. */
  private async end(thread: Thread): Promise<void> {
    this.forget(thread);
    await thread.worker.terminate();
  }

  private forget(thread: Thread): void {
    if (!this.threads.delete(thread)) return;
    if (thread.timer) clearTimeout(thread.timer);
    thread.busy?.resolve(null);
    thread.busy = null;
    if (!this.closed) this.dispatch();
  }
}
