// Bundled into the test page on `window.pouchFixture`: writes a fixture with pouchdb-browser@9
// and reads the answers a test compares, from PouchDB or from Satchel alike.
import PouchIndexedDb from 'pouchdb-adapter-indexeddb';
import PouchDB, { type PouchLike } from 'pouchdb-browser';
import PouchDB7 from 'pouchdb-browser-7';
import { writeLegacy } from './pouchdb-legacy.page.js';

// pouchdb-browser's opt-in adapter, as its users add it.
PouchDB.plugin(PouchIndexedDb);

/** What a database answers, the same calls on PouchDB and on Satchel. */
export interface Answers {
  id: string;
  info: { doc_count: number; update_seq: number | string };
  allDocs: unknown;
  changes: unknown;
  openRevs: unknown;
  locals: unknown;
  attachments: Record<string, string>;
}

type Db = PouchLike;

const text = (s: string) => new Blob([s], { type: 'text/plain' });

/** The pouchdb-browser releases a fixture can be written (and read) with. */
const releases = { 9: PouchDB, 7: PouchDB7 } as const;
type Release = keyof typeof releases;

/**
 * Writes `count` documents with pouchdb-browser's `adapter` (release 9, or 7): updates, conflicts made with
 * `new_edits: false` (some of them deleted leaves), deletions, attachments (shared, updated and
 * empty ones), `_local/` documents (a replication checkpoint among them).
 */
async function write(
  name: string,
  count: number,
  adapter: string,
  release: Release = 9,
): Promise<void> {
  const db = new releases[release](name, { adapter });
  const pad = (i: number) => `doc-${String(i).padStart(5, '0')}`;
  await db.bulkDocs(
    Array.from({ length: count }, (_, i) => ({ _id: pad(i), n: i, tags: ['t', i % 7] })),
  );
  for (let i = 0; i < count; i += 10) {
    // Rooted at another first revision, so both branches stay leaves.
    const root = `${'e'.repeat(31)}${i % 10}`;
    // A conflicting branch, as replication brings it; every 30th with a deleted leaf on top.
    const other = `2-${'c'.repeat(31)}${i % 10}`;
    const branch = {
      _id: pad(i),
      _rev: other,
      n: -i,
      _revisions: { start: 2, ids: [other.slice(2), root] },
    };
    await db.bulkDocs([branch], { new_edits: false });
    if (i % 30 === 0) {
      const del = `3-${'d'.repeat(32)}`;
      await db.bulkDocs(
        [
          {
            _id: pad(i),
            _rev: del,
            _deleted: true,
            _revisions: { start: 3, ids: [del.slice(2), other.slice(2), root] },
          },
        ],
        { new_edits: false },
      );
    }
  }
  for (let i = 3; i < count; i += 13) {
    const doc = await db.get(pad(i));
    await db.remove(doc);
  }
  for (let i = 5; i < count; i += 25) {
    if (i % 13 === 3) continue; // deleted above
    let rev = (await db.get(pad(i)))._rev;
    rev = (await db.putAttachment(pad(i), 'shared.txt', rev, text('the same bytes'), 'text/plain'))
      .rev;
    rev = (await db.putAttachment(pad(i), `own-${i}.txt`, rev, text(`bytes of ${i}`), 'text/plain'))
      .rev;
    if (i % 50 === 5)
      rev = (
        await db.putAttachment(pad(i), 'empty.bin', rev, new Blob([]), 'application/octet-stream')
      ).rev;
    // A later revision changes an attachment: the older bytes stay for the older revision.
    await db.putAttachment(pad(i), `own-${i}.txt`, rev, text(`new bytes of ${i}`), 'text/plain');
  }
  await db.put({ _id: '_local/note', text: 'kept' });
  await db.put({
    _id: '_local/abcdef',
    session_id: 's',
    last_seq: 42,
    history: [{ last_seq: 42, session_id: 's' }],
  });
  await db.close();
}

async function base64(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  return btoa(String.fromCharCode(...bytes));
}

/** The answers of `db` (PouchDB or Satchel). */
async function answers(db: Db): Promise<Answers> {
  const info = await db.info();
  const allDocs = await db.allDocs({ include_docs: true, conflicts: true });
  const changes = await db.changes({ style: 'all_docs' });
  const ids = allDocs.rows.map((row) => row.id).filter((_, i) => i % 10 === 0);
  const openRevs = await Promise.all(ids.map((id) => db.get(id, { open_revs: 'all', revs: true })));
  const locals = await Promise.all(['_local/note', '_local/abcdef'].map((id) => db.get(id)));
  const attachments: Record<string, string> = {};
  for (const row of allDocs.rows) {
    const atts = (row.doc as { _attachments?: Record<string, { digest: string }> })._attachments;
    for (const [file, att] of Object.entries(atts ?? {})) {
      const blob = (await db.getAttachment(row.id, file)) as Blob;
      attachments[`${row.id}/${file}`] = `${att.digest} ${await base64(blob)}`;
    }
  }
  return {
    id: await db.id(),
    info: { doc_count: info.doc_count, update_seq: info.update_seq },
    allDocs,
    changes: changes.results,
    openRevs,
    locals,
    attachments,
  };
}

