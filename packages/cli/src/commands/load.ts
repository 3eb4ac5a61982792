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
  // The line each batched document came from, so an error names the line at fault.
  let batchLines: number[] = [];
  const flush = async () => {
    if (!checkpoint || batch.length === 0) return;
    const rows = await db.bulkDocs(batch, { new_edits: false });
    // With `new_edits: false` only failures come back, so the row's id finds its line.
    const failed = rows.find((row) => row.error !== undefined);
    if (failed) {
      const at = batch.findIndex((doc) => (doc as { _id?: unknown })._id === failed.id);
      throw new Error(
        `load failed at line ${batchLines[at] ?? lineNo}: ${failed.reason ?? failed.message}`,
      );
    }
    summary.loaded += batch.length;
    batch = [];
    batchLines = [];
    checkpoint.lines = lineNo;
    const saved = await db.put(checkpoint as unknown as Record<string, unknown>);
    checkpoint._rev = saved.rev;
  };
  for await (const raw of lines) {
    // Editors on Windows may prepend a byte order mark; it is not part of the JSON.
    const line = lineNo === 0 ? raw.replace(/^\uFEFF/, '') : raw;
    if (!line.trim()) continue;
    lineNo += 1;
    if (!checkpoint) {
      checkHeader(parseLine(line, lineNo));
      const key = createHash('sha256').update(line).digest('hex').slice(0, 16);
      checkpoint = await readCheckpoint(db, `_local/satchel-load-${key}`);
      continue;
    }
    if (lineNo <= checkpoint.lines) {
      summary.skipped += 1;
      continue;
    }
    const doc = parseLine(line, lineNo);
    if (!doc || typeof doc !== 'object' || Array.isArray(doc)) {
      throw new Error(`line ${lineNo} is not a document (a JSON object)`);
    }
    batch.push(doc);
    batchLines.push(lineNo);
    if (batch.length >= BATCH) await flush();
  }
  // Nothing at all (an empty file, a missing redirect) is no dump: say so rather than "0 loaded".
  if (!checkpoint) throw new Error('not a satchel dump (the input is empty)');
  await flush();
  return summary;
}

/** One line's JSON; the error names the line (a dump cut off mid-line fails on its last). */
function parseLine(line: string, lineNo: number): unknown {
  try {
    return JSON.parse(line) as unknown;
  } catch (err) {
    throw new Error(`line ${lineNo} is not JSON: ${(err as Error).message}`);
  }
}

/** The first line must be a dump header of a version this load understands. */
function checkHeader(header: unknown): void {
  const version = (header as { satchel_dump?: unknown } | null)?.satchel_dump;
  if (version === undefined) throw new Error('not a satchel dump (missing header line)');
  if (version !== 1) {
    throw new Error(
      `unsupported satchel dump version ${JSON.stringify(version)} (this load reads 1)`,
    );
  }
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
