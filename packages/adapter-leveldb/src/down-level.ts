import { AbstractIterator, AbstractLevel } from 'abstract-level';

/** A Node-style callback, as the abstract-leveldown generation of stores takes. */
type Callback<T = void> = (err: Error | null | undefined, value?: T) => void;

/** The iterator of a LevelDOWN-style store: `next` calls back with no key at the end. */
interface DownIterator {
  next(cb: (err: Error | null | undefined, key?: Buffer, value?: Buffer) => void): void;
  end(cb: Callback): void;
}

/** An operation of a LevelDOWN-style `batch`. */
interface DownOperation {
  type: 'put' | 'del';
  key: Buffer;
  value?: Buffer;
}

/**
 * A store of the abstract-leveldown generation (leveldown, memdown, rocksdb, and the many
 * `*down` stores built on abstract-leveldown 2 to 7): the callback API PouchDB's `db` option
 * takes. Only the methods every version of that API has are used.
 */
export interface DownStore {
  open(options: object, cb: Callback): void;
  close(cb: Callback): void;
  get(key: Buffer, options: object, cb: Callback<Buffer>): void;
  put(key: Buffer, value: Buffer, options: object, cb: Callback): void;
  del(key: Buffer, options: object, cb: Callback): void;
  batch(operations: DownOperation[], options: object, cb: Callback): void;
  iterator(options: object): DownIterator;
}

/**
 * PouchDB's `db` option: a LevelDOWN-style constructor, called (with or without `new`) with
 * the database's location. Its static `destroy(location, cb)`, when it has one, removes a
 * database's data.
 */
export interface DownConstructor {
  (location: string): DownStore;
  destroy?: (location: string, cb: Callback) => void;
}

/** Calls a callback-taking method and settles with its result. */
function call<T = void>(run: (cb: Callback<T>) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    run((err, value) => (err ? reject(err) : resolve(value as T)));
  });
}

/**
 * Whether `err` is the store's "no such key": these stores report a missing key as an error
 * (`NotFound` in its message, and on newer ones a `notFound` flag or `LEVEL_NOT_FOUND` code).
 */
function isNotFound(err: unknown): boolean {
  const e = err as { notFound?: unknown; code?: unknown; message?: unknown } | null;
  return (
    e?.notFound === true || e?.code === 'LEVEL_NOT_FOUND' || /NotFound/i.test(String(e?.message))
  );
}

/** Range and order options as the LevelDOWN-style iterators read them. */
interface RangeOptions {
  gt?: Buffer;
  gte?: Buffer;
  lt?: Buffer;
  lte?: Buffer;
  reverse?: boolean;
  limit?: number;
  keys?: boolean;
  values?: boolean;
}

/** The LevelDOWN iterator options for abstract-level's `options`: bytes out, `-1` for no limit. */
function downRange(options: RangeOptions): object {
  const range: Record<string, unknown> = {
    reverse: options.reverse === true,
    limit: Number.isInteger(options.limit) && (options.limit as number) >= 0 ? options.limit : -1,
    keys: true,
    values: options.values !== false,
    keyAsBuffer: true,
    valueAsBuffer: true,
  };
  for (const bound of ['gt', 'gte', 'lt', 'lte'] as const) {
    if (options[bound] !== undefined) range[bound] = options[bound];
  }
  return range;
}

/** The iterator's next entry, or `undefined` at its end. */
function nextEntry(iterator: DownIterator): Promise<[Buffer, Buffer] | undefined> {
  return new Promise((resolve, reject) => {
    iterator.next((err, key, value) => {
      if (err) reject(err);
      else resolve(key === undefined ? undefined : [key, value as Buffer]);
    });
  });
}

/** Steps through a LevelDOWN-style iterator for abstract-level. */
class DownLevelIterator extends AbstractIterator<DownLevel, Buffer, Buffer> {
  private readonly down: DownIterator;

