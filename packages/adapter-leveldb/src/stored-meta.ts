import { createError, type EngineMeta, type SatchelError } from '@satchel/core';

/** The stored format this version reads and writes (see the README's format table). */
export const FORMAT_VERSION = 1;

/** Keys of the meta sublevel. */
export const MetaKeys = {
  /** The format version, written once when the store is created. */
  format: 'format',
  /** The database's uuid, written when the store is created. */
  uuid: 'uuid',
  /** `[updateSeq, docCount]`, rewritten by every commit that changes them. */
  counts: 'counts',
  /** Where stores of the pre-release layout (no format key) kept their meta. */
  legacy: 'meta',
} as const;

/** The value of the counts entry. */
export function countsValue(meta: EngineMeta): string {
  return `[${meta.updateSeq},${meta.docCount}]`;
}

/** Meta from the stored counts and uuid. */
export function parseMeta(counts: string, uuid: string): EngineMeta {
  const [updateSeq, docCount] = JSON.parse(counts) as [number, number];
  return { updateSeq, docCount, uuid };
}

/** Code of the error for a store this version cannot read. */
export const UNSUPPORTED_FORMAT = 'SATCHEL_UNSUPPORTED_FORMAT';

/**
 * The error for a store written in another stored format: a newer one (written by a later
 * version of this package) or the pre-release layout. The store is left as it was.
 * @param found - the format the store records, or `undefined` for the pre-release layout.
 */
export function unsupportedFormat(found: string | undefined): SatchelError {
  const what =
    found === undefined
      ? 'in the pre-release layout, which has no format version'
      : `in stored format ${JSON.stringify(found)}`;
  const message =
    `This database was written ${what}; this version of @satchel/adapter-leveldb reads and ` +
    `writes format ${FORMAT_VERSION} only. It was not opened and nothing in it was changed: ` +
    'open it with the version of Satchel that wrote it (replicate it out to migrate).';
  const error = createError({ status: 500, name: 'unsupported_format', message });
  Object.defineProperty(error, 'code', {
    value: UNSUPPORTED_FORMAT,
    enumerable: true,
    writable: true,
    configurable: true,
  });
  return error;
}
