import type { RevNodeOpts } from './types.js';

// Its own file: a new leaf on a known one needs only this, not the general merge beside it.

/**
 * Combines two statuses of the same revision into `target`: available if either copy has the
 * body. Left untouched when neither carries a status (PouchDB's old trees have none).
 */
export function mergeStatus(target: RevNodeOpts, source: RevNodeOpts): void {
  if (target.status || source.status) {
    target.status =
      target.status === 'available' || source.status === 'available' ? 'available' : 'missing';
  }
}
