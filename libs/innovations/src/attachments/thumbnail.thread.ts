import { readFile } from 'node:fs/promises';
import { parentPort } from 'node:worker_threads';
import { makeThumbnail } from './thumbnail';

/** A request of ThumbnailWorkers: the image is read here, from its spool file, never copied between threads. */
export interface ThumbnailTask {
  id: number;
  path: string;
  contentType: string;
}

export interface ThumbnailAnswer {
  id: number;
  thumbnail: {
    data: Uint8Array;
    contentType: 'image/png' | 'image/jpeg';
    width: number;
    height: number;
  } | null;
}

// Runs in a worker thread (see thumbnail-workers.ts): decoding is synchronous and takes seconds for large
// photographs, which must not stop the API's event loop.
parentPort?.on('message', (task: ThumbnailTask) => {
  void readFile(task.path)
    .then((image) => makeThumbnail(image, task.contentType))
    .catch(() => null)
    .then((thumbnail) => parentPort!.postMessage({ id: task.id, thumbnail } satisfies ThumbnailAnswer));
});
