/** A revision string split into its generation and hash. */
export interface ParsedRev {
  pos: number;
  id: string;
}

const STARTS_WITH_GENERATION = /^\d+-/;
const WELL_FORMED_REV = /^\d+-[^-]*$/;

/**
 * Splits `N-hash` the way PouchDB's `parseRevisionInfo` does: digits, a dash, then everything
 * after the first dash as the hash (which may itself contain dashes).
 *
 * @returns `undefined` when `rev` does not start with digits and a dash (PouchDB's `INVALID_REV`)
 */
export function parseRevString(rev: string): ParsedRev | undefined {
  if (!STARTS_WITH_GENERATION.test(rev)) return undefined;
  const dash = rev.indexOf('-');
  return { pos: Number.parseInt(rev.slice(0, dash), 10), id: rev.slice(dash + 1) };
}

/**
 * PouchDB's `isValidRev` (what `open_revs` entries are checked with): a string of digits, a
 * dash, and a hash with no further dash. An empty hash passes, as in PouchDB.
 */
export function isRevString(rev: unknown): rev is string {
  return typeof rev === 'string' && WELL_FORMED_REV.test(rev);
}

/** PouchDB's name for {@link isRevString}. */
export { isRevString as isValidRev };

/** Formats a generation and hash as `N-hash`. */
export function formatRev(pos: number, id: string): string {
  return `${pos}-${id}`;
}
