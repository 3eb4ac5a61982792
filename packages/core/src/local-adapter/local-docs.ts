import { clone } from '../clone.js';
import type { LocalRecord } from '../engine/engine.js';
import * as Errors from '../error-templates.js';
import { createError } from '../errors.js';
import { stringify } from '../json-stringify.js';
import type { AnyDoc, WriteResponse } from '../types/documents.js';
import type { AdapterState } from './state.js';
import type { WritePlan } from './write-plan.js';

async function currentLocal(
  state: AdapterState,
  plan: WritePlan,
  id: string,
): Promise<LocalRecord | undefined> {
  if (plan.locals.has(id)) return plan.locals.get(id);
  const found = await state.engine.getLocal(id);
  plan.locals.set(id, found);
  return found;
}

/**
 * Writes a `_local/` document. Local docs have no history: the revision is `0-N`, the given
 * `_rev` must match the stored one, and they never reach changes, allDocs or replication.
 */
export async function putLocalInPlan(
  state: AdapterState,
  plan: WritePlan,
  doc: AnyDoc,
): Promise<WriteResponse> {
  const id = doc._id as string;
  const oldRev = doc._rev;
  const existing = await currentLocal(state, plan, id);
  if ((!existing && oldRev) || (existing && existing.rev !== oldRev)) {
    throw createError(Errors.REV_CONFLICT);
  }
  // What PouchDB stores of a local doc is its JSON (its LevelDB adapters encode it so), and
  // every engine keeps what JSON keeps: no functions or `undefined`, `NaN` as null.
  const body = JSON.parse(stringify(doc)) as AnyDoc;
  delete body._revisions;
  body._rev = oldRev ? `0-${Number.parseInt(oldRev.split('-')[1] ?? '0', 10) + 1}` : '0-1';
  plan.putLocal({ id, rev: body._rev, body });
  return { ok: true, id, rev: body._rev };
}

/** Deletes a `_local/` document; the given `_rev` must match. */
export async function removeLocalInPlan(
  state: AdapterState,
  plan: WritePlan,
  doc: AnyDoc,
): Promise<WriteResponse> {
  const id = doc._id as string;
  const existing = await currentLocal(state, plan, id);
  if (!existing) throw createError(Errors.MISSING_DOC);
  if (existing.rev !== doc._rev) throw createError(Errors.REV_CONFLICT);
  plan.deleteLocal(id);
  return { ok: true, id, rev: '0-0' };
}

/** Reads a `_local/` document, or PouchDB's 404. */
export async function getLocal(state: AdapterState, id: string): Promise<AnyDoc> {
  const found = await state.engine.getLocal(id);
  if (!found) throw createError(Errors.MISSING_DOC);
  // Stored records may be shared with the engine: the caller gets its own copy.
  return clone(found.body) as AnyDoc;
}
