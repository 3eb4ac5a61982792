import { isDeepStrictEqual } from 'node:util';
import type { NormalError, Outcome } from '../differential/normalise.js';
import type { HostileCase } from './cases.js';

/**
 * Errors pouchdb@9 raises on purpose without a status (the purge ones from its purge code, as
 * the rejection's message); Satchel must raise the same message.
 */
const DELIBERATE_PLAIN_ERRORS = new Set([
  'options.keys must be an array',
  'The requested revision is not a leaf',
  'The requested revision does not exist',
]);

const isPouchStyle = (e: NormalError): boolean =>
  typeof e.status === 'number' && typeof e.name === 'string' && typeof e.message === 'string';

const show = (o: Outcome): string => JSON.stringify(o).slice(0, 600);

/**
 * What Satchel's outcome must be, given pouchdb@9's: its exact error where it has a
 * PouchDB-style one, its exact answer (or else a PouchDB-style error) where it answers, and a
 * PouchDB-style error or a sane answer where pouchdb@9 crashes, hangs or answers by accident.
 * Returns a complaint, or undefined when Satchel's outcome is acceptable.
 */
export function judge(
  c: HostileCase,
  satchel: Outcome,
  pouch: Outcome | undefined,
): string | undefined {
  if ('hang' in satchel) return `Satchel never answered (${satchel.hang})`;
  // Exactly pouchdb@9's outcome is always acceptable, even an accidental TypeError.
  if (pouch && isDeepStrictEqual(satchel, pouch)) return undefined;
  if (
    'error' in satchel &&
    !isPouchStyle(satchel.error) &&
    !DELIBERATE_PLAIN_ERRORS.has(satchel.error.message ?? '')
  ) {
    return `Satchel failed with a non-PouchDB error: ${show(satchel)}; pouchdb@9: ${pouch ? show(pouch) : c.noOracle}`;
  }
  if (!pouch || 'hang' in pouch || c.pouchQuirk) return undefined;
  if ('error' in pouch) return judgePouchError(pouch.error, satchel);
  if ('error' in satchel) return undefined;
  if (!isDeepStrictEqual(satchel, pouch))
    return `answers differ: satchel ${show(satchel)}; pouchdb@9 ${show(pouch)}`;
  return undefined;
}

function judgePouchError(expected: NormalError, satchel: Outcome): string | undefined {
  if (!('error' in satchel))
    return `pouchdb@9 rejects with ${JSON.stringify(expected)}, Satchel answered ${show(satchel)}`;
  if (isPouchStyle(expected) || DELIBERATE_PLAIN_ERRORS.has(expected.message ?? '')) {
    if (!isDeepStrictEqual(satchel.error, expected)) {
      return `errors differ: satchel ${JSON.stringify(satchel.error)}; pouchdb@9 ${JSON.stringify(expected)}`;
    }
  }
  // pouchdb@9 failed by accident (a TypeError from inside): any PouchDB-style error will do.
  return undefined;
}
