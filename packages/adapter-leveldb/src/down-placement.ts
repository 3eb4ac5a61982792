import { type AdapterOptions, createError } from '@satchel/core';
import { type DownConstructor, DownLevel, type DownStore } from './down-level.js';
import { type Placement, storeId } from './level-placement.js';
import type { Level } from './level-stores.js';
import { LevelEngine } from './leveldb-engine.js';

/** The methods a LevelDOWN-style store must have for {@link DownLevel}. */
const DOWN_METHODS = ['open', 'close', 'get', 'put', 'del', 'batch', 'iterator'] as const;

/**
 * A store made by `make` at `location`. Called with `new` unless it is an arrow function:
 * leveldown and memdown accept both, stores written as classes only `new`.
 */
function createStore(make: DownConstructor, location: string): DownStore {
  const store: unknown =
    make.prototype === undefined
      ? make(location)
      : new (make as unknown as new (location: string) => DownStore)(location);
  const missing = DOWN_METHODS.filter(
    (m) => typeof (store as Record<string, unknown> | null)?.[m] !== 'function',
  );
  if (missing.length > 0) {
    throw new TypeError(
      `The \`db\` option made a store without ${missing.join(', ')}: it must be a LevelDOWN-style constructor such as memdown or leveldown`,
    );
  }
  return store as DownStore;
}

/** A {@link LevelEngine} on a LevelDOWN-style store, destroyed as PouchDB destroys one. */
class DownEngine extends LevelEngine {
  constructor(
    private readonly make: DownConstructor,
    private readonly location: string,
    store: () => DownLevel,
  ) {
    super(store, { owned: true });
  }

  /**
   * Refuses a store that holds keys but no Satchel database (PouchDB's own data, say): the
   * engine would start an empty database beside them, and the user would see none of it.
   */
  protected override async openDatabase(): Promise<Level> {
    const db = await super.openDatabase().catch((err: unknown) => {
      throw openError(err);
    });
    if (await holdsForeignData(db)) {
      await db.close();
      throw foreignStoreError(this.location);
    }
    return db;
  }

  /**
   * The constructor's own `destroy(location)` when it has one (leveldown deletes its files,
   * memdown its shared tree), as PouchDB calls it; otherwise every key is cleared.
   */
  override async destroy(): Promise<void> {
    const destroy = this.make.destroy;
    if (typeof destroy !== 'function') return super.destroy();
    await this.close();
    await new Promise<void>((resolve, reject) => {
      destroy.call(this.make, this.location, (err) => (err ? reject(err) : resolve()));
    });
  }
}

/** Raw keys of the engine's meta entries (sublevel `m`, see `level-stores`). */
const META_KEYS = ['!m!format', '!m!uuid', '!m!counts'];

/**
 * Whether `db` has keys and none of the engine's meta entries. One of them without the others
 * is Satchel's still: a destroy cut short, which the engine finishes on open.
 */
async function holdsForeignData(db: Level): Promise<boolean> {
  const [first] = await db.keys({ limit: 1 }).all();
  if (first === undefined) return false;
  const found = await db.getMany(META_KEYS, { keyEncoding: 'utf8' });
  return found.every((value) => value === undefined);
}

/**
 * The store's own open error as PouchDB passes it on (`OpenError`, the store's message):
 * abstract-level wraps it in a generic "Database failed to open" with the real one as `cause`.
 */
function openError(err: unknown) {
  const cause = (err as { cause?: unknown } | null)?.cause ?? err;
  const message = String((cause as { message?: unknown } | null)?.message ?? cause);
  const error = createError({ status: 500, name: 'OpenError', message });
  Object.defineProperty(error, 'cause', { value: err, writable: true, configurable: true });
  return error;
}

function foreignStoreError(location: string) {
  return createError({
    status: 500,
    name: 'OpenError',
    message:
      `The store the \`db\` option opened for "${location}" holds data that is not a Satchel ` +
      'database (a PouchDB one?). Satchel does not read it in place: open a PouchDB LevelDB ' +
      'directory without the `db` option to migrate it, or use another name.',
  });
}

/**
 * The database options, for the store's `open` as PouchDB passes them (leveldown reads
 * `cacheSize`, `compression`…), less those abstract-level would take as its own.
 */
function openOptions(opts: AdapterOptions): Record<string, unknown> {
  const { keyEncoding, valueEncoding, passive, db, level, ...rest } = opts as Record<
    string,
    unknown
  >;
  return rest;
}

/**
 * The placement PouchDB's `db` option asks for: a LevelDOWN-style constructor (memdown,
 * leveldown, any abstract-leveldown store) called with the database's name; `undefined` when
 * the option is absent. Handles on one constructor and name share one store.
 */
export function downPlacement(opts: AdapterOptions): Placement | undefined {
  const make = (opts as { db?: unknown }).db;
  if (make === undefined || make === null) return undefined;
  if (typeof make !== 'function') {
    throw new TypeError(
      'The `db` option must be a LevelDOWN-style constructor such as memdown or leveldown',
    );
  }
  const ctor = make as DownConstructor;
  return {
    key: `down:${storeId(ctor)}:${opts.name}`,
    create: () => {
      let made: DownStore | undefined = createStore(ctor, opts.name);
      // PouchDB names the function it was given (`MemDOWN`, `LevelDOWN`).
      const backend = ctor.name || made.constructor.name;
      // The first open takes the store made here (it names the backend); a reopen makes one.
      const level = () => {
        const store = made ?? createStore(ctor, opts.name);
        made = undefined;
        return new DownLevel(store, openOptions(opts));
      };
      return { engine: new DownEngine(ctor, opts.name, level), backend };
    },
  };
}