/**
 * Writes, with the `indexeddb` adapter, a document whose losing conflict revision (brought by
 * `new_edits: false`) has an attachment: that adapter keeps such an attachment inline in the
 * revision, not with the document's attachments. Returns the losing rev, and whether the stored
 * record really keeps the bytes inline there.
 */
async function writeLosingAttachment(name: string): Promise<{ losing: string; inline: boolean }> {
  const db = new PouchDB(name, { adapter: 'indexeddb' });
  await db.put({ _id: 'doc', v: 1 });
  const winner = await db.get('doc');
  await db.put({ ...winner, v: 2 });
  const losing = `2-${'0'.repeat(32)}`;
  await db.bulkDocs(
    [
      {
        _id: 'doc',
        _rev: losing,
        v: 'losing',
        _revisions: { start: 2, ids: ['0'.repeat(32), winner._rev.slice(2)] },
        _attachments: { 'l.txt': { content_type: 'text/plain', data: btoa('losing bytes') } },
      },
    ],
    { new_edits: false },
  );
  await db.close();
  const idb = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(`_pouch_${name}`);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  type Stored = {
    revs?: Record<string, { data?: { _attachments?: Record<string, { data?: unknown }> } }>;
  };
  const record = await new Promise<Stored | undefined>((resolve, reject) => {
    const request = idb.transaction('docs').objectStore('docs').get('doc');
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  idb.close();
  const att = record?.revs?.[losing]?.data?._attachments?.['l.txt'];
  return { losing, inline: att?.data instanceof Blob };
}

/** What a one-off replication reports, as far as the tests compare it. */
export interface Transferred {
  docs_read: number;
  docs_written: number;
}

/**
 * Replicates `local` (opened by `open`) to and then from `remote`, one-off, and reports what
 * each direction transferred: the same calls on PouchDB and on Satchel.
 */
async function replicateBoth(
  open: (name: string) => Db,
  local: string,
  remote: string,
): Promise<{ push: Transferred; pull: Transferred }> {
  const db = open(local);
  const server = open(remote);
  const pick = (r: unknown) => {
    const { docs_read, docs_written } = r as Transferred;
    return { docs_read, docs_written };
  };
  try {
    const push = pick(await db.replicate.to(server));
    const pull = pick(await db.replicate.from(server));
    return { push, pull };
  } finally {
    await db.close();
    await server.close();
  }
}

/** The stores of an IndexedDB database, or `null` when it does not exist. */
async function stores(database: string): Promise<string[] | null> {
  const names = (await indexedDB.databases()).map((d) => d.name);
  if (!names.includes(database)) return null;
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(database);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  const list = Array.from(db.objectStoreNames);
  db.close();
  return list;
}

/** A value of Satchel's `meta` store (the migration marker), read directly. */
async function satchelMeta(name: string, key: string): Promise<unknown> {
  const database = `satchel/_pouch_${name}`;
  if ((await stores(database)) === null) return null;
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(database);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  const value = await new Promise((resolve, reject) => {
    const request = db.transaction('meta').objectStore('meta').get(key);
    request.onsuccess = () => resolve(request.result ?? null);
    request.onerror = () => reject(request.error);
  });
  db.close();
  return value;
}

/** Rethrows PouchDB's errors (plain objects to Playwright) as Errors that say what failed. */
function explained<A extends unknown[], R>(what: string, fn: (...args: A) => Promise<R>) {
  return async (...args: A): Promise<R> => {
    try {
      return await fn(...args);
    } catch (err) {
      const { name, status, message, reason } = err as Record<string, unknown>;
      throw new Error(`${what}: ${JSON.stringify({ name, status, message, reason })}`);
    }
  };
}

export const pouchFixture = {
  write: explained('write', write),
  pouchAnswers: async (name: string, adapter: string, release: Release = 9) => {
    const db = new releases[release](name, { adapter });
    try {
      return await answers(db);
    } finally {
      await db.close();
    }
  },
  answers: explained('answers', answers),
  writeLosingAttachment: explained('write', writeLosingAttachment),
  /** Writes a database as PouchDB 1 to 3's idb adapter left it (see pouchdb-legacy.page.ts). */
  writeLegacy: explained('write', writeLegacy),
  /** Replicates with pouchdb-browser@9 (`adapter` for the local database). */
  pouchReplicate: explained('replicate', (local: string, remote: string, adapter: string) =>
    replicateBoth((name) => new PouchDB(name, name === local ? { adapter } : {}), local, remote),
  ),
  /** Replicates with Satchel (on `window.Satchel`). */
  satchelReplicate: explained('replicate', (local: string, remote: string) =>
    replicateBoth(
      (name) => new (globalThis as unknown as { Satchel: new (n: string) => Db }).Satchel(name),
      local,
      remote,
    ),
  ),
  stores,
  satchelMeta,
};
(globalThis as { pouchFixture?: unknown }).pouchFixture = pouchFixture;
