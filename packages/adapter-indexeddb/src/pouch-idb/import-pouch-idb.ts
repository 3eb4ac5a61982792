import type { Engine, EngineMeta, EngineVersion, MigrationStats } from '@satchel/core';
import { kit } from './kit.js';
import { type DocChunk, docChunk, localRecords } from './pouch-idb-records.js';
import type { PouchBrowserSource } from './pouch-source.js';

/** Documents (or attachments) per commit: one IndexedDB transaction each. */
const BATCH = 200;

/** Deep equality of JSON-shaped values (what the engine stores and reads back). */
function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Bytes hashed between two yields to the event loop, so a large attachment never blocks it. */
const HASH_SLICE = 1024 * 1024;

/**
 * The MD5 digest of attachment bytes, and whether a digest PouchDB stored names them: PouchDB 3
 * and later write `md5-<base64>`, PouchDB 1 and 2 wrote `md5-<hex>`. Hashed as the binary
 * string the bytes stand for (`createStringMd5`, which the page has loaded anyway), which is the
 * MD5 of the bytes themselves.
 */
async function digestOf(bytes: Uint8Array): Promise<{ digest: string; names(d: string): boolean }> {
  const md5 = kit.createStringMd5();
  for (let at = 0; at < bytes.length; at += HASH_SLICE) {
    if (at > 0) await new Promise((resolve) => setTimeout(resolve, 0));
    md5.update(bytes.subarray(at, at + HASH_SLICE));
  }
  const hex = md5.hex();
  const base64 = btoa(String.fromCharCode(...hex.match(/../g)!.map((h) => Number.parseInt(h, 16))));
  const digest = `md5-${base64}`;
  return { digest, names: (d) => d === digest || d === `md5-${hex}` };
}

/** Every document chunk of the source, in id order. */
async function* chunks(source: PouchBrowserSource): AsyncGenerator<DocChunk> {
  let after: string | undefined;
  do {
    const page = await source.docs(after, BATCH);
    if (page.docs.length > 0) yield docChunk(source, page.docs);
    after = page.next;
  } while (after !== undefined);
}

/**
 * Writes everything of `source` into `engine` (empty, just opened at `version`) through
 * `engine.commit`, as LocalAdapter would have: rev trees as they are, one body per stored
 * revision, by-seq entries at PouchDB's seqs, attachments with their references and bytes
 * (checked against their digests), `_local/` documents, and a meta carrying PouchDB's update
 * seq and instance uuid (so replication ids, and so checkpoints, stay the same).
 */
export async function importPouchIdb(
  source: PouchBrowserSource,
  engine: Engine,
  version: EngineVersion,
): Promise<{ stats: MigrationStats; meta: EngineMeta }> {
  const meta: EngineMeta = {
    updateSeq: await source.lastSeq(),
    docCount: 0,
    uuid: (await source.instanceId()) ?? kit.uuid(),
  };
  let at = version;
  const commit = async (batch: Parameters<Engine['commit']>[0]) => {
    at = await engine.commit({ ...batch, meta: { ...meta } }, at);
  };
  const stats = { docs: 0, revisions: 0, locals: 0, attachments: 0, updateSeq: 0, docCount: 0 };
  const refs = new Map<string, Set<string>>();
  const holders = new Map<string, string>();
  const empty = new Set<string>();
  for await (const chunk of chunks(source)) {
    for (const doc of chunk.docs) {
      if (doc.seq > meta.updateSeq) meta.updateSeq = doc.seq;
      if (!doc.deleted) meta.docCount += 1;
    }
    for (const [digest, users] of chunk.refs)
      refs.set(digest, new Set([...(refs.get(digest) ?? []), ...users]));
    for (const [digest, id] of chunk.holders) holders.set(digest, id);
    for (const digest of chunk.empty) empty.add(digest);
    const putSeqs = chunk.docs.map((doc) => ({ seq: doc.seq, id: doc.id }));
    await commit({ putDocs: chunk.docs, putRevs: chunk.revs, putSeqs });
    stats.docs += chunk.docs.length;
    stats.revisions += chunk.revs.length;
  }
  const locals = localRecords(source, await source.locals());
  if (locals.length > 0) await commit({ putLocals: locals });
  stats.locals = locals.length;
  const digests = [...refs.keys()];
  for (let i = 0; i < digests.length; i += BATCH) {
    const slice = digests.slice(i, i + BATCH);
    const bytes = await source.binaries(
      slice.map((digest) => ({ digest, id: holders.get(digest) ?? '' })),
    );
    const putAttachments = await Promise.all(
      slice.map(async (digest, j) => {
        const users = [...(refs.get(digest) ?? [])];
        const data = bytes[j] ?? (empty.has(digest) ? new Uint8Array(0) : undefined);
        if (!data)
          throw source.corrupt(
            `the bytes of attachment ${digest} (used by ${users[0]}) are missing`,
          );
        const actual = await digestOf(data);
        if (!actual.names(digest))
          throw source.corrupt(
            `attachment ${digest} (used by ${users[0]}) has bytes whose digest is ${actual.digest}`,
          );
        return { digest, refs: users, data };
      }),
    );
    await commit({ putAttachments });
  }
  stats.attachments = digests.length;
  await commit({});
  return { stats: { ...stats, updateSeq: meta.updateSeq, docCount: meta.docCount }, meta };
}

/**
 * Reads the new store back and compares it with PouchDB's data read afresh: document records,
 * revision bodies, the by-seq index, local documents, attachment bytes against their digests,
 * and the meta. Completion is marked only after this passes.
 */
export async function verifyPouchIdb(
  source: PouchBrowserSource,
  engine: Engine,
  meta: EngineMeta,
): Promise<void> {
  const differs = (what: string) =>
    source.corrupt(`the copy written differs from the original (${what})`);
  const seqs = new Map<number, string>();
  const digests = new Set<string>();
  for await (const chunk of chunks(source)) {
    const records = await engine.getDocs(chunk.docs.map((d) => d.id));
    chunk.docs.forEach((doc, i) => {
      const got = records[i];
      const essence = (r: typeof doc) => [r.id, r.rev_tree, r.winningRev, r.deleted, r.seq];
      if (!got || !same(essence(got), essence(doc)))
        throw differs(`document ${JSON.stringify(doc.id)}`);
      seqs.set(doc.seq, doc.id);
    });
    const bodies = await engine.getRevs(chunk.revs);
    chunk.revs.forEach((rev, i) => {
      if (!same(bodies[i], rev.body)) throw differs(`revision ${rev.id}@${rev.rev}`);
    });
    for (const digest of chunk.refs.keys()) digests.add(digest);
  }
  const entries = await engine.scanSeqs({});
  if (entries.length !== seqs.size || entries.some((e) => seqs.get(e.seq) !== e.id))
    throw differs('by-sequence index');
  for (const local of localRecords(source, await source.locals())) {
    if (!same(await engine.getLocal(local.id), local)) throw differs(`local document ${local.id}`);
  }
  for (const digest of digests) {
    const bytes = await engine.getAttachment(digest);
    if (!bytes || !(await digestOf(bytes)).names(digest)) throw differs(`attachment ${digest}`);
  }
  const { updateSeq, docCount, uuid: id } = (await engine.reload()).meta;
  if (!same([updateSeq, docCount, id], [meta.updateSeq, meta.docCount, meta.uuid]))
    throw differs('update seq, doc count or uuid');
}
