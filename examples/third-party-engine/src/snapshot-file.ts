import { randomUUID } from 'node:crypto';
import { open, readFile, rename, rm, writeFile } from 'node:fs/promises';
import type {
  AttachmentRecord,
  DocRecord,
  EngineMeta,
  EngineVersion,
  LocalRecord,
  RevBody,
  SeqEntry,
} from '@satchel/core/engine';

/** Everything one database holds, as the engine keeps it in memory. */
export interface SnapshotState {
  meta: EngineMeta | undefined;
  docs: Map<string, DocRecord>;
  /** Revision bodies by `JSON.stringify([id, rev])`. */
  revs: Map<string, RevBody>;
  seqs: Map<number, SeqEntry>;
  locals: Map<string, LocalRecord>;
  attachmentRecords: Map<string, AttachmentRecord>;
  attachments: Map<string, Uint8Array>;
}

/** The version of a store that has no file yet (never written, or destroyed). */
export const NO_FILE: EngineVersion = 'none';

/** A state with nothing in it. */
export function emptyState(): SnapshotState {
  return {
    meta: undefined,
    docs: new Map(),
    revs: new Map(),
    seqs: new Map(),
    locals: new Map(),
    attachmentRecords: new Map(),
    attachments: new Map(),
  };
}

/**
 * The file is two lines: a short header `{"version":"…"}`, then the whole state as JSON. The
 * header comes first so that checking a commit's version reads a few bytes, not the file.
 */
export async function readVersion(path: string): Promise<EngineVersion> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return NO_FILE;
    throw err;
  }
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(128), 0, 128, 0);
    const header = buffer.subarray(0, bytesRead).toString('utf8').split('\n')[0] ?? '';
    return (JSON.parse(header) as { version: string }).version;
  } finally {
    await handle.close();
  }
}

/** Reads the whole file: its version and state (an empty state when there is no file). */
export async function readSnapshot(
  path: string,
): Promise<{ version: EngineVersion; state: SnapshotState }> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      return { version: NO_FILE, state: emptyState() };
    }
    throw err;
  }
  const newline = text.indexOf('\n');
  const { version } = JSON.parse(text.slice(0, newline)) as { version: string };
  const saved = JSON.parse(text.slice(newline + 1)) as Saved;
  return {
    version,
    state: {
      meta: saved.meta,
      docs: new Map(saved.docs.map((d) => [d.id, d])),
      revs: new Map(saved.revs),
      seqs: new Map(saved.seqs.map((e) => [e.seq, e])),
      locals: new Map(saved.locals.map((l) => [l.id, l])),
      attachmentRecords: new Map(saved.attachmentRecords.map((r) => [r.digest, r])),
      attachments: new Map(
        saved.attachments.map(([digest, base64]) => [digest, Buffer.from(base64, 'base64')]),
      ),
    },
  };
}

/**
 * Writes the state under a new version and returns it. The text goes to a temporary file that
 * is then renamed over the old one: rename is atomic, so a reader or a crash sees the old file
 * or the new one, never half of either. That is what makes a commit atomic.
 */
export async function writeSnapshot(path: string, state: SnapshotState): Promise<EngineVersion> {
  const version = randomUUID();
  const saved: Saved = {
    meta: state.meta,
    docs: [...state.docs.values()],
    revs: [...state.revs],
    seqs: [...state.seqs.values()],
    locals: [...state.locals.values()],
    attachmentRecords: [...state.attachmentRecords.values()],
    attachments: [...state.attachments].map(([d, bytes]) => [
      d,
      Buffer.from(bytes).toString('base64'),
    ]),
  };
  const temporary = `${path}.${version}.tmp`;
  await writeFile(temporary, `${JSON.stringify({ version })}\n${JSON.stringify(saved)}`);
  await rename(temporary, path);
  return version;
}

/** Removes the file (a missing file is fine: the store is already gone). */
export async function removeSnapshot(path: string): Promise<void> {
  await rm(path, { force: true });
}

/** The state as JSON holds it: Maps as arrays, bytes as base64. */
interface Saved {
  meta: EngineMeta | undefined;
  docs: DocRecord[];
  revs: [string, RevBody][];
  seqs: SeqEntry[];
  locals: LocalRecord[];
  attachmentRecords: AttachmentRecord[];
  attachments: [string, string][];
}
