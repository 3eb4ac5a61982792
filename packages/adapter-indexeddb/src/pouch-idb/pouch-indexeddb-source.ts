import type { RevTree } from '@satchel/core';
import { kit } from './kit.js';
import { bytesOf } from './pouch-bytes.js';
import { pouchIdbError } from './pouch-idb-error.js';
import { POUCH_INDEXEDDB_FORMAT } from './pouch-idb-formats.js';
import type { PouchBrowserSource, SourceDoc, SourcePage } from './pouch-source.js';

/** The object stores of PouchDB's `indexeddb` adapter (pouchdb-adapter-indexeddb). */
export const POUCH_INDEXEDDB_STORES = { docs: 'docs', meta: 'meta' } as const;

/** The key of its metadata record in `meta`. */
const META_KEY = 'meta';

/**
 * The adapter's IndexedDB versions are its schema version times 10^13 plus a timestamp; the
 * `idb` adapter's are small (5).
 */
const VERSION_MULTIPLIER = 10 ** 13;

/** A revision as the adapter keeps it inside the document record. */
interface StoredRev {
  data?: Record<string, unknown>;
  deleted?: boolean;
}

/** An attachment of a document record, by digest: the bytes and the revisions using them. */
interface StoredAttachment {
  data?: unknown;
}

/** One record of `docs` (or of `meta`, for `_local/` documents). */
interface PouchIndexedDbRecord {
  id: string;
  rev: string;
  rev_tree: RevTree;
  revs: Record<string, StoredRev>;
  seq?: number;
  attachments?: Record<string, StoredAttachment>;
}

/** The adapter's metadata record. */
interface PouchIndexedDbMeta {
  seq: number;
  db_uuid: string;
}

/** Whether `db` looks like the `indexeddb` adapter's: its version scheme, or its two stores. */
export function isPouchIndexedDb(db: IDBDatabase): boolean {
  const names = db.objectStoreNames;
  return (
    db.version >= VERSION_MULTIPLIER ||
    (names.contains(POUCH_INDEXEDDB_STORES.docs) &&
      names.contains(POUCH_INDEXEDDB_STORES.meta) &&
      !names.contains('document-store'))
  );
}

function isRecord(value: unknown): value is PouchIndexedDbRecord {
  const r = value as PouchIndexedDbRecord | null;
  return (
    typeof r === 'object' &&
    r !== null &&
    typeof r.id === 'string' &&
    typeof r.rev === 'string' &&
    Array.isArray(r.rev_tree) &&
    typeof r.revs === 'object' &&
    r.revs !== null
  );
}

/**
 * Reads a database written by pouchdb-browser's `indexeddb` adapter: one record per document in
 * `docs` holding its rev tree, the bodies of its stored revisions (`revs[rev].data`, attachment
 * stubs in them) and its attachments by digest; `_local/` documents and the metadata record
 * (seq, instance uuid) in `meta`. Only readonly transactions are used.
 */
export class PouchIndexedDbSource implements PouchBrowserSource {
  readonly format = POUCH_INDEXEDDB_FORMAT;

  private constructor(
    readonly database: string,
    private readonly db: IDBDatabase,
    private readonly meta: PouchIndexedDbMeta | undefined,
  ) {}

  /** Takes over `db` (open), checking its stores and its metadata record. */
  static async open(database: string, db: IDBDatabase): Promise<PouchIndexedDbSource> {
    const fail = (problem: string) =>
      pouchIdbError(database, problem, undefined, POUCH_INDEXEDDB_FORMAT);
    const missing = Object.values(POUCH_INDEXEDDB_STORES).filter(
      (s) => !db.objectStoreNames.contains(s),
    );
    if (missing.length > 0) throw fail(`it lacks PouchDB's object stores ${missing.join(', ')}`);
    const tx = db.transaction(
      [POUCH_INDEXEDDB_STORES.docs, POUCH_INDEXEDDB_STORES.meta],
      'readonly',
    );
    const metaRequest = tx.objectStore(POUCH_INDEXEDDB_STORES.meta).get(META_KEY);
    const countRequest = tx.objectStore(POUCH_INDEXEDDB_STORES.docs).count();
    await kit.transactionDone(tx);
    const meta = metaRequest.result as Partial<PouchIndexedDbMeta> | undefined;
    if (meta === undefined) {
      // Created, then closed before its first transaction: nothing to bring over.
      if (countRequest.result === 0) return new PouchIndexedDbSource(database, db, undefined);
      throw fail('its metadata record is missing');
    }
    if (
      typeof meta !== 'object' ||
      meta === null ||
      !Number.isSafeInteger(meta.seq) ||
      typeof meta.db_uuid !== 'string'
    )
      throw fail("its metadata record is not PouchDB's (no seq or db_uuid)");
    return new PouchIndexedDbSource(database, db, meta as PouchIndexedDbMeta);
  }

  close(): void {
    this.db.close();
  }

  corrupt(problem: string, cause?: unknown): Error {
    return pouchIdbError(this.database, problem, cause, this.format);
  }

  async docs(after: string | undefined, size: number): Promise<SourcePage> {
    const range = after === undefined ? undefined : IDBKeyRange.lowerBound(after, true);
    const tx = this.db.transaction(POUCH_INDEXEDDB_STORES.docs, 'readonly');
    const records: unknown[] = await kit.requestResult(
      tx.objectStore(POUCH_INDEXEDDB_STORES.docs).getAll(range, size),
    );
    const docs: SourceDoc[] = [];
    let last: string | undefined;
    for (const value of records) {
      const record = this.checked(value);
      last = record.id;
      // Schema 1 kept `_local/` documents here; schema 2 moved them to `meta`.
      if (record.id.startsWith('_local/')) continue;
      if (!Number.isSafeInteger(record.seq))
        throw this.corrupt(`document ${JSON.stringify(record.id)} has no seq`);
      docs.push({
        id: record.id,
        seq: record.seq as number,
        tree: record.rev_tree,
        bodies: bodiesOf(record),
      });
    }
    return { docs, next: records.length < size ? undefined : last };
  }

