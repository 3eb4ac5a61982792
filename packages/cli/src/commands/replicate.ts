import SatchelNode from '@satchel/node';
import type { ReplicationLike } from '@satchel/server';
import { openDb } from '../open-db.js';
import { ProgressBar, rate } from '../progress-bar.js';
import { seqNumber } from '../seq-number.js';

/** Options of {@link replicateCommand}. */
export interface ReplicateOptions {
  source: string;
  target: string;
  dataDir: string;
  live: boolean;
  /** Where progress and the summary go (stderr by default). */
  out?: NodeJS.WritableStream & { isTTY?: boolean };
  /** Stops a live replication (the CLI wires it to SIGINT). */
  signal?: AbortSignal;
}

/** What a replication did, as the summary prints it. */
export interface ReplicateSummary {
  docs_read: number;
  docs_written: number;
  doc_write_failures: number;
  seconds: number;
  target_doc_count: number;
}

interface ChangeInfo {
  docs_read?: number;
  docs_written?: number;
  doc_write_failures?: number;
  last_seq?: unknown;
}

/**
 * `satchel replicate SOURCE TARGET [--live]`: replicates with a progress bar (docs written,
 * docs/s, pending, errors) and prints a summary with the target's document count at the end.
 * Local targets are created when missing.
 */
export async function replicateCommand(opts: ReplicateOptions): Promise<ReplicateSummary> {
  const out = opts.out ?? process.stderr;
  const source = await openDb(opts.source, opts.dataDir);
  const target = await openDb(opts.target, opts.dataDir, true);
  const started = Date.now();
  let sourceSeq = seqNumber((await source.db.info()).update_seq);
  let info: ChangeInfo = {};
  const bar = new ProgressBar(out);
  const draw = (force = false) =>
    bar.draw(
      {
        written: info.docs_written ?? 0,
        read: info.docs_read ?? 0,
        pending: Math.max(0, sourceSeq - seqNumber(info.last_seq ?? 0)),
        errors: info.doc_write_failures ?? 0,
        elapsedMs: Date.now() - started,
      },
      force,
    );
  const replicate = SatchelNode.replicate as unknown as (
    s: unknown,
    t: unknown,
    o: object,
  ) => ReplicationLike;
  const rep = replicate(source.db, target.db, {
    live: opts.live,
    retry: opts.live,
  });
  rep.on('change', ((change: ChangeInfo) => {
    info = change;
    draw();
  }) as (arg: never) => void);
  const refresh = setInterval(() => {
    source.db.info().then(
      (i) => {
        sourceSeq = seqNumber(i.update_seq);
        draw();
      },
      () => undefined,
    );
  }, 1000);
  opts.signal?.addEventListener('abort', () => rep.cancel(), { once: true });
  try {
    const result = (await rep) as ChangeInfo;
    info = { ...info, ...result };
  } finally {
    clearInterval(refresh);
  }
  draw(true);
  bar.done();
  const summary: ReplicateSummary = {
    docs_read: info.docs_read ?? 0,
    docs_written: info.docs_written ?? 0,
    doc_write_failures: info.doc_write_failures ?? 0,
    seconds: (Date.now() - started) / 1000,
    target_doc_count: (await target.db.info()).doc_count,
  };
  out.write(
    `replicated ${source.label} -> ${target.label}: ${summary.docs_written} docs written, ` +
      `${summary.docs_read} read, ${summary.doc_write_failures} errors in ${summary.seconds.toFixed(1)} s ` +
      `(${rate(summary.docs_written, summary.seconds * 1000)} docs/s); target has ${summary.target_doc_count} docs\n`,
  );
  await source.close();
  await target.close();
  return summary;
}
