import { createHash } from 'node:crypto';
import { createInterface } from 'node:readline';
import type { ServerDb } from '@satchel/server';
import { openDb } from '../open-db.js';

/** Documents written per `bulkDocs`. */
const BATCH = 100;

/** What a load did. */
export interface LoadSummary {
  /** Revisions written by this run. */
  loaded: number;
  /** Lines skipped because an earlier, interrupted run had loaded them. */
  skipped: number;
}

interface Checkpoint {
  _id: string;
  _rev?: string;
  lines: number;
}

async function readCheckpoint(db: ServerDb, id: string): Promise<Checkpoint> {
  try {
    return (await db.get(id)) as Checkpoint;
  } catch (err) {
    if ((err as { status?: number }).status === 404) return { _id: id, lines: 0 };
    throw err;
  }
}

/**
 * Loads a dump line by line (streamed: memory holds one batch), writing revisions as they are
 * (`new_edits: false`). After each batch a `_local` checkpoint keyed by the dump's header records
 * how many lines are in, so an interrupted load run again with the same file resumes there
 * (writes are idempotent, so a batch written twice does no harm either).
 */
export async function loadInto(db: ServerDb, input: NodeJS.ReadableStream): Promise<LoadSummary> {
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let checkpoint: Checkpoint | undefined;
  let lineNo = 0;
  let batch: unknown[] = [];
  const summary: LoadSummary = { loaded: 0, skipped: 0 };
  const flush = async () => {
    if (!checkpoint || batch.length === 0) return;
    const rows = await db.bulkDocs(batch, { new_edits: false });
    const failed = rows.find((row) => row.error !== undefined);
    if (failed)
      throw new Error(`load failed at line ${lineNo}: ${failed.reason ?? failed.message}`);
    summary.loaded += batch.length;
    batch = [];
    checkpoint.lines = lineNo;
    const saved = await db.put(checkpoint as unknown as Record<string, unknown>);
    checkpoint._rev = saved.rev;
  };
  for await (const line of lines) {
    if (!line.trim()) continue;
    lineNo += 1;
    if (!checkpoint) {
      const header = JSON.parse(line) as { satchel_dump?: number };
      if (header.satchel_dump !== 1) throw new Error('not a satchel dump (missing header line)');
      const key = createHash('sha256').update(line).digest('hex').slice(0, 16);
      checkpoint = await readCheckpoint(db, `_local/satchel-load-${key}`);
      continue;
    }
    if (lineNo <= checkpoint.lines) {
      summary.skipped += 1;
      continue;
    }
    batch.push(JSON.parse(line));
    if (batch.length >= BATCH) await flush();
  }
  await flush();
  return summary;
}

/** `satchel load DB < file.ndjson` (the database is created when missing). */
export async function loadCommand(
  name: string,
  dataDir: string,
  input: NodeJS.ReadableStream,
): Promise<LoadSummary> {
  const opened = await openDb(name, dataDir, true);
  try {
    return await loadInto(opened.db, input);
  } finally {
    await opened.close();
  }
}
