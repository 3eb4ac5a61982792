// Bundled into the test page with the fixture: writes, with IndexedDB directly, a database as
// PouchDB 1 to 3's `idb` adapter left it (schemas 1 to 4), which no PouchDB has opened since.

/** The idb adapter's schema versions before the current one (5). */
export type LegacySchema = 1 | 2 | 3 | 4;

interface Rev {
  hash: string;
  deleted?: boolean;
  children?: Rev[];
}

interface LegacyDoc {
  id: string;
  /** Roots of the rev tree, all at pos 1. */
  roots: Rev[];
  /** by-sequence key → the revision stored there and its content. */
  stored: Record<number, { rev: string; body: Record<string, unknown> }>;
}

const text = 'hi';
/** md5("hi"): PouchDB 1 and 2 wrote hex digests, 3 and later base64 ones. */
const DIGESTS = {
  hex: 'md5-49f68a5c8493ec2c0bf489821c21fc3b',
  base64: 'md5-SfaKXIST7CwL9ImCHCH8Ow==',
};

function docsFor(digest: string): LegacyDoc[] {
  const attachment = { content_type: 'text/plain', digest, length: text.length, revpos: 2 };
  return [
    {
      id: 'a',
      roots: [{ hash: 'a1', children: [{ hash: 'a2' }] }],
      stored: {
        1: { rev: '1-a1', body: { n: 1 } },
        2: { rev: '2-a2', body: { n: 2, _attachments: { 't.txt': attachment } } },
      },
    },
    { id: 'b', roots: [{ hash: 'b1', deleted: true }], stored: { 3: { rev: '1-b1', body: {} } } },
    {
      // Two conflicting roots.
      id: 'c',
      roots: [{ hash: 'c1' }, { hash: 'c2' }],
      stored: { 5: { rev: '1-c1', body: { side: 1 } }, 6: { rev: '1-c2', body: { side: 2 } } },
    },
  ];
}

/** `_local/` documents, stored before schema 3 as ordinary documents at these seqs. */
const LOCALS: LegacyDoc[] = [
  {
    id: '_local/note',
    roots: [{ hash: 'n1' }],
    stored: { 4: { rev: '1-n1', body: { note: 'x' } } },
  },
  { id: '_local/abcdef', roots: [{ hash: 'l1' }], stored: { 7: { rev: '1-l1', body: { cp: 7 } } } },
];

function treeOf(roots: Rev[]): unknown[] {
  const node = (rev: Rev): unknown[] => [
    rev.hash,
    rev.deleted ? { status: 'available', deleted: true } : { status: 'available' },
    (rev.children ?? []).map(node),
  ];
  return roots.map((rev) => ({ pos: 1, ids: node(rev) }));
}

function lastSeq(doc: LegacyDoc): number {
  return Math.max(...Object.keys(doc.stored).map(Number));
}

/**
 * The document-store entry: the metadata object itself before schema 3; JSON text in `data`
 * from schema 3 (PouchDB 3.0 to 3.2), with the seq inside it except for `c` (left for the
 * reader to find in by-sequence).
 */
function metadataEntry(doc: LegacyDoc, schema: LegacySchema, deleted: boolean): unknown {
  const metadata: Record<string, unknown> = { id: doc.id, rev_tree: treeOf(doc.roots) };
  if (schema < 3 || doc.id !== 'c') metadata.seq = lastSeq(doc);
  if (schema === 1) return metadata;
  const deletedOrLocal = deleted || doc.id.startsWith('_local/') ? '1' : '0';
  if (schema === 2) return { ...metadata, deletedOrLocal };
  return { id: doc.id, data: JSON.stringify(metadata), deletedOrLocal };
}

function createStores(db: IDBDatabase, schema: LegacySchema): void {
  const docs = db.createObjectStore('document-store', { keyPath: 'id' });
  docs.createIndex('seq', 'seq', { unique: true });
  db.createObjectStore('by-sequence', { autoIncrement: true }).createIndex(
    '_doc_id_rev',
    '_doc_id_rev',
    { unique: true },
  );
  db.createObjectStore('attach-store', { keyPath: 'digest' });
  db.createObjectStore('meta-store', { keyPath: 'id' });
  db.createObjectStore('detect-blob-support');
  if (schema >= 2) docs.createIndex('deletedOrLocal', 'deletedOrLocal', { unique: false });
  if (schema >= 3)
    db.createObjectStore('local-store', { keyPath: '_id' }).createIndex(
      '_doc_id_rev',
      '_doc_id_rev',
      { unique: true },
    );
  if (schema >= 4) {
    const attSeq = db.createObjectStore('attach-seq-store', { autoIncrement: true });
    attSeq.createIndex('seq', 'seq');
    attSeq.createIndex('digestSeq', 'digestSeq', { unique: true });
  }
}

/** Writes `_pouch_<name>` as PouchDB's idb adapter at `schema` left it. */
export async function writeLegacy(name: string, schema: LegacySchema): Promise<void> {
  const database = `_pouch_${name}`;
  const request = indexedDB.open(database, schema);
  request.onupgradeneeded = () => createStores(request.result, schema);
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  const stores = Array.from(db.objectStoreNames);
  const tx = db.transaction(stores, 'readwrite');
  const digest = schema < 3 ? DIGESTS.hex : DIGESTS.base64;
  const asDocs = schema < 3 ? [...docsFor(digest), ...LOCALS] : docsFor(digest);
  for (const doc of asDocs) {
    for (const [seq, { rev, body }] of Object.entries(doc.stored)) {
      const value = { ...body, _id: doc.id, _rev: rev, _doc_id_rev: `${doc.id}::${rev}` };
      tx.objectStore('by-sequence').put(value, Number(seq));
    }
    const deleted = doc.roots.every((root) => root.deleted);
    tx.objectStore('document-store').put(metadataEntry(doc, schema, deleted));
  }
  if (schema >= 3) {
    for (const local of LOCALS) {
      const body = Object.values(local.stored)[0]?.body;
      tx.objectStore('local-store').put({ ...body, _id: local.id, _rev: '0-1' });
    }
  }
  tx.objectStore('attach-store').put({ digest, body: new Blob([text], { type: 'text/plain' }) });
  if (schema === 4) tx.objectStore('attach-seq-store').put({ seq: 2, digestSeq: `${digest}::2` });
  tx.objectStore('meta-store').put({
    id: 'meta-store',
    [`${database}_id`]: 'legacy-instance-uuid',
    updateSeq: 7,
  });
  await new Promise((resolve, reject) => {
    tx.oncomplete = resolve;
    tx.onerror = () => reject(tx.error);
  });
  db.close();
}
