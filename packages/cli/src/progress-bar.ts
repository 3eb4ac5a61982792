/** One progress snapshot of a replication. */
export interface Progress {
  written: number;
  read: number;
  pending: number;
  errors: number;
  elapsedMs: number;
}

const WIDTH = 24;

/** Docs per second over the run so far. */
export const rate = (docs: number, elapsedMs: number): number =>
  elapsedMs > 0 ? Math.round((docs * 1000) / elapsedMs) : 0;

/**
 * The progress line: a bar of written / (written + pending), docs/s, pending and errors.
 * @example "[############------------]  5000/10000  2400 docs/s  pending 5000  errors 0"
 */
export function progressLine(p: Progress): string {
  const total = p.written + p.pending;
  const filled = total > 0 ? Math.round((p.written / total) * WIDTH) : WIDTH;
  const bar = `${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}`;
  return `[${bar}] ${String(p.written).padStart(6)}/${total}  ${rate(p.written, p.elapsedMs)} docs/s  pending ${p.pending}  errors ${p.errors}`;
}

/** Draws progress lines on a terminal (rewriting one line) or as plain lines elsewhere. */
export class ProgressBar {
  private last = 0;

  constructor(
    private readonly out: NodeJS.WritableStream & { isTTY?: boolean },
    private readonly everyMs = 200,
  ) {}

  /** Draws `p`, at most every `everyMs` unless `force`. */
  draw(p: Progress, force = false): void {
    const now = Date.now();
    if (!force && now - this.last < this.everyMs) return;
    this.last = now;
    const line = progressLine(p);
    this.out.write(this.out.isTTY ? `\r${line}\u001b[K` : `${line}\n`);
  }

  /** Ends the bar's line on a terminal. */
  done(): void {
    if (this.out.isTTY) this.out.write('\n');
  }
}
