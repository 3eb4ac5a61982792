import type { RevTree } from '@satchel/core';
import { kit } from './kit.js';
import { bytesOf } from './pouch-bytes.js';
import { pouchIdbError } from './pouch-idb-error.js';
import { POUCH_IDB_FORMAT } from './pouch-idb-formats.js';
import {
  type DecodedMetadata,
  decodeMetadataEntry,
  isLocalId,
  keepsLocalsAsDocs,
  type StoredMetadataEntry,
} from './pouch-idb-metadata.js';
import type { PouchBrowserSource, SourceDoc, SourcePage } from './pouch-source.js';

/** The object stores of PouchDB's `idb` adapter (pouchdb-adapter-idb, ADAPTER_VERSION 5). */
export const POUCH_IDB_STORES = {
  docs: 'document-store',
  bySeq: 'by-sequence',
  attachments: 'attach-store',
  locals: 'local-store',
  meta: 'meta-store',
} as const;

/** A by-sequence entry: the body, with `_doc_id_rev` (`id::rev`) instead of `_id`/`_rev`. */
type StoredBody = Record<string, unknown> & { _doc_id_rev: string };

/** Whether `db` looks like the `idb` adapter's (one of its stores at least). */
export function isPouchIdb(db: IDBDatabase): boolean {
  return Object.values(POUCH_IDB_STORES).some((store) => db.objectStoreNames.contains(store));
}

/** Everything below `_local0` and from `_local/` on: the ids of `_local/` documents. */
const LOCAL_IDS = IDBKeyRange.bound('_local/', '_local0', false, true);

/**
 * Reads a database written by PouchDB's `idb` adapter (pouchdb-browser 7 to 9, and the
 * databases of PouchDB 1 to 3 that no later PouchDB has opened since): rev trees in
 * `document-store`, one body per revision in `by-sequence`, attachments by digest in
 * `attach-store`. Only readonly transactions are used, so the original is never changed: the
 * older schemas are read as they are, as PouchDB's own upgrade would have read them.
 */
export class PouchIdbSource implements PouchBrowserSource {
  readonly format = POUCH_IDB_FORMAT;

  /** Schemas 1 and 2: `_local/` documents live among the others (see `keepsLocalsAsDocs`). */
  private readonly localsAsDocs: boolean;

  private constructor(
    readonly database: string,
    private readonly db: IDBDatabase,
  ) {
    this.localsAsDocs = keepsLocalsAsDocs(db);
  }

  /** Takes over `db` (open); refuses it, naming the stores missing, unless it has them all. */
  static open(database: string, db: IDBDatabase): PouchIdbSource {
    const needed = Object.values(POUCH_IDB_STORES).filter(
      (s) => s !== POUCH_IDB_STORES.locals || !keepsLocalsAsDocs(db),
    );
    const missing = needed.filter((s) => !db.objectStoreNames.contains(s));
    if (missing.length > 0)
      throw pouchIdbError(database, `it lacks PouchDB's object stores ${missing.join(', ')}`);
    return new PouchIdbSource(database, db);
  }

  close(): void {
    this.db.close();
  }

  corrupt(problem: string, cause?: unknown): Error {
    return pouchIdbError(this.database, problem, cause);
  }

  async docs(after: string | undefined, size: number): Promise<SourcePage> {
    const range = after === undefined ? undefined : IDBKeyRange.lowerBound(after, true);
    const tx = this.db.transaction(POUCH_IDB_STORES.docs, 'readonly');
    const entries: StoredMetadataEntry[] = await kit.requestResult(
      tx.objectStore(POUCH_IDB_STORES.docs).getAll(range, size),
    );
    const docs: SourceDoc[] = [];
    const seqless = new Set<SourceDoc>();
    for (const entry of entries) {
      if (this.localsAsDocs && isLocalId(entry.id)) continue;
      const { tree, seq } = this.metadataOf(entry);
      const doc = { id: entry.id, seq: seq ?? 0, tree, bodies: new Map() };
      if (seq === undefined) seqless.add(doc);
      docs.push(doc);
    }
    await this.fillBodies(docs, seqless);
    return { docs, next: entries.length < size ? undefined : entries[entries.length - 1]?.id };
  }

  private metadataOf(entry: StoredMetadataEntry): DecodedMetadata & { tree: RevTree } {
    const what = `the metadata of document ${JSON.stringify(entry?.id)}`;
    let decoded: DecodedMetadata;
    try {
      decoded = decodeMetadataEntry(entry);
    } catch (err) {
      throw this.corrupt(`${what} is not JSON`, err);
    }
    if (typeof entry.id !== 'string' || !Array.isArray(decoded.tree))
      throw this.corrupt(`${what} is not PouchDB's`);
    return { tree: decoded.tree as RevTree, seq: decoded.seq };
  }

