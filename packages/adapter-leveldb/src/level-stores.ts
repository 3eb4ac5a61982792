import type { AbstractLevel, AbstractSublevel } from 'abstract-level';

/**
 * Any abstract-level 3 database (classic-level, memory-level, browser-level, a sublevel of
 * one…). The engine passes explicit encodings everywhere, so the database's own default
 * encodings do not matter.
 */
export type Level = AbstractLevel<string | Uint8Array, unknown, unknown>;

/** A sublevel whose keys are bytes and values JSON text. */
export type JsonStore = AbstractSublevel<Level, string | Uint8Array, Uint8Array, string>;
/** The attachment sublevel: keys are digests, values bytes. */
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
 * | `d` docs | id (UTF-8/WTF-8, see `key-codec`) | `DocRecord` JSON |
 * | `r` revs | escaped id, 0x00, rev | revision body JSON |
 * | `s` seqs | seq, 8 bytes big-endian | id as a JSON string |
 * | `l` locals | id | `LocalRecord` JSON |
 * | `a` attachments | digest (`md5-…`) | raw bytes |
 * | `m` meta | `'meta'` | `{version, updateSeq, docCount, uuid}` JSON |
 */
export interface LevelStores {
  readonly docs: JsonStore;
  readonly revs: JsonStore;
  readonly seqs: JsonStore;
  readonly locals: JsonStore;
  readonly attachments: BlobStore;
  readonly meta: MetaStore;
}

/** Creates the sublevels of {@link LevelStores} on `db`. */
export function openStores(db: Level): LevelStores {
  const json = { keyEncoding: 'view', valueEncoding: 'utf8' } as const;
  return {
    docs: db.sublevel<Uint8Array, string>('d', json),
    revs: db.sublevel<Uint8Array, string>('r', json),
    seqs: db.sublevel<Uint8Array, string>('s', json),
    locals: db.sublevel<Uint8Array, string>('l', json),
    attachments: db.sublevel<string, Uint8Array>('a', { keyEncoding: 'utf8', valueEncoding: 'view' }),
    meta: db.sublevel<string, string>('m', { keyEncoding: 'utf8', valueEncoding: 'utf8' }),
  };
}

/** Every sublevel, for clearing them all. */
export function allStores(stores: LevelStores): readonly Level[] {
  return [stores.docs, stores.revs, stores.seqs, stores.locals, stores.attachments, stores.meta] as Level[];
}
