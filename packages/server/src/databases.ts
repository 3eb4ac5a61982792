import { CouchError, noDbFile } from './couch-error.js';
import { checkDbName, storageName } from './db-name.js';
import type { DbConstructor, ServerDb } from './server-db.js';

/** A database's server-side settings, kept in the server's own catalogue database. */
export interface DbRecord {
  _id: string;
  _rev?: string;
  security?: SecurityObject;
  revs_limit?: number;
  created: number;
}

/** CouchDB's `_security` object. */
export interface SecurityObject {
  admins?: { names?: string[]; roles?: string[] };
  members?: { names?: string[]; roles?: string[] };
  [field: string]: unknown;
}

/** Where and how databases are stored. */
export interface StorageOptions {
  /** The constructor (default: `@satchel/node`). */
  Satchel: DbConstructor;
  /** The adapter name, e.g. `leveldb` or `memory`. */
  adapter: string;
  /** Prepended to every storage name (a directory with a trailing `/` for LevelDB). */
  prefix: string;
  /** Further options every database is opened with. */
  dbOptions?: Readonly<Record<string, unknown>>;
}

/** The catalogue's name: starts with `_`, so no user database can take it. */
const CATALOGUE = '_satchel_dbs';
const KEY = (name: string): string => `db:${name}`;

/**
 * The server's databases: which exist (a catalogue kept in a database of its own, so the
 * list survives restarts and crashes like the data does), their `_security` and revs limit,
 * and one open handle per database shared by every request.
 */
export class Databases {
  private readonly open = new Map<string, ServerDb>();
  private readonly records = new Map<string, DbRecord>();
  private readonly catalogue: ServerDb;
  private loaded: Promise<void> | undefined;

  constructor(private readonly storage: StorageOptions) {
    this.catalogue = this.openStore(CATALOGUE);
  }

  private openStore(name: string, extra: Record<string, unknown> = {}): ServerDb {
    const { Satchel, adapter, prefix, dbOptions } = this.storage;
    const options = {
      ...dbOptions,
      adapter,
      prefix: adapter === 'memory' ? undefined : prefix,
      ...extra,
    };
    const stored = adapter === 'memory' ? prefix + storageName(name) : storageName(name);
    return new Satchel(stored, options) as ServerDb;
  }

  /** Reads the catalogue once. */
  ready(): Promise<void> {
    this.loaded ??= (async () => {
      const all = (await this.catalogue.allDocs({
        include_docs: true,
        startkey: 'db:',
        endkey: 'db:\uffff',
      })) as { rows: { doc: DbRecord }[] };
      for (const row of all.rows) this.records.set(row.doc._id.slice(3), row.doc);
    })();
    return this.loaded;
  }

  /** Every database name, sorted as CouchDB lists them. */
  async list(): Promise<string[]> {
    await this.ready();
    return [...this.records.keys()].sort();
  }

  /** Whether `name` exists. */
  async exists(name: string): Promise<boolean> {
    await this.ready();
    return this.records.has(name);
  }

  /** The catalogue record of `name`. @throws 404 when it does not exist. */
  async record(name: string): Promise<DbRecord> {
    await this.ready();
    const record = this.records.get(name);
    if (!record) throw noDbFile();
    return record;
  }

  /** The open handle of an existing database. @throws 404 when it does not exist. */
  async get(name: string): Promise<ServerDb> {
    const record = await this.record(name);
    let db = this.open.get(name);
    if (!db) {
      db = this.openStore(name, record.revs_limit ? { revs_limit: record.revs_limit } : {});
      this.open.set(name, db);
    }
    return db;
  }

  /** Creates `name`. @throws 412 `file_exists`, 400 `illegal_database_name`. */
  async create(name: string): Promise<void> {
    checkDbName(name);
    await this.ready();
    if (this.records.has(name)) {
      throw new CouchError(
        412,
        'file_exists',
        'The database could not be created, the file already exists.',
      );
    }
    const record: DbRecord = { _id: KEY(name), created: Date.now() };
    this.records.set(name, record);
    try {
      const db = await this.get(name);
      await db.info();
      await this.saveRecord(record);
    } catch (err) {
      this.records.delete(name);
      this.open.delete(name);
      throw err;
    }
  }

  /** Deletes `name` and its data. @throws 404 when it does not exist. */
  async destroy(name: string): Promise<void> {
    const record = await this.record(name);
    const db = await this.get(name);
    this.records.delete(name);
    this.open.delete(name);
    await this.catalogue.remove(record._id, record._rev as string);
    await db.destroy();
  }

  /** Updates the stored settings of `name`. */
  async update(
    name: string,
    change: Partial<Pick<DbRecord, 'security' | 'revs_limit'>>,
  ): Promise<void> {
    const record = { ...(await this.record(name)), ...change };
    await this.saveRecord(record);
    this.records.set(name, record);
    if (change.revs_limit !== undefined) {
      // The limit is an open-time option: the next request reopens with it.
      const db = this.open.get(name);
      this.open.delete(name);
      await db?.close();
    }
  }

  private async saveRecord(record: DbRecord): Promise<void> {
    const result = await this.catalogue.put(record as unknown as Record<string, unknown>);
    record._rev = result.rev;
  }

  /** Closes every open database. */
  async close(): Promise<void> {
    const all = [...this.open.values(), this.catalogue];
    this.open.clear();
    await Promise.allSettled(all.map((db) => db.close()));
  }
}
