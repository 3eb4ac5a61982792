import {
  type AttachmentRecord,
  type DocRecord,
  decodeBase64Strict,
  type EngineBatch,
  type EngineMeta,
  encodeBase64,
  type LocalRecord,
  type RevBody,
  type RevRef,
  type SeqEntry,
  stringify,
} from '@satchel/core';
import { frame, unframe } from './ndjson.js';

/**
 * A change file: one commit's batch, immutable once written. Its header carries the commit id
 * (how a writer whose answer was lost recognises its own commit in `_meta.json`). Bodies and
 * attachment bytes travel inside it, so a commit is one upload.
 */
export interface ChangeSet {
  commit: string;
  putDocs: DocRecord[];
  deleteDocs: string[];
  /** Bodies, with the length of their JSON when known (their weight in a cache). */
  putRevs: (RevRef & { body: RevBody; bytes?: number })[];
  deleteRevs: RevRef[];
  putSeqs: SeqEntry[];
  deleteSeqs: number[];
  putLocals: LocalRecord[];
  deleteLocals: string[];
  putAttachments: (AttachmentRecord & { data?: Uint8Array })[];
  deleteAttachments: string[];
  meta?: EngineMeta;
}

/** Encodes a batch as a change file's text. */
export function encodeChange(batch: EngineBatch, commit: string): string {
  const lines: string[] = [];
  // Records may nest deeper than the native serialiser's stack (a 10,000-level local doc, a
  // long revision path), which `stringify` takes over.
  const add = (value: unknown): void => {
    lines.push(stringify(value));
  };
  for (const id of batch.deleteDocs ?? []) add({ t: 'xd', id });
  for (const ref of batch.deleteRevs ?? []) add({ t: 'xr', id: ref.id, rev: ref.rev });
  for (const seq of batch.deleteSeqs ?? []) add({ t: 'xs', seq });
  for (const id of batch.deleteLocals ?? []) add({ t: 'xl', id });
  for (const digest of batch.deleteAttachments ?? []) add({ t: 'xa', digest });
  for (const r of batch.putDocs ?? []) add({ t: 'd', r });
  for (const rev of batch.putRevs ?? []) {
    // The writer's JSON of the body is reused: bodies are the bulk of a change file.
    const body = rev.json ?? stringify(rev.body);
    lines.push(
      `{"t":"r","id":${JSON.stringify(rev.id)},"rev":${JSON.stringify(rev.rev)},"b":${body}}`,
    );
  }
  for (const entry of batch.putSeqs ?? []) add({ t: 's', seq: entry.seq, id: entry.id });
  for (const r of batch.putLocals ?? []) add({ t: 'l', r });
  for (const a of batch.putAttachments ?? []) {
    const line: Record<string, unknown> = { t: 'a', digest: a.digest, refs: a.refs };
    if (a.data) line.data = encodeBase64(a.data);
    add(line);
  }
  if (batch.meta) add({ t: 'm', meta: batch.meta });
  return frame({ v: 1, commit }, lines);
}

/** Decodes a change file (throws `MalformedAnswer` on a damaged one). */
export function decodeChange(text: string): ChangeSet {
  const { header, records, sizes } = unframe(text);
  const set: ChangeSet = {
    commit: String(header.commit),
    putDocs: [],
    deleteDocs: [],
    putRevs: [],
    deleteRevs: [],
    putSeqs: [],
    deleteSeqs: [],
    putLocals: [],
    deleteLocals: [],
    putAttachments: [],
    deleteAttachments: [],
  };
  records.forEach((line, i) => {
    switch (line.t) {
      case 'xd':
        set.deleteDocs.push(line.id as string);
        break;
      case 'xr':
        set.deleteRevs.push({ id: line.id as string, rev: line.rev as string });
        break;
      case 'xs':
        set.deleteSeqs.push(line.seq as number);
        break;
      case 'xl':
        set.deleteLocals.push(line.id as string);
        break;
      case 'xa':
        set.deleteAttachments.push(line.digest as string);
        break;
      case 'd':
        set.putDocs.push(line.r as DocRecord);
        break;
      case 'r':
        set.putRevs.push({
          id: line.id as string,
          rev: line.rev as string,
          body: line.b as RevBody,
          bytes: sizes[i] as number,
        });
        break;
      case 's':
        set.putSeqs.push({ seq: line.seq as number, id: line.id as string });
        break;
      case 'l':
        set.putLocals.push(line.r as LocalRecord);
        break;
      case 'a':
        set.putAttachments.push(attachmentLine(line));
        break;
      case 'm':
        set.meta = line.meta as EngineMeta;
        break;
      default:
        // A record type from a newer format: nothing this version can apply safely.
        throw new Error(`Unknown record type "${line.t}" in a Satchel change file`);
    }
  });
  return set;
}

function attachmentLine(line: Record<string, unknown>): AttachmentRecord & { data?: Uint8Array } {
  const record: AttachmentRecord & { data?: Uint8Array } = {
    digest: line.digest as string,
    refs: line.refs as string[],
  };
  if (typeof line.data === 'string') record.data = decodeBase64Strict(line.data);
  return record;
}
