/**
 * A progress line per phase on stderr: rows done / total, rate and time left. On a terminal it redraws one line
 * (at most five times a second); elsewhere (CI logs, pipes) it prints a line every ten seconds and at the end.
 */
const number = (n: number) => Math.round(n).toLocaleString('en-US');

export function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '–';
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

export class ProgressBar {
  private readonly started = performance.now();
  private lastDraw = 0;
  private lastShare = -1;
  private doneHere = 0;
  private readonly tty: boolean;

  constructor(
    private readonly out: NodeJS.WritableStream | null,
    private readonly phase: string,
    private readonly unit: string,
    private total: number,
    private done: number,
  ) {
    this.tty = Boolean((out as { isTTY?: boolean } | null)?.isTTY);
    this.draw(true);
  }

  add(rows: number, total?: number): void {
    this.done += rows;
    this.doneHere += rows;
    if (total !== undefined) this.total = total;
    this.draw(false);
  }

  finish(): void {
    this.total = Math.max(this.total, this.done);
    this.draw(true);
    if (this.tty && this.out) this.out.write('\n');
  }

  private draw(force: boolean): void {
    if (!this.out) return;
    const now = performance.now();
    if (!force && now - this.lastDraw < (this.tty ? 200 : 10_000)) return;
    this.lastDraw = now;
    const seconds = (now - this.started) / 1000;
    const rate = seconds > 0 ? this.doneHere / seconds : 0;
    const share = this.total > 0 ? Math.min(1, this.done / this.total) : this.done > 0 ? 1 : 0;
    // A finished bar is printed once (logs get no duplicate last line).
    if (share >= 1 && this.lastShare >= 1 && !this.tty) return;
    this.lastShare = share;
    const width = 24;
    const filled = Math.round(share * width);
    const left = rate > 0 ? Math.max(0, this.total - this.done) / rate : Infinity;
    const line =
      `[${this.phase}] ${'█'.repeat(filled)}${'░'.repeat(width - filled)} ${(share * 100).toFixed(0).padStart(3)}% ` +
      `${number(this.done)} / ${number(this.total)} ${this.unit}  ${rate < 10 ? rate.toFixed(1) : number(rate)}/s  ` +
      (share >= 1 ? `${duration(seconds)}` : `ETA ${duration(left)}`);
    this.out.write(this.tty ? `\r${line}\x1b[K` : `${line}\n`);
  }
}
