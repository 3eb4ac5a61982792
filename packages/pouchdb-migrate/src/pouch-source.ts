import { isLockedError, lockedError } from '@satchel/adapter-leveldb';
import { ClassicLevel } from 'classic-level';
import { migrationError } from './migration-error.js';
import {
  POUCH_FORMAT,
  POUCH_META,
  POUCH_STORES,
  type PouchStore,
  pouchKey,
  seqKey,
  storePrefix,
} from './pouch-layout.js';

/** A PouchDB leveldb database opened for reading: text keys, values as bytes. */
type Level = ClassicLevel<string | Uint8Array, Uint8Array>;

const text = new TextDecoder();

/** The key range of one sublevel: every key starting with its prefix. */
function rangeOf(store: PouchStore): { gte: string; lt: string } {
  const prefix = storePrefix(store);
  // The prefix ends with U+00FF; U+0100 is the next code point, so also the next UTF-8 bytes.
  return { gte: prefix, lt: `${prefix.slice(0, -1)}\u0100` };
}

/**
 * Reads a database written by PouchDB's leveldb adapter. Nothing is ever written: only reads
 * are issued (LevelDB itself may fold its log into a table on open, as PouchDB's own open does,
 * which leaves every key and value as it was).
 */
export class PouchSource {
  private constructor(
    readonly directory: string,
    private readonly db: Level,
  ) {}

  /**
   * Opens `directory`, which must already hold a LevelDB database.
   * @throws a migration error naming the directory when LevelDB cannot open it.
   */
  static async open(directory: string): Promise<PouchSource> {
    const db: Level = new ClassicLevel(directory, {
      createIfMissing: false,
      keyEncoding: 'utf8',
      valueEncoding: 'view',
    });
    try {
      await db.open();
    } catch (err) {
      if (isLockedError(err)) throw lockedError(err, directory);
      throw migrationError(
        directory,
        POUCH_FORMAT,
        `LevelDB could not open it (${reason(err)})`,
        err,
      );
    }
    return new PouchSource(directory, db);
  }

  close(): Promise<void> {
    return this.db.close();
  }

  /** Parses one stored JSON value; corrupt JSON is a migration error naming the key. */
  parse(value: Uint8Array, what: string): unknown {
    try {
      return JSON.parse(text.decode(value));
    } catch (err) {
      throw this.corrupt(`${what} is not valid JSON`, err);
    }
  }

  /** A migration error about this database. */
  corrupt(problem: string, cause?: unknown): Error {
    return migrationError(this.directory, POUCH_FORMAT, problem, cause);
  }

  /** A value of the meta-store, parsed, or `undefined`. */
  async meta(key: string): Promise<unknown> {
    const value = await this.db.get(pouchKey(POUCH_STORES.meta, key));
    return value === undefined ? undefined : this.parse(value, `meta-store key ${key}`);
  }

  /** Whether the database was written by PouchDB before 5.x (meta keys in by-sequence). */
  async isPre5Format(): Promise<boolean> {
    const old = await this.db.get(pouchKey(POUCH_STORES.bySeq, POUCH_META.uuid));
    return old !== undefined;
  }

  /** The highest seq with a by-sequence entry, 0 when there is none. */
  async lastSeq(): Promise<number> {
    const [last] = await this.db
      .keys({ ...rangeOf(POUCH_STORES.bySeq), reverse: true, limit: 1 })
      .all();
    if (last === undefined) return 0;
    const seq = Number(last.slice(storePrefix(POUCH_STORES.bySeq).length));
    if (!Number.isSafeInteger(seq))
      throw this.corrupt(`by-sequence key ${JSON.stringify(last)} is not a sequence number`);
    return seq;
  }

  /** Every entry of `store` in key order, `size` at a time: `[key without prefix, value]`. */
  async *entries(store: PouchStore, size: number): AsyncGenerator<[string, Uint8Array][]> {
    const cut = storePrefix(store).length;
    const iterator = this.db.iterator(rangeOf(store));
    try {
      for (;;) {
        const batch = await iterator.nextv(size);
        if (batch.length === 0) return;
        yield batch.map(([key, value]) => [key.slice(cut), value]);
      }
    } finally {
      await iterator.close();
    }
  }

  /** By-sequence bodies by seq, parsed; `undefined` where absent. */
  async bodies(seqs: readonly number[]): Promise<unknown[]> {
    const values = await this.db.getMany(
      seqs.map((seq) => pouchKey(POUCH_STORES.bySeq, seqKey(seq))),
    );
    return values.map((value, i) =>
      value === undefined ? undefined : this.parse(value, `by-sequence entry ${seqs[i]}`),
    );
  }

  /** Attachment bytes by digest; `undefined` where absent (PouchDB stores no empty ones). */
  binaries(digests: readonly string[]): Promise<(Uint8Array | undefined)[]> {
    return this.db.getMany(digests.map((digest) => pouchKey(POUCH_STORES.binaries, digest)));
  }
}

/** An error's message, for a sentence. */
export function reason(err: unknown): string {
  const cause = (err as { cause?: { message?: unknown } } | null)?.cause?.message;
  const message = (err as { message?: unknown } | null)?.message;
  return String(cause ?? message ?? err);
}
