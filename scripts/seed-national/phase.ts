import type { Client } from 'pg';
import type { Plan } from './plan';

export interface SeedContext {
  plan: Plan;
  /** Connections with the bulk-load settings; the first one holds the run's lock. */
  clients: Client[];
  /** Where progress bars go (null: silent). */
  progress: NodeJS.WritableStream | null;
  log: (line: string) => void;
  /** Test hook: in `phase`, the chunks this run starts after the first `afterChunks` fail before their commit. */
  interrupt: { phase: string; afterChunks: number } | null;
}

export interface ChunkResult {
  rows: number;
  meta?: Record<string, unknown>;
}

/**
 * A phase is a list of chunks; each chunk is one transaction that also records itself in
 * seed_national.progress, so a run that stops anywhere continues with the chunks not recorded.
 */
export interface Phase {
  name: string;
  unit: string;
  /** Chunks run at once on separate connections (SQL phases use both cores). */
  concurrency?: number;
  /** false: the chunk runs outside a transaction (VACUUM) and is recorded after it. */
  transactional?: boolean;
  chunks(ctx: SeedContext): Promise<number> | number;
  /** Rows expected in all (for the progress bar). */
  estimate(ctx: SeedContext): Promise<number> | number;
  /** Before the first chunk of this run, with the chunks still to do. */
  begin?(ctx: SeedContext, pending: number[]): Promise<void>;
  run(ctx: SeedContext, client: Client, chunk: number): Promise<ChunkResult>;
}

export class SeedInterrupted extends Error {
  constructor(phase: string, chunk: number) {
    super(`seed:national interrupted on purpose in ${phase}, chunk ${chunk} (test hook)`);
  }
}

/** Runs `work` over [from, to) in slices of `size`: slice n is [from + n·size, …). */
export function sliceOf(chunk: number, size: number, total: number): [number, number] {
  return [chunk * size, Math.min(total, (chunk + 1) * size)];
}
