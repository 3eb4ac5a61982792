import { type EngineMeta, uuid as newUuid } from '@satchel/core';
import { POUCH_META } from './pouch-layout.js';
import type { PouchSource } from './pouch-source.js';

/**
 * The database-wide facts to carry over: PouchDB's update seq (never below a stored seq) and
 * its uuid, which is what `db.id()` answers and so what replication ids are made of: keeping it
 * is what lets a replication PouchDB started resume from its checkpoint. The doc count starts
 * at 0 and is counted while documents are brought over.
 */
export async function pouchMeta(source: PouchSource): Promise<EngineMeta> {
  if (await source.isPre5Format()) {
    throw source.corrupt(
      'it was written by a PouchDB release older than 5.0, whose layout is not supported; ' +
        'open it once with PouchDB 7 or later (which upgrades it), then with Satchel',
    );
  }
  const stored = await source.meta(POUCH_META.updateSeq);
  const last = await source.lastSeq();
  if (stored !== undefined && !Number.isSafeInteger(stored)) {
    throw source.corrupt(`its update seq ${JSON.stringify(stored)} is not a number`);
  }
  const uuid = await source.meta(POUCH_META.uuid);
  return {
    updateSeq: Math.max((stored as number | undefined) ?? 0, last),
    docCount: 0,
    // PouchDB writes its uuid on first open; one that never had it never replicated either.
    uuid: typeof uuid === 'string' ? uuid : newUuid(),
  };
}
