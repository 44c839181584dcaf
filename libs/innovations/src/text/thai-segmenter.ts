import { Worker } from 'node:worker_threads';

/**
 * Thai word segmentation (ICU's dictionary through Intl.Segmenter), written once as plain JavaScript so the same
 * code runs on the request's thread (short texts: queries) and in a worker thread (documents).
 *
 * ICU's cost grows much faster than the text (100,000 characters: about 9 s in one piece, against 40 ms for
 * 20,000), so the text is cut into pieces of at most MAX_PIECE characters, at a space or line break where there is
 * one: the cost stays linear and no real word is cut (a run of 2,000 characters without a break is not prose).
 */
const SEGMENT_SOURCE = `
const MAX_PIECE = 2000;
const segmenter = new Intl.Segmenter('th', { granularity: 'word' });
function segmentWords(text) {
  const source = text.normalize('NFC').toLowerCase();
  const words = [];
  for (let start = 0; start < source.length; ) {
    let end = Math.min(source.length, start + MAX_PIECE);
    if (end < source.length) {
      const space = source.slice(start, end).search(/\\s\\S*$/);
      if (space > 0) end = start + space + 1;
    }
    for (const part of segmenter.segment(source.slice(start, end))) {
      if (!part.isWordLike) continue;
      // tsquery syntax characters never belong to a word we index.
      const word = part.segment.replace(/[&|!():*<>'\\\\]/g, '').trim();
      if (word) words.push(word);
    }
    start = end;
  }
  return words;
}
`;

type SegmentFunction = (text: string) => string[];

/** On this thread: for short texts (a query, a tag). */
export const segmentWordsHere = new Function(`${SEGMENT_SOURCE}; return segmentWords;`)() as SegmentFunction;

const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
${SEGMENT_SOURCE}
parentPort.on('message', ({ id, texts }) => {
  try {
    parentPort.postMessage({ id, words: texts.map(segmentWords) });
  } catch (error) {
    parentPort.postMessage({ id, error: String(error) });
  }
});
`;

interface Pending {
  resolve: (words: string[][]) => void;
  reject: (error: Error) => void;
}

/** A thread left idle this long is ended (a new one starts in milliseconds when the next document comes). */
const IDLE_MS = 2_000;

/**
 * One worker thread per process segments documents, in the order they arrive, while the event loop goes on
 * serving requests. Started on first use, ended when idle (so it never keeps a process alive), restarted if it
 * dies.
 */
class SegmenterThread {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private idle: NodeJS.Timeout | null = null;

  segment(texts: string[]): Promise<string[][]> {
    if (this.idle) clearTimeout(this.idle);
    this.idle = null;
    const worker = this.worker ?? this.start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, texts });
    });
  }

  private start(): Worker {
    const worker = new Worker(WORKER_SOURCE, { eval: true, name: 'thai-segmenter' });
    worker.unref();
    worker.on('message', (message: { id: number; words?: string[][]; error?: string }) => {
      const waiting = this.pending.get(message.id);
      if (!waiting) return;
      this.pending.delete(message.id);
      if (message.words) waiting.resolve(message.words);
      else waiting.reject(new Error(`Thai segmentation failed: ${message.error}`));
      if (this.pending.size === 0) this.endWhenIdle(worker);
    });
    const fail = (error: Error) => {
      if (this.worker === worker) this.worker = null;
      for (const waiting of this.pending.values()) waiting.reject(error);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`Thai segmenter thread exited (${code})`)));
    this.worker = worker;
    return worker;
  }

  private endWhenIdle(worker: Worker): void {
    this.idle = setTimeout(() => {
      this.idle = null;
      if (this.worker !== worker || this.pending.size > 0) return;
      this.worker = null;
      void worker.terminate();
    }, IDLE_MS);
    this.idle.unref();
  }
}

const thread = new SegmenterThread();

/** Texts shorter than this are segmented on the calling thread: handing them over would cost more. */
const OFF_THREAD_FROM = 500;

/** Segments each text; long ones in the worker thread, so a large post never blocks other requests. */
export async function segmentWordsOffThread(texts: string[]): Promise<string[][]> {
  if (texts.every((text) => text.length < OFF_THREAD_FROM)) return texts.map(segmentWordsHere);
  return thread.segment(texts);
}
