import * as Errors from '../error-templates.js';
import { createError } from '../errors.js';

/** A revision string split into its generation and hash. */
export interface RevParts {
  pos: number;
  hash: string;
}

const REV_SHAPE = /^\d+-/;

/** Parses `N-hash`, throwing PouchDB's `invalid_rev` error for anything else. */
export function parseRev(rev: unknown): RevParts {
  if (typeof rev !== 'string' || !REV_SHAPE.test(rev)) throw createError(Errors.INVALID_REV);
  const dash = rev.indexOf('-');
  return { pos: Number.parseInt(rev.slice(0, dash), 10), hash: rev.slice(dash + 1) };
}
