import type { RevTree } from '@satchel/core';
import { kit } from './kit.js';
import { pouchIdbError } from './pouch-idb-error.js';
import { POUCH_BROWSER_FORMAT } from './pouch-idb-formats.js';
import { isPouchIdb, PouchIdbSource } from './pouch-idb-source.js';
import { isPouchIndexedDb, PouchIndexedDbSource } from './pouch-indexeddb-source.js';

/** A document as a PouchDB source holds it: its tree, seq and the bodies it still has. */
export interface SourceDoc {
  id: string;
  seq: number;
  tree: RevTree;
  /** Whole stored documents by rev (content, `_attachments`, maybe `_id`/`_rev`). */
  bodies: Map<string, Record<string, unknown>>;
}

/** One page of documents in id order; `next` is where the next page starts after. */
export interface SourcePage {
  docs: SourceDoc[];
  next: string | undefined;
}

/**
 * A database written by one of pouchdb-browser's IndexedDB adapters, read only (readonly
 * transactions): what the migration copies and then checks its copy against.
 */
export interface PouchBrowserSource {
  /** The IndexedDB database (`_pouch_<name>`). */
  readonly database: string;
  /** Its format, as named in errors. */
  readonly format: string;
  /** Up to `size` documents after id `after` (`_local/` ones excluded). */
  docs(after: string | undefined, size: number): Promise<SourcePage>;
  /** Every `_local/` document, whole (with `_id` and `_rev`). */
  locals(): Promise<Record<string, unknown>[]>;
  /** PouchDB's update seq. */
  lastSeq(): Promise<number>;
  /** The instance uuid (`db.id()`), which replication ids and so checkpoints depend on. */
  instanceId(): Promise<string | undefined>;
  /** Attachment bytes by digest (`id`: a document naming it); `undefined` where absent. */
  binaries(wanted: readonly { digest: string; id: string }[]): Promise<(Uint8Array | undefined)[]>;
  /** An error naming the database and the format. */
  corrupt(problem: string, cause?: unknown): Error;
  close(): void;
}

/**
 * Opens PouchDB's database `database` (which exists) and tells which adapter wrote it by its
 * object stores and version; anything else is refused with an error naming the database.
 */
export async function openPouchSource(
  database: string,
  factory: IDBFactory,
): Promise<PouchBrowserSource> {
  const request = factory.open(database);
  // Never create it: the caller saw it listed, so an upgrade means it vanished meanwhile.
  request.onupgradeneeded = () => request.transaction?.abort();
  let db: IDBDatabase;
  try {
    db = await kit.requestResult(request);
  } catch (err) {
    throw pouchIdbError(database, 'IndexedDB could not open it', err, POUCH_BROWSER_FORMAT);
  }
  try {
    if (isPouchIndexedDb(db)) return await PouchIndexedDbSource.open(database, db);
    if (isPouchIdb(db)) return PouchIdbSource.open(database, db);
  } catch (err) {
    db.close();
    throw err;
  }
  const stores = Array.from(db.objectStoreNames);
  db.close();
  throw pouchIdbError(
    database,
    `it is not a database of PouchDB's idb or indexeddb adapter (version ${db.version}, ` +
      `object stores: ${stores.length > 0 ? stores.join(', ') : 'none'})`,
    undefined,
    POUCH_BROWSER_FORMAT,
  );
}
