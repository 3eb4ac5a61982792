import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The pouchdb@9 members these tests use. */
export interface PouchDb {
  bulkDocs(docs: object[], opts?: object): Promise<{ id: string; rev: string }[]>;
  put(doc: object): Promise<{ rev: string }>;
  allDocs(opts: object): Promise<{ rows: object[]; total_rows: number }>;
  changes(opts: object): Promise<{ results: object[]; last_seq: number | string }>;
  info(): Promise<{ update_seq: number | string; doc_count: number }>;
  close(): Promise<unknown>;
}

/** pouchdb@9 (its leveldb adapter is the default on Node). */
export const PouchDB = require('pouchdb') as new (name: string) => PouchDb;

/**
 * Writes a small PouchDB leveldb database at `path`: `count` documents, every third one edited,
 * every fifth deleted, one conflict, attachments on a few, and a local document.
 */
export async function writeSmallFixture(path: string, count: number): Promise<void> {
  const db = new PouchDB(path);
  const docs = Array.from({ length: count }, (_, i) => ({
    _id: `d${String(i).padStart(4, '0')}`,
    i,
  }));
  const first = await db.bulkDocs(docs);
  await db.bulkDocs(
    first.filter((_, i) => i % 3 === 0).map((r) => ({ _id: r.id, _rev: r.rev, edited: true })),
  );
  const fifth = first.filter((_, i) => i % 5 === 1);
  await db.bulkDocs(fifth.map((r) => ({ _id: r.id, _rev: r.rev, _deleted: true })));
  await db.bulkDocs(
    [
      {
        _id: 'd0002',
        _rev: '1-ffffffffffffffffffffffffffffffff',
        other: 1,
        _revisions: { start: 1, ids: ['ffffffffffffffffffffffffffffffff'] },
      },
    ],
    { new_edits: false },
  );
  const text = (s: string): string => Buffer.from(s).toString('base64');
  for (const id of ['att-a', 'att-b']) {
    await db.put({
      _id: id,
      _attachments: { 'a.txt': { content_type: 'text/plain', data: text(`bytes of ${id}`) } },
    });
  }
  await db.put({ _id: '_local/checkpoint', last_seq: 7 });
  await db.close();
}

/** What a reader sees of a database, for comparing PouchDB's answers with Satchel's. */
export async function snapshot(db: {
  allDocs(opts: object): Promise<unknown>;
  changes(opts: object): PromiseLike<unknown>;
}): Promise<unknown> {
  return {
    all: await db.allDocs({ include_docs: true, conflicts: true }),
    changes: await db.changes({ style: 'all_docs' }),
  };
}
