import type { RevTree } from '@satchel/core';
import { kit } from './kit.js';
import { bytesOf } from './pouch-bytes.js';
import type { PouchBrowserSource, SourceDoc, SourcePage } from './pouch-source.js';

/** The object stores of PouchDB's `idb` adapter (pouchdb-adapter-idb, ADAPTER_VERSION 5). */
export const POUCH_IDB_STORES = {
  docs: 'document-store',
  bySeq: 'by-sequence',
  attachments: 'attach-store',
  locals: 'local-store',
  meta: 'meta-store',
} as const;

/** A document-store entry: the rev tree is JSON text in `data` (PouchDB's `encodeMetadata`). */
interface PouchIdbMetadata {
  id: string;
  data: string;
  seq: number;
}

/** A by-sequence entry: the body, with `_doc_id_rev` (`id::rev`) instead of `_id`/`_rev`. */
type StoredBody = Record<string, unknown> & { _doc_id_rev: string };

/** Whether `db` looks like the `idb` adapter's (one of its stores at least). */
export function isPouchIdb(db: IDBDatabase): boolean {
  return Object.values(POUCH_IDB_STORES).some((store) => db.objectStoreNames.contains(store));
}

/**
 * Reads a database written by PouchDB's `idb` adapter (pouchdb-browser 7 to 9): rev trees in
 * `document-store`, one body per revision in `by-sequence`, attachments by digest in
 * `attach-store`. Only readonly transactions are used, so the original is never changed.
 */
export class PouchIdbSource implements PouchBrowserSource {
  readonly format = kit.POUCH_IDB_FORMAT;

  private constructor(
    readonly database: string,
    private readonly db: IDBDatabase,
  ) {}

  /** Takes over `db` (open); refuses it, naming the stores missing, unless it has them all. */
  static open(database: string, db: IDBDatabase): PouchIdbSource {
    const missing = Object.values(POUCH_IDB_STORES).filter((s) => !db.objectStoreNames.contains(s));
    if (missing.length > 0)
      throw kit.pouchIdbError(database, `it lacks PouchDB's object stores ${missing.join(', ')}`);
    return new PouchIdbSource(database, db);
  }

  close(): void {
    this.db.close();
  }

  corrupt(problem: string, cause?: unknown): Error {
    return kit.pouchIdbError(this.database, problem, cause);
  }

  async docs(after: string | undefined, size: number): Promise<SourcePage> {
    const range = after === undefined ? undefined : IDBKeyRange.lowerBound(after, true);
    const tx = this.db.transaction(POUCH_IDB_STORES.docs, 'readonly');
    const entries: PouchIdbMetadata[] = await kit.requestResult(
      tx.objectStore(POUCH_IDB_STORES.docs).getAll(range, size),
    );
    const docs = entries.map((entry) => ({
      id: entry.id,
      seq: entry.seq,
      tree: this.treeOf(entry),
      bodies: new Map<string, Record<string, unknown>>(),
    }));
    await this.fillBodies(docs);
    return { docs, next: entries.length < size ? undefined : entries[entries.length - 1]?.id };
  }

  private treeOf(entry: PouchIdbMetadata): RevTree {
    const what = `the metadata of document ${JSON.stringify(entry?.id)}`;
    let parsed: { rev_tree?: unknown };
    try {
      parsed = JSON.parse(entry.data);
    } catch (err) {
      throw this.corrupt(`${what} is not JSON`, err);
    }
    if (!Array.isArray(parsed?.rev_tree) || !Number.isSafeInteger(entry.seq))
      throw this.corrupt(`${what} is not PouchDB's`);
    return parsed.rev_tree as RevTree;
  }

  /** Reads the bodies of every revision the trees say may be stored, by `id::rev`. */
  private async fillBodies(docs: SourceDoc[]): Promise<void> {
    const tx = this.db.transaction(POUCH_IDB_STORES.bySeq, 'readonly');
    const index = tx.objectStore(POUCH_IDB_STORES.bySeq).index('_doc_id_rev');
    const requests = docs.flatMap((doc) =>
      kit
        .availableRevs(doc.tree)
        .map((rev) => ({ doc, rev, request: index.get(`${doc.id}::${rev}`) })),
    );
    await kit.transactionDone(tx);
    for (const { doc, rev, request } of requests) {
      const body = request.result as StoredBody | undefined;
      // Compacted or never stored: PouchDB would not find it either.
      if (!body) continue;
      const { _doc_id_rev: _, ...rest } = body;
      doc.bodies.set(rev, rest);
    }
  }

  locals(): Promise<Record<string, unknown>[]> {
    const tx = this.db.transaction(POUCH_IDB_STORES.locals, 'readonly');
    return kit.requestResult(tx.objectStore(POUCH_IDB_STORES.locals).getAll());
  }

  /** The highest by-sequence key (PouchDB's update_seq), 0 when there is none. */
  async lastSeq(): Promise<number> {
    const tx = this.db.transaction(POUCH_IDB_STORES.bySeq, 'readonly');
    const cursor = await kit.requestResult(
      tx.objectStore(POUCH_IDB_STORES.bySeq).openKeyCursor(null, 'prev'),
    );
    return cursor ? Number(cursor.key) : 0;
  }

  /**
   * The instance uuid: PouchDB keeps it as `<database>_id` in the meta-store record, written
   * on the first open; a record without it is refused unless the database holds no documents.
   */
  async instanceId(): Promise<string | undefined> {
    const tx = this.db.transaction([POUCH_IDB_STORES.meta, POUCH_IDB_STORES.docs], 'readonly');
    const metaRequest = tx.objectStore(POUCH_IDB_STORES.meta).get(POUCH_IDB_STORES.meta);
    const countRequest = tx.objectStore(POUCH_IDB_STORES.docs).count();
    await kit.transactionDone(tx);
    const meta = metaRequest.result as Record<string, unknown> | undefined;
    const id = meta?.[`${this.database}_id`];
    if (typeof id === 'string') return id;
    if (countRequest.result === 0) return undefined;
    throw this.corrupt(
      meta === undefined || typeof meta !== 'object'
        ? 'its meta-store record is missing'
        : 'its meta-store record has no instance id',
    );
  }

  /**
   * Attachment bytes by digest; `undefined` where absent. PouchDB stored a Blob, or base64
   * text where the browser could not store Blobs.
   */
  async binaries(
    wanted: readonly { digest: string; id: string }[],
  ): Promise<(Uint8Array | undefined)[]> {
    const tx = this.db.transaction(POUCH_IDB_STORES.attachments, 'readonly');
    const store = tx.objectStore(POUCH_IDB_STORES.attachments);
    const requests = wanted.map(({ digest }) => store.get(digest));
    await kit.transactionDone(tx);
    return Promise.all(requests.map((request) => bytesOf(request.result?.body)));
  }
}
