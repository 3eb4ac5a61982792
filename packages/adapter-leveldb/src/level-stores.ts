import type { AbstractLevel, AbstractSublevel } from 'abstract-level';

/**
 * Any abstract-level 3 database (classic-level, memory-level, browser-level, a sublevel of
 * one…), whatever its default encodings: the engine gives its sublevels their own, so the
 * database's do not matter. Structural, because abstract-level's generic types are not
 * assignable across encodings.
 */
export interface LevelDatabase {
  readonly status: string;
  open(): Promise<void>;
  close(): Promise<void>;
  sublevel(name: string, options: object): unknown;
  batch(operations: never[]): Promise<void>;
}

/** How the engine uses a {@link LevelDatabase} internally. */
export type Level = AbstractLevel<string | Uint8Array, string, string>;

/** Whether `value` looks like an abstract-level database (duck-typed: copies of the package differ). */
export function isLevelDatabase(value: unknown): value is LevelDatabase {
  if (typeof value !== 'object' || value === null) return false;
  const db = value as Record<string, unknown>;
  return ['open', 'close', 'sublevel', 'batch', 'getMany'].every(
    (m) => typeof db[m] === 'function',
  );
}

/** A sublevel whose values are JSON text; keys are text (see `Key` for binary ones). */
export type JsonStore = AbstractSublevel<Level, string | Uint8Array, string, string>;
/** The attachment bytes sublevel: keys are digests, values bytes. */
export type BlobStore = AbstractSublevel<Level, string | Uint8Array, string, Uint8Array>;
/** The meta sublevel: text keys, JSON text values. */
export type MetaStore = AbstractSublevel<Level, string | Uint8Array, string, string>;

/**
 * The key spaces of one Satchel database inside an abstract-level store. Each is a sublevel
 * (a `!x!` key prefix), so a commit that touches several is still one atomic `batch` on the
 * parent. One-letter names keep every key short.
 *
 * | sublevel | key | value |
 * |---|---|---|
 * | `d` docs | id (UTF-8; WTF-8 with lone surrogates, see `key-codec`) | header, newline, winning body (`doc-value`) |
 * | `r` revs | escaped id, U+0000, rev | body JSON of a revision that is not the winner |
 * | `s` seqs | seq, 16 zero-padded digits | id (`seqValue`), or id and doc count (`markedSeqValue`) |
 * | `l` locals | id | `LocalRecord` JSON |
 * | `a` attachment records | digest (`md5-…`) | `AttachmentRecord` JSON (its references) |
 * | `b` attachment bytes | digest | raw bytes |
 * | `m` meta | `format`, `uuid`, `counts` | `2`, the uuid, `[updateSeq,docCount,topSeq]` (see `planCounts`) |
 */
export interface LevelStores {
  readonly docs: JsonStore;
  readonly revs: JsonStore;
  readonly seqs: JsonStore;
  readonly locals: JsonStore;
  readonly attachmentRecords: JsonStore;
  readonly attachments: BlobStore;
  readonly meta: MetaStore;
}

/** Creates the sublevels of {@link LevelStores} on `db`. */
export function openStores(db: Level): LevelStores {
  const json = { keyEncoding: 'utf8', valueEncoding: 'utf8' } as const;
  return {
    docs: db.sublevel<string, string>('d', json),
    revs: db.sublevel<string, string>('r', json),
    seqs: db.sublevel<string, string>('s', json),
    locals: db.sublevel<string, string>('l', json),
    attachmentRecords: db.sublevel<string, string>('a', json),
    attachments: db.sublevel<string, Uint8Array>('b', {
      keyEncoding: 'utf8',
      valueEncoding: 'view',
    }),
    meta: db.sublevel<string, string>('m', json),
  };
}

/** Every sublevel, meta last (see `LevelEngine.destroy`). */
export function allStores(stores: LevelStores): readonly Level[] {
  const { docs, revs, seqs, locals, attachmentRecords, attachments, meta } = stores;
  return [docs, revs, seqs, locals, attachmentRecords, attachments, meta] as Level[];
}
