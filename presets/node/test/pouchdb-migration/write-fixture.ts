/**
 * Writes a PouchDB leveldb database with everything a migration must carry: thousands of
 * documents, several revisions each (some compacted away), conflicts, deleted documents and
 * deleted conflicting leaves, attachments (shared, binary, empty), local documents, a view
 * and a Mango index (their own databases), and a finished replication to a server.
 */

/** The PouchDB members the fixture uses (pouchdb 7 and 9 alike). */
export interface PouchDb {
  bulkDocs(docs: object[], opts?: object): Promise<{ id: string; rev: string }[]>;
  put(doc: object): Promise<{ rev: string }>;
  get(id: string, opts?: object): Promise<Record<string, unknown>>;
  allDocs(opts: object): Promise<{ rows: { id: string; value: { rev: string } }[] }>;
  changes(opts: object): Promise<{ results: object[]; last_seq: number | string }>;
  query(view: string, opts?: object): Promise<unknown>;
  createIndex(req: object): Promise<unknown>;
  find(req: object): Promise<{ docs: object[] }>;
  compact(): Promise<unknown>;
  info(): Promise<Record<string, unknown>>;
  id(): Promise<string>;
  getAttachment(id: string, name: string, opts?: object): Promise<unknown>;
  close(): Promise<unknown>;
}

/** A PouchDB constructor with `replicate`. */
export interface PouchCtor {
  new (name: string, opts?: object): PouchDb;
  replicate(source: unknown, target: unknown, opts?: object): Promise<Record<string, unknown>>;
}

const pad = (i: number): string => String(i).padStart(5, '0');

/** Deterministic bytes, so runs are comparable. */
function bytes(seed: number, length: number): Buffer {
  const out = Buffer.alloc(length);
  let x = seed * 2654435761;
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

/** Fills `db` (a fresh PouchDB leveldb database) with `count` documents and more, and replicates it to `remote`. */
export async function writeFixture(
  Pouch: PouchCtor,
  db: PouchDb,
  remote: string,
  count: number,
): Promise<void> {
  const ids = Array.from({ length: count }, (_, i) => `doc-${pad(i)}`);
  ids.push('é-accent', '日本語', 'emoji-😀', 'z\uffff');
  const first = await db.bulkDocs(
    ids.map((_id, n) => ({ _id, n, group: n % 7, title: `Title ${n}` })),
  );
  const revs = new Map(first.map((r) => [r.id, r.rev]));
  // Second revisions for a quarter, then compaction drops the first bodies of those.
  const edited = await db.bulkDocs(
    ids
      .filter((_, n) => n % 4 === 0)
      .map((_id) => ({ _id, _rev: revs.get(_id), edited: true, n: 1, group: 1 })),
  );
  for (const r of edited) revs.set(r.id, r.rev);
  await db.compact();
  // Third revisions after compaction: their parents' bodies stay stored.
  const third = await db.bulkDocs(
    ids
      .filter((_, n) => n % 8 === 0)
      .map((_id) => ({ _id, _rev: revs.get(_id), third: true, group: 2 })),
  );
  for (const r of third) revs.set(r.id, r.rev);
  // Deletions.
  const deleted = await db.bulkDocs(
    ids.filter((_, n) => n % 10 === 3).map((_id) => ({ _id, _rev: revs.get(_id), _deleted: true })),
  );
  for (const r of deleted) revs.set(r.id, r.rev);
  // Conflicts brought in as replication would (new_edits: false), some of them deleted leaves.
  const conflicts = ids
    .filter((_, n) => n % 13 === 1)
    .map((_id, k) => {
      // A separate branch (its own root) of the same or a lower generation: a real conflict.
      const start = Math.min(Number(String(revs.get(_id)).split('-')[0]), 2);
      const hashes = [pad(k).padStart(32, 'c'), pad(k).padStart(32, 'b')].slice(0, start);
      return {
        _id,
        _rev: `${start}-${hashes[0]}`,
        _revisions: { start, ids: hashes },
        conflicting: k,
        ...(k % 3 === 0 ? { _deleted: true } : {}),
      };
    });
  await db.bulkDocs(conflicts, { new_edits: false });
  await step('attachments', () =>
    writeAttachments(
      db,
      ids.filter((_, n) => n % 17 === 5 && n % 10 !== 3),
    ),
  );
  await step('local doc', () =>
    db.put({ _id: '_local/app-state', cursor: 42, nested: { a: [1, 2, 3] } }),
  );
  await step('view', async () => {
    const map = "function (doc) { if (typeof doc.n === 'number') emit(doc.group, doc.n); }";
    await db.put({ _id: '_design/by_group', views: { by_group: { map, reduce: '_sum' } } });
    await db.query('by_group/by_group', { reduce: true, group: true });
  });
  await step('mango index', async () => {
    await db.createIndex({ index: { fields: ['group', 'n'] } });
    await db.find({ selector: { group: 3, n: { $gt: 100 } } });
  });
  await step('replication', () => Pouch.replicate(db, remote));
}

/** Runs one step of the fixture; a failure names the step. */
async function step<T>(name: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    throw new Error(`fixture step "${name}" failed: ${String((err as Error).message ?? err)}`, {
      cause: err,
    });
  }
}

async function writeAttachments(db: PouchDb, ids: string[]): Promise<void> {
  const shared = Buffer.from('the same bytes in many documents').toString('base64');
  for (const [k, id] of ids.entries()) {
    const doc = await db.get(id);
    const atts: Record<string, object> = {
      'shared.txt': { content_type: 'text/plain', data: shared },
      'own.bin': {
        content_type: 'application/octet-stream',
        data: bytes(k, 200 + k).toString('base64'),
      },
    };
    if (k % 5 === 0) atts['empty.txt'] = { content_type: 'text/plain', data: '' };
    const { rev } = await db.put({ ...doc, _attachments: atts });
    if (k % 4 === 0) {
      // A later revision keeps one attachment as a stub and replaces the other.
      const again = (await db.get(id)) as Record<string, unknown> & {
        _attachments: Record<string, object>;
      };
      again._attachments['own.bin'] = {
        content_type: 'application/octet-stream',
        data: bytes(k + 1000, 64).toString('base64'),
      };
      again._rev = rev;
      await db.put(again);
    }
  }
}
