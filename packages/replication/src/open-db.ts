import { REPLICATION_KEYS } from './options.js';
import type { DatabaseRef, ReplicationDb } from './types.js';

/** A database constructor: Satchel's, or any made with `defaults`. */
export type DbConstructor = new (name: string, opts?: Record<string, unknown>) => object;

/** Databases of one replication or sync, and which of them it opened itself. */
export interface OpenedDbs {
  src: ReplicationDb;
  target: ReplicationDb;
  /** Closes the databases that were opened by name here (never the caller's instances). */
  close(): Promise<void>;
}

/** The caller's options minus replication's own: what a database opened by name gets. */
function constructorOptions(opts: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(opts)) {
    if (!REPLICATION_KEYS.has(key)) out[key] = value;
  }
  return out;
}

/**
 * Any object is taken as a database, as PouchDB does: wrappers and database-like objects that
 * implement only what a given replication calls (a source without `bulkDocs`) must work.
 */
function isDb(ref: unknown): ref is ReplicationDb {
  return typeof ref === 'object' && ref !== null;
}

/**
 * Resolves the two ends of a replication: instances are used as they are; names and URLs are
 * opened with `Ctor` (and the caller's non-replication options, as PouchDB passes them).
 * Throws a clear error for anything else.
 */
export function openDbs(
  Ctor: DbConstructor,
  source: DatabaseRef,
  target: DatabaseRef,
  opts: Record<string, unknown>,
): OpenedDbs {
  const opened: ReplicationDb[] = [];
  const open = (ref: DatabaseRef, role: string): ReplicationDb => {
    if (typeof ref === 'string') {
      if (typeof Ctor !== 'function') {
        throw new TypeError('call replicate/sync on a constructor to open databases by name');
      }
      const db = new Ctor(ref, constructorOptions(opts)) as unknown as ReplicationDb;
      opened.push(db);
      return db;
    }
    if (isDb(ref)) return ref;
    throw new TypeError(`replication ${role} must be a database or a database name/URL`);
  };
  let src: ReplicationDb;
  let tgt: ReplicationDb;
  try {
    src = open(source, 'source');
    tgt = open(target, 'target');
  } catch (err) {
    for (const db of opened) db.close?.().catch(() => undefined);
    throw err;
  }
  return {
    src,
    target: tgt,
    close: async () => {
      await Promise.all(opened.map((db) => db.close?.().catch(() => undefined)));
    },
  };
}