  /**
   * Reads the bodies of every revision the trees say may be stored, by `id::rev`; for the
   * documents in `seqless` (PouchDB 3.0 to 3.2 kept no seq beside the metadata) also their
   * revisions' seqs, the highest being the document's, as PouchDB's own upgrade finds it.
   */
  private async fillBodies(docs: SourceDoc[], seqless: ReadonlySet<SourceDoc>): Promise<void> {
    const tx = this.db.transaction(POUCH_IDB_STORES.bySeq, 'readonly');
    const index = tx.objectStore(POUCH_IDB_STORES.bySeq).index('_doc_id_rev');
    const requests = docs.flatMap((doc) =>
      kit.availableRevs(doc.tree).map((rev) => {
        const key = `${doc.id}::${rev}`;
        const seq = seqless.has(doc) ? index.getKey(key) : undefined;
        return { doc, rev, request: index.get(key), seq };
      }),
    );
    await kit.transactionDone(tx);
    for (const { doc, rev, request, seq } of requests) {
      if (typeof seq?.result === 'number' && seq.result > doc.seq) doc.seq = seq.result;
      const body = request.result as StoredBody | undefined;
      // Compacted or never stored: PouchDB would not find it either.
      if (!body) continue;
      const { _doc_id_rev: _, ...rest } = body;
      doc.bodies.set(rev, rest);
    }
  }

  async locals(): Promise<Record<string, unknown>[]> {
    if (this.localsAsDocs) return this.localsAmongDocs();
    const tx = this.db.transaction(POUCH_IDB_STORES.locals, 'readonly');
    const stored: StoredBody[] = await kit.requestResult(
      tx.objectStore(POUCH_IDB_STORES.locals).getAll(),
    );
    // Those PouchDB moved out of `document-store` still carry their by-sequence key.
    return stored.map(({ _doc_id_rev: _, ...local }) => local);
  }

  /**
   * Schemas 1 and 2: each `_local/` document is its winning revision's body, as PouchDB's
   * upgrade moves it to `local-store`; one whose winner is a deletion no longer exists.
   */
  private async localsAmongDocs(): Promise<Record<string, unknown>[]> {
    const docsTx = this.db.transaction(POUCH_IDB_STORES.docs, 'readonly');
    const entries: StoredMetadataEntry[] = await kit.requestResult(
      docsTx.objectStore(POUCH_IDB_STORES.docs).getAll(LOCAL_IDS),
    );
    const tx = this.db.transaction(POUCH_IDB_STORES.bySeq, 'readonly');
    const index = tx.objectStore(POUCH_IDB_STORES.bySeq).index('_doc_id_rev');
    const winners = entries
      .map((entry) => kit.importedDocRecord(entry.id, this.metadataOf(entry).tree, 0, false))
      .filter((record) => !record.deleted)
      .map((record) => ({ record, request: index.get(`${record.id}::${record.winningRev}`) }));
    await kit.transactionDone(tx);
    return winners.flatMap(({ record, request }) => {
      const body = request.result as StoredBody | undefined;
      if (!body) return [];
      const { _doc_id_rev: _, ...rest } = body;
      return [{ ...rest, _id: record.id, _rev: record.winningRev }];
    });
  }

  /**
   * The highest by-sequence key (PouchDB's update_seq), 0 when there is none. Entries of
   * `_local/` documents (schemas 1 and 2) do not count: PouchDB's upgrade deletes them.
   */
  async lastSeq(): Promise<number> {
    const tx = this.db.transaction(POUCH_IDB_STORES.bySeq, 'readonly');
    const store = tx.objectStore(POUCH_IDB_STORES.bySeq);
    if (!this.localsAsDocs) {
      const cursor = await kit.requestResult(store.openKeyCursor(null, 'prev'));
      return cursor ? Number(cursor.key) : 0;
    }
    const request = store.openCursor(null, 'prev');
    return new Promise((resolve, reject) => {
      request.onerror = () => reject(request.error);
      request.onsuccess = () => {
        const cursor = request.result;
        if (!cursor) resolve(0);
        else if (isLocalId(String((cursor.value as StoredBody)._doc_id_rev))) cursor.continue();
        else resolve(Number(cursor.key));
      };
    });
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