  constructor(db: DownLevel, options: RangeOptions, store: DownStore) {
    super(db, options as never);
    this.down = store.iterator(downRange(options));
  }

  _next(): Promise<[Buffer, Buffer] | undefined> {
    return nextEntry(this.down);
  }

  _close(): Promise<void> {
    return call((cb) => this.down.end(cb));
  }
}

/** Keys deleted per batch when clearing a range. */
const CLEAR_CHUNK = 1000;

/**
 * An abstract-level 3 database over a LevelDOWN-style store, so that the engine (which needs
 * abstract-level's sublevels and promises) runs on what PouchDB's `db` option names. Keys and
 * values cross as bytes: the store sees only Buffers, and so orders keys bytewise, as LevelDB.
 */
export class DownLevel extends AbstractLevel<Buffer, Buffer, Buffer> {
  /** The wrapped store, for its constructor's name (PouchDB's `backend_adapter`). */
  readonly store: DownStore;

  /**
   * @param store - the LevelDOWN-style store to adapt.
   * @param openOptions - passed on to the store's `open` (leveldown's `cacheSize`,
   *   `compression`…), as PouchDB passes its database options.
   */
  constructor(store: DownStore, openOptions: Record<string, unknown> = {}) {
    // Not `permanence`: memdown hands back the Buffers it was given, which the engine must copy.
    // Nor snapshots: `getMany` is one `get` per key.
    super(
      {
        encodings: { buffer: true },
        permanence: false,
        implicitSnapshots: false,
        explicitSnapshots: false,
        has: true,
      },
      openOptions,
    );
    this.store = store;
  }

  _open(options: { createIfMissing?: boolean; errorIfExists?: boolean }): Promise<void> {
    const { createIfMissing = true, errorIfExists = false } = options;
    return call((cb) => this.store.open({ ...options, createIfMissing, errorIfExists }, cb));
  }

  _close(): Promise<void> {
    return call((cb) => this.store.close(cb));
  }

  async _get(key: Buffer): Promise<Buffer | undefined> {
    try {
      return await call<Buffer>((cb) => this.store.get(key, { asBuffer: true }, cb));
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  _getMany(keys: Buffer[]): Promise<(Buffer | undefined)[]> {
    return Promise.all(keys.map((key) => this._get(key)));
  }

  async _has(key: Buffer): Promise<boolean> {
    return (await this._get(key)) !== undefined;
  }

  async _hasMany(keys: Buffer[]): Promise<boolean[]> {
    return (await this._getMany(keys)).map((value) => value !== undefined);
  }

  _put(key: Buffer, value: Buffer): Promise<void> {
    return call((cb) => this.store.put(key, value, {}, cb));
  }

  _del(key: Buffer): Promise<void> {
    return call((cb) => this.store.del(key, {}, cb));
  }

  _batch(operations: Array<{ type: 'put' | 'del'; key: Buffer; value?: Buffer }>) {
    const ops = operations.map(({ type, key, value }) =>
      type === 'put' ? { type, key, value } : { type, key },
    );
    return call((cb) => this.store.batch(ops, {}, cb));
  }

  _iterator(options: RangeOptions): DownLevelIterator {
    return new DownLevelIterator(this, options, this.store);
  }

  /** The stores of this generation have no range delete: keys are read and deleted in chunks. */
  async _clear(options: RangeOptions): Promise<void> {
    const iterator = this.store.iterator(downRange({ ...options, values: false }));
    try {
      for (;;) {
        const keys: Buffer[] = [];
        while (keys.length < CLEAR_CHUNK) {
          const entry = await nextEntry(iterator);
          if (entry === undefined) break;
          keys.push(entry[0]);
        }
        if (keys.length > 0) await this._batch(keys.map((key) => ({ type: 'del', key })));
        if (keys.length < CLEAR_CHUNK) return;
      }
    } finally {
      await call((cb) => iterator.end(cb));
    }
  }
}
