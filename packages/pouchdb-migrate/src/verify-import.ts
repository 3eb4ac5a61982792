import { isDeepStrictEqual } from 'node:util';
import { binaryMd5, type DocRecord, type Engine, type EngineMeta } from '@satchel/core';
import { slices } from './attachment-records.js';
import { AttachmentRefs, docChunks, localChunks } from './pouch-records.js';
import type { PouchSource } from './pouch-source.js';

/** The fields of a document record that carry meaning (an engine may keep more). */
function essence(record: DocRecord | undefined): unknown {
  if (!record) return undefined;
  const { id, rev_tree, winningRev, deleted, seq } = record;
  return { id, rev_tree, winningRev, deleted, seq };
}

/**
 * Reads the new store back and compares it with PouchDB's data read afresh: every document
 * record, revision body, by-seq entry, local document, attachment (bytes checked against their
 * digest) and the meta. The migration is marked complete only when this passes.
 * @throws a migration error naming the first difference.
 */
export async function verifyImport(
  source: PouchSource,
  engine: Engine,
  meta: EngineMeta,
  batchSize: number,
): Promise<void> {
  const differs = (what: string): Error =>
    source.corrupt(`the copy written differs from the original (${what})`);
  const refs = new AttachmentRefs();
  const seqs = new Map<number, string>();
  for await (const chunk of docChunks(source, batchSize, refs)) {
    const records = await engine.getDocs(chunk.docs.map((d) => d.id));
    chunk.docs.forEach((doc, i) => {
      if (!isDeepStrictEqual(essence(records[i]), essence(doc)))
        throw differs(`document ${JSON.stringify(doc.id)}`);
      seqs.set(doc.seq, doc.id);
    });
    const bodies = await engine.getRevs(chunk.revs);
    chunk.revs.forEach((rev, i) => {
      if (!isDeepStrictEqual(bodies[i], rev.body)) throw differs(`revision ${rev.id}@${rev.rev}`);
    });
  }
  const entries = await engine.scanSeqs({});
  if (entries.length !== seqs.size || entries.some((e) => seqs.get(e.seq) !== e.id))
    throw differs('by-sequence index');
  for await (const locals of localChunks(source, batchSize)) {
    for (const local of locals) {
      if (!isDeepStrictEqual(await engine.getLocal(local.id), local))
        throw differs(`local document ${local.id}`);
    }
  }
  for (const digests of slices([...refs.refs.keys()], batchSize)) {
    const records = await engine.getAttachmentRecords(digests);
    for (const [i, digest] of digests.entries()) {
      const want = [...(refs.refs.get(digest) ?? [])].sort();
      if (!isDeepStrictEqual([...(records[i]?.refs ?? [])].sort(), want))
        throw differs(`references of attachment ${digest}`);
      const bytes = await engine.getAttachment(digest);
      if (!bytes || `md5-${await binaryMd5(bytes)}` !== digest)
        throw differs(`bytes of attachment ${digest}`);
    }
  }
  const snapshot = await engine.reload();
  const { updateSeq, docCount, uuid } = snapshot.meta;
  if (!isDeepStrictEqual({ updateSeq, docCount, uuid }, { ...meta }))
    throw differs('update seq, doc count or uuid');
}
