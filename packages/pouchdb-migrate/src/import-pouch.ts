import type { Engine, EngineMeta, EngineVersion, MigrationStats } from '@satchel/core';
import { attachmentRecords, slices } from './attachment-records.js';
import { pouchMeta } from './pouch-meta.js';
import { AttachmentRefs, docChunks, localChunks } from './pouch-records.js';
import type { PouchSource } from './pouch-source.js';

/** How far a migration got; given to `onProgress` after every commit. */
export interface MigrationProgress {
  phase: 'documents' | 'local documents' | 'attachments';
  /** Items of this phase written so far. */
  done: number;
}

/** Options of {@link importPouch}. */
export interface ImportOptions {
  /** Documents (or local documents, or attachments) per commit. */
  batchSize: number;
  onProgress?: (progress: MigrationProgress) => void;
}

/** A fresh, open engine and the version to commit at. */
interface Target {
  engine: Engine;
  version: EngineVersion;
}

async function commit(target: Target, batch: Parameters<Engine['commit']>[0]): Promise<void> {
  target.version = await target.engine.commit(batch, target.version);
}

/**
 * Writes every document, stored revision, local document and attachment of `source` into
 * `engine` (an empty, opened store) in commits of `batchSize` items, as LocalAdapter would
 * have written them: the same rev trees, seqs, bodies and attachment references.
 * @returns what was written, and the meta the store ends with.
 */
export async function importPouch(
  source: PouchSource,
  engine: Engine,
  version: EngineVersion,
  options: ImportOptions,
): Promise<{ stats: MigrationStats; meta: EngineMeta }> {
  const meta = await pouchMeta(source);
  const target: Target = { engine, version };
  const refs = new AttachmentRefs();
  const stats: MigrationStats = {
    docs: 0,
    revisions: 0,
    locals: 0,
    attachments: 0,
    updateSeq: meta.updateSeq,
    docCount: 0,
  };
  const seen = new Set<number>();
  for await (const chunk of docChunks(source, options.batchSize, refs)) {
    for (const doc of chunk.docs) {
      if (seen.has(doc.seq))
        throw source.corrupt(
          `document ${JSON.stringify(doc.id)} has seq ${doc.seq}, which another document has too`,
        );
      if (doc.seq > meta.updateSeq) meta.updateSeq = doc.seq;
      seen.add(doc.seq);
      if (!doc.deleted) meta.docCount += 1;
    }
    const putSeqs = chunk.docs.map((doc) => ({ seq: doc.seq, id: doc.id }));
    await commit(target, { putDocs: chunk.docs, putRevs: chunk.revs, putSeqs, meta: { ...meta } });
    stats.docs += chunk.docs.length;
    stats.revisions += chunk.revs.length;
    options.onProgress?.({ phase: 'documents', done: stats.docs });
  }
  for await (const locals of localChunks(source, options.batchSize)) {
    await commit(target, { putLocals: locals, meta: { ...meta } });
    stats.locals += locals.length;
    options.onProgress?.({ phase: 'local documents', done: stats.locals });
  }
  for (const digests of slices([...refs.refs.keys()], options.batchSize)) {
    const putAttachments = await attachmentRecords(source, refs, digests);
    await commit(target, { putAttachments, meta: { ...meta } });
    stats.attachments += digests.length;
    options.onProgress?.({ phase: 'attachments', done: stats.attachments });
  }
  // An empty database still gets its meta (uuid, update seq) written.
  await commit(target, { meta: { ...meta } });
  stats.updateSeq = meta.updateSeq;
  stats.docCount = meta.docCount;
  return { stats, meta };
}
