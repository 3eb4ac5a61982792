import { uuid } from '@satchel/core';
import type { BodyFile } from './body-file.js';
import { snapshotDataName, snapshotIndexName, snapshotPrefix } from './database-files.js';
import type { SnapshotPointer } from './drive-meta.js';
import { revKey, splitRevKey } from './drive-state.js';
import type { DriveTransport } from './drive-transport.js';
import { ChunkBuilder, encodeIndex, type FrozenState } from './snapshot-file.js';

/** What writing a snapshot produced: its pointer and where each body now lives. */
export interface WrittenSnapshot {
  pointer: SnapshotPointer;
  /** New locations of revision bodies (by `revKey`) and attachments (by digest). */
  revFiles: Map<string, string>;
  attachmentFiles: Map<string, string>;
  /** Every file uploaded, to delete if the snapshot is abandoned. */
  files: string[];
}

/** What the writer needs from the engine. */
export interface SnapshotContext {
  drive: DriveTransport;
  folderId: string;
  chunkBytes: number;
  /** Downloads the bodies of one existing file. */
  readBodies(file: string): Promise<BodyFile>;
}

/** Which bodies and attachments to carry from each source file. */
interface SourceFile {
  revs: string[];
  attachments: string[];
}

/**
 * Writes a snapshot of `state`: the bodies still referenced, copied file by file from where
 * they live now into new data chunks of about `chunkBytes` (so memory holds one source file and
 * one chunk at a time), then the index. Nothing points at the files until the root pointer is
 * swapped, so a failure here leaves only orphans.
 */
export async function writeSnapshot(
  context: SnapshotContext,
  state: FrozenState,
): Promise<WrittenSnapshot> {
  const tag = uuid().slice(0, 8);
  const prefix = snapshotPrefix(state.generation, tag);
  const files: string[] = [];
  const chunks: string[] = [];
  const builder = new ChunkBuilder();
  const revChunks = new Map<string, Map<string, number>>();
  const attachmentChunks = new Map<string, number>();
  const flush = async (): Promise<void> => {
    if (builder.empty) return;
    const name = snapshotDataName(prefix, chunks.length);
    const file = await context.drive.createFile(name, context.folderId, builder.take());
    chunks.push(file.id);
    files.push(file.id);
  };
  try {
    for (const [source, wanted] of groupBySource(state)) {
      const bodies = await context.readBodies(source);
      for (const key of wanted.revs) {
        const found = bodies.bodies.get(key);
        if (!found) throw new Error(`A revision body is missing from file ${source}`);
        const { id, rev } = splitRevKey(key);
        builder.addBody(id, rev, found.body);
        let revs = revChunks.get(id);
        if (!revs) {
          revs = new Map();
          revChunks.set(id, revs);
        }
        revs.set(rev, chunks.length);
        if (builder.bytes >= context.chunkBytes) await flush();
      }
      for (const digest of wanted.attachments) {
        const bytes = bodies.attachments.get(digest);
        if (!bytes) throw new Error(`An attachment is missing from file ${source}`);
        builder.addAttachment(digest, bytes);
        attachmentChunks.set(digest, chunks.length);
        if (builder.bytes >= context.chunkBytes) await flush();
      }
    }
    await flush();
    const indexText = encodeIndex(state, revChunks, attachmentChunks);
    const index = await context.drive.createFile(
      snapshotIndexName(prefix),
      context.folderId,
      indexText,
    );
    files.push(index.id);
    return {
      pointer: { generation: state.generation, index: index.id, data: chunks },
      revFiles: locations(revChunks, chunks),
      attachmentFiles: new Map(
        [...attachmentChunks].map(([digest, chunk]) => [digest, chunks[chunk] as string]),
      ),
      files,
    };
  } catch (err) {
    await Promise.allSettled(files.map((id) => context.drive.remove(id)));
    throw err;
  }
}

/** The bodies and attachments still referenced, grouped by the file holding them. */
function groupBySource(state: FrozenState): Map<string, SourceFile> {
  const sources = new Map<string, SourceFile>();
  const source = (file: string): SourceFile => {
    let entry = sources.get(file);
    if (!entry) {
      entry = { revs: [], attachments: [] };
      sources.set(file, entry);
    }
    return entry;
  };
  const liveDocs = new Set(state.docs.map((r) => r.id));
  for (const [key, file] of state.revFiles) {
    // A body whose document was purged is not carried over.
    if (liveDocs.has(splitRevKey(key).id)) source(file).revs.push(key);
  }
  const liveAttachments = new Set(state.attachments.map((r) => r.digest));
  for (const [digest, file] of state.attachmentFiles) {
    if (liveAttachments.has(digest)) source(file).attachments.push(digest);
  }
  return sources;
}

function locations(
  revChunks: Map<string, Map<string, number>>,
  chunks: string[],
): Map<string, string> {
  const out = new Map<string, string>();
  for (const [id, revs] of revChunks) {
    for (const [rev, chunk] of revs) out.set(revKey(id, rev), chunks[chunk] as string);
  }
  return out;
}