  private checked(value: unknown): PouchIndexedDbRecord {
    if (isRecord(value)) return value;
    const id = (value as { id?: unknown } | null)?.id;
    throw this.corrupt(`the record of document ${JSON.stringify(id)} is not PouchDB's`);
  }

  async locals(): Promise<Record<string, unknown>[]> {
    const stores = [POUCH_INDEXEDDB_STORES.meta, POUCH_INDEXEDDB_STORES.docs];
    const tx = this.db.transaction(stores, 'readonly');
    const range = IDBKeyRange.bound('_local/', '_local/\uffff');
    const requests = stores.map((store) => tx.objectStore(store).getAll(range));
    await kit.transactionDone(tx);
    const records = requests.flatMap((request) =>
      (request.result as unknown[]).map((value) => this.checked(value)),
    );
    return Promise.all(
      records.map(async (record) => {
        const data = record.revs[record.rev]?.data;
        if (!data) throw this.corrupt(`local document ${record.id} has no body`);
        const attachments = await this.inlineAttachments(record, data);
        return { ...data, ...attachments, _id: record.id, _rev: record.rev };
      }),
    );
  }

  /**
   * A local document's attachments with their data inline (base64), as PouchDB's `getLocal`
   * answers them: the adapter stubs them in the body and keeps the bytes in the record, but a
   * local document has no attachment store of its own here, so it carries its data.
   */
  private async inlineAttachments(
    record: PouchIndexedDbRecord,
    data: Record<string, unknown>,
  ): Promise<{ _attachments?: Record<string, Record<string, unknown>> }> {
    const atts = data._attachments as Record<string, Record<string, unknown>> | undefined;
    if (!atts || typeof atts !== 'object') return {};
    const inline: Record<string, Record<string, unknown>> = {};
    for (const [name, att] of Object.entries(atts)) {
      if (att?.stub !== true) {
        inline[name] = att;
        continue;
      }
      const { stub: _stub, length: _length, ...rest } = att;
      const bytes = await bytesOf(dataOf(record, String(att.digest)));
      if (!bytes)
        throw this.corrupt(
          `the bytes of attachment ${name} of local document ${record.id} are missing`,
        );
      inline[name] = { ...rest, data: base64Of(bytes) };
    }
    return { _attachments: inline };
  }

  async lastSeq(): Promise<number> {
    return this.meta?.seq ?? 0;
  }

  async instanceId(): Promise<string | undefined> {
    return this.meta?.db_uuid;
  }

  /**
   * Attachment bytes from the records of the documents naming them: the record's attachment
   * by digest, else data left inline in a revision (the adapter stubs only the winner's).
   */
  async binaries(
    wanted: readonly { digest: string; id: string }[],
  ): Promise<(Uint8Array | undefined)[]> {
    const tx = this.db.transaction(POUCH_INDEXEDDB_STORES.docs, 'readonly');
    const store = tx.objectStore(POUCH_INDEXEDDB_STORES.docs);
    const requests = new Map<string, IDBRequest>();
    for (const { id } of wanted) if (!requests.has(id)) requests.set(id, store.get(id));
    await kit.transactionDone(tx);
    return Promise.all(
      wanted.map(({ digest, id }) => {
        const record = requests.get(id)?.result as PouchIndexedDbRecord | undefined;
        return bytesOf(record ? dataOf(record, digest) : undefined);
      }),
    );
  }
}

/** The stored revisions of a record: their bodies, attachment stubs given a `revpos`. */
function bodiesOf(record: PouchIndexedDbRecord): Map<string, Record<string, unknown>> {
  const bodies = new Map<string, Record<string, unknown>>();
  for (const [rev, stored] of Object.entries(record.revs)) {
    if (!stored?.data || typeof stored.data !== 'object') continue;
    bodies.set(rev, withRevpos(stored.data, Number.parseInt(rev, 10)));
  }
  return bodies;
}

/**
 * Attachments written inline in a losing revision were never stubbed, so they lack `revpos`:
 * the revision that wrote them is where they first appeared.
 */
function withRevpos(data: Record<string, unknown>, pos: number): Record<string, unknown> {
  const atts = data._attachments as Record<string, Record<string, unknown>> | undefined;
  if (!atts || typeof atts !== 'object') return data;
  if (Object.values(atts).every((att) => att?.revpos !== undefined)) return data;
  const fixed: Record<string, Record<string, unknown>> = {};
  for (const [name, att] of Object.entries(atts)) fixed[name] = { revpos: pos, ...att };
  return { ...data, _attachments: fixed };
}

/** Bytes as base64 text, a chunk of characters at a time (no argument-count limit). */
function base64Of(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function dataOf(record: PouchIndexedDbRecord, digest: string): unknown {
  const kept = record.attachments?.[digest]?.data;
  if (kept !== undefined) return kept;
  for (const stored of Object.values(record.revs)) {
    const atts = stored?.data?._attachments as Record<string, Record<string, unknown>> | undefined;
    for (const att of Object.values(atts ?? {}))
      if (att?.digest === digest && att.data !== undefined) return att.data;
  }
  return undefined;
}
