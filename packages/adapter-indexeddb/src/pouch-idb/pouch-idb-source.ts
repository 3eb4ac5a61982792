import { requestResult, transactionDone } from '../idb-request.js';
import { pouchIdbError } from './pouch-idb-error.js';

/** The object stores of PouchDB's `idb` adapter (pouchdb-adapter-idb, ADAPTER_VERSION 5). */
export const POUCH_IDB_STORES = {
  docs: 'document-store',
  bySeq: 'by-sequence',
  attachments: 'attach-store',
  locals: 'local-store',
  meta: 'meta-store',
} as const;

/** The IndexedDB database in which PouchDB's `idb` adapter keeps database `name`. */
export function pouchIdbName(name: string): string {
  return `_pouch_${name}`;
}

/** A document-store entry: the rev tree is JSON text in `data` (PouchDB's `encodeMetadata`). */
export interface PouchIdbMetadata {
  id: string;
  data: string;
  seq: number;
}

/** A by-sequence entry: the body, with `_doc_id_rev` (`id::rev`) instead of `_id`/`_rev`. */
type StoredBody = Record<string, unknown> & { _doc_id_rev: string };

/**
 * Reads a database written by PouchDB's `idb` adapter. Only readonly transactions are used, so
 * the original is never changed. Opening it without a version never upgrades it; a database
 * lacking PouchDB's stores is refused with an error naming it.
 */
export class PouchIdbSource {
  private constructor(
    readonly database: string,
    private readonly db: IDBDatabase,
  ) {}

  static async open(database: string, factory: IDBFactory): Promise<PouchIdbSource> {
    const request = factory.open(database);
    // Never create it: the caller saw it listed, so an upgrade means it vanished meanwhile.
    request.onupgradeneeded = () => request.transaction?.abort();
    let db: IDBDatabase;
    try {
      db = await requestResult(request);
    } catch (err) {
      throw pouchIdbError(database, 'IndexedDB could not open it', err);
    }
    const missing = Object.values(POUCH_IDB_STORES).filter((s) => !db.objectStoreNames.contains(s));
    if (missing.length > 0) {
      const names = db.objectStoreNames;
      db.close();
      // The same name, PouchDB's other browser adapter: say so rather than list stores.
      if (names.contains('docs') && names.contains('meta') && !names.contains('document-store'))
        throw pouchIdbError(
          database,
          "it was written by PouchDB's indexeddb adapter (one docs store), which Satchel " +
            'cannot bring over yet; replicate it from pouchdb-browser into Satchel instead',
        );
      throw pouchIdbError(database, `it lacks PouchDB's object stores ${missing.join(', ')}`);
    }
    return new PouchIdbSource(database, db);
  }

  close(): void {
    this.db.close();
  }

  corrupt(problem: string, cause?: unknown): Error {
    return pouchIdbError(this.database, problem, cause);
  }

  /** Document-store entries after `after` (key order), at most `size`. */
  async docs(after: string | undefined, size: number): Promise<PouchIdbMetadata[]> {
    const range = after === undefined ? undefined : IDBKeyRange.lowerBound(after, true);
    const tx = this.db.transaction(POUCH_IDB_STORES.docs, 'readonly');
    return requestResult(tx.objectStore(POUCH_IDB_STORES.docs).getAll(range, size));
  }

  /** Bodies by `[id, rev]`, each with its `_id` and `_rev` restored; `undefined` where absent. */
  async bodies(refs: readonly { id: string; rev: string }[]): Promise<unknown[]> {
    const tx = this.db.transaction(POUCH_IDB_STORES.bySeq, 'readonly');
    const index = tx.objectStore(POUCH_IDB_STORES.bySeq).index('_doc_id_rev');
    const requests = refs.map(({ id, rev }) => index.get(`${id}::${rev}`));
    await transactionDone(tx);
    return requests.map((request) => {
      const body = request.result as StoredBody | undefined;
      if (!body) return undefined;
      // As PouchDB's decodeDoc: the id is everything before the last `::`.
      const cut = body._doc_id_rev.lastIndexOf(':');
      const { _doc_id_rev, ...rest } = body;
      return {
        ...rest,
        _id: _doc_id_rev.substring(0, cut - 1),
        _rev: _doc_id_rev.substring(cut + 1),
      };
    });
  }

  /** Every `_local/` document. */
  locals(): Promise<Record<string, unknown>[]> {
    const tx = this.db.transaction(POUCH_IDB_STORES.locals, 'readonly');
    return requestResult(tx.objectStore(POUCH_IDB_STORES.locals).getAll());
  }

  /** The highest by-sequence key (PouchDB's update_seq), 0 when there is none. */
  async lastSeq(): Promise<number> {
    const tx = this.db.transaction(POUCH_IDB_STORES.bySeq, 'readonly');
    const cursor = await requestResult(
      tx.objectStore(POUCH_IDB_STORES.bySeq).openKeyCursor(null, 'prev'),
    );
    return cursor ? Number(cursor.key) : 0;
  }

  /** The instance uuid (`db.id()`): PouchDB keeps it as `<name>_id` in the meta doc. */
  async instanceId(): Promise<string | undefined> {
    const tx = this.db.transaction(POUCH_IDB_STORES.meta, 'readonly');
    const meta = (await requestResult(
      tx.objectStore(POUCH_IDB_STORES.meta).get(POUCH_IDB_STORES.meta),
    )) as Record<string, unknown> | undefined;
    const key = Object.keys(meta ?? {}).find((k) => k !== 'id' && k.endsWith('_id'));
    const value = key === undefined ? undefined : meta?.[key];
    return typeof value === 'string' ? value : undefined;
  }

  /**
   * Attachment bytes by digest; `undefined` where absent. PouchDB stored a Blob, or base64
   * text where the browser could not store Blobs.
   */
  async binaries(digests: readonly string[]): Promise<(Uint8Array | undefined)[]> {
    const tx = this.db.transaction(POUCH_IDB_STORES.attachments, 'readonly');
    const store = tx.objectStore(POUCH_IDB_STORES.attachments);
    const requests = digests.map((digest) => store.get(digest));
    await transactionDone(tx);
    return Promise.all(requests.map((request) => bytesOf(request.result?.body)));
  }
}

async function bytesOf(body: unknown): Promise<Uint8Array | undefined> {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return Uint8Array.from(atob(body), (c) => c.charCodeAt(0));
  if (body instanceof Blob) return new Uint8Array(await body.arrayBuffer());
  return undefined;
}
