import {
  type AttachmentRecord,
  type DocRecord,
  type EngineMeta,
  encodeBase64,
  type LocalRecord,
  type RevBody,
  type SeqEntry,
  stringify,
} from '@satchel/core';
import { type DocRow, fromRow, toRow } from './doc-row.js';
import { DriveState, type Locator, revKey } from './drive-state.js';
import { frame, unframe } from './ndjson.js';

/**
 * Everything a snapshot index holds, frozen at one generation: records are immutable, so
 * copying the arrays is enough to keep writing while the snapshot is made.
 */
export interface FrozenState {
  generation: number;
  meta: EngineMeta;
  docs: DocRecord[];
  seqs: SeqEntry[];
  locals: LocalRecord[];
  attachments: AttachmentRecord[];
  revFiles: Map<string, Locator>;
  attachmentFiles: Map<string, Locator>;
}

/** Takes a frozen copy of `state` as of `generation`. */
export function freeze(state: DriveState, generation: number): FrozenState {
  return {
    generation,
    meta: state.meta,
    docs: state.allDocs(),
    seqs: state.data.seqs.scan({}),
    locals: [...state.data.locals.values()],
    attachments: state.allAttachments(),
    revFiles: new Map(state.revFiles),
    attachmentFiles: new Map(state.attachmentFiles),
  };
}

/** A snapshot data chunk being filled: body and attachment lines, up to a byte size. */
export class ChunkBuilder {
  private lines: string[] = [];
  private size = 0;

  get bytes(): number {
    return this.size;
  }

  get empty(): boolean {
    return this.lines.length === 0;
  }

  addBody(id: string, rev: string, body: RevBody): void {
    this.push(
      `{"t":"r","id":${JSON.stringify(id)},"rev":${JSON.stringify(rev)},"b":${stringify(body)}}`,
    );
  }

  addAttachment(digest: string, bytes: Uint8Array): void {
    this.push(JSON.stringify({ t: 'a', digest, data: encodeBase64(bytes) }));
  }

  /** The chunk's file text; the builder starts over empty. */
  take(): string {
    const text = frame({ v: 1, chunk: true }, this.lines);
    this.lines = [];
    this.size = 0;
    return text;
  }

  private push(line: string): void {
    this.lines.push(line);
    this.size += line.length + 1;
  }
}

/**
 * Encodes the snapshot index: the meta, every doc record with the chunk of each revision body
 * (`b`), the seq entries a doc record does not imply, local docs and attachment records.
 */
export function encodeIndex(
  state: FrozenState,
  revChunks: Map<string, Map<string, number>>,
  attachmentChunks: Map<string, number>,
): string {
  const lines: string[] = [JSON.stringify({ t: 'm', meta: state.meta })];
  const implied = new Set<number>();
  const seqOf = new Map(state.seqs.map((entry) => [entry.id, entry.seq]));
  for (const r of state.docs) {
    const line: Record<string, unknown> = { t: 'd' };
    const row = toRow(r);
    if (row) line.a = row;
    else line.r = r;
    const bodies = revChunks.get(r.id);
    // Usually one body, the winner's: its chunk number alone says where it is.
    const [only] = bodies ?? [];
    if (bodies?.size === 1 && only?.[0] === r.winningRev) line.c = only[1];
    else line.b = Object.fromEntries(bodies ?? []);
    const hasSeq = state.seqs.length > 0 && seqOf.get(r.id) === r.seq;
    if (hasSeq) implied.add(r.seq);
    else line.ns = 1;
    lines.push(stringify(line));
  }
  for (const entry of state.seqs) {
    if (!implied.has(entry.seq))
      lines.push(JSON.stringify({ t: 's', seq: entry.seq, id: entry.id }));
  }
  for (const r of state.locals) lines.push(stringify({ t: 'l', r }));
  for (const r of state.attachments) {
    const line: Record<string, unknown> = { t: 'a', r };
    const chunk = attachmentChunks.get(r.digest);
    if (chunk !== undefined) line.c = chunk;
    lines.push(JSON.stringify(line));
  }
  return frame({ v: 1, generation: state.generation }, lines);
}

/**
 * Rebuilds the in-memory state from a snapshot index; `chunks` are the data chunk file ids the
 * root pointer lists, in the order the index numbers them.
 */
export function decodeIndex(text: string, chunks: readonly string[]): DriveState {
  const { records } = unframe(text);
  const metaLine = records[0];
  if (metaLine?.t !== 'm') throw new Error('A snapshot index without its meta line');
  const state = new DriveState(metaLine.meta as EngineMeta);
  const docs: DocRecord[] = [];
  const seqs: SeqEntry[] = [];
  for (const line of records.slice(1)) {
    if (line.t === 'd') {
      const r = Array.isArray(line.a) ? fromRow(line.a as DocRow) : (line.r as DocRecord);
      docs.push(r);
      if (line.ns !== 1) seqs.push({ seq: r.seq, id: r.id });
      const bodies =
        typeof line.c === 'number'
          ? { [r.winningRev]: line.c }
          : (line.b as Record<string, number>);
      for (const [rev, chunk] of Object.entries(bodies)) {
        const file = chunks[chunk];
        if (file) state.revFiles.set(revKey(r.id, rev), file);
      }
    } else if (line.t === 's') {
      seqs.push({ seq: line.seq as number, id: line.id as string });
    } else if (line.t === 'l') {
      const r = line.r as LocalRecord;
      state.data.locals.set(r.id, r);
    } else if (line.t === 'a') {
      const r = line.r as AttachmentRecord;
      state.data.attachmentRecords.set(r.digest, r);
      const file = typeof line.c === 'number' ? chunks[line.c] : undefined;
      if (file) state.attachmentFiles.set(r.digest, file);
    }
  }
  state.data.docs.put(docs);
  seqs.sort((a, b) => a.seq - b.seq);
  state.data.seqs.put(seqs);
  return state;
}
