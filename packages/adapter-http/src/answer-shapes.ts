import type { BulkGetResponse, ChangesResponse } from '@satchel/core';
import type { HttpClient, HttpRequest } from './http-client.js';
import { badBodyError } from './http-error.js';

// What the adapter checks of the server's answers that other code (replication above all)
// reads without checking: a buggy or hostile server must get a clear `unknown_error` naming
// the answer, not a `TypeError` from deep inside a replication, nor a wrong result.

/** Throws PouchDB's `unknown_error` for the answer to `req` when `problem` names one. */
export function checkAnswer(
  client: HttpClient,
  req: HttpRequest,
  problem: string | undefined,
): void {
  if (problem) throw badBodyError(client.urlOf(req), new Error(problem));
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isStringList = (value: unknown): boolean =>
  Array.isArray(value) && value.every((item) => typeof item === 'string');

/**
 * What makes a `_changes` answer unusable, or `undefined`: no `results` list, or a row without
 * a string `id` and a `changes` list of `{rev}`, which replication and feeds read without
 * checking (a buggy or hostile server must get a clear error, not a `TypeError`).
 */
export function changesProblem(res: ChangesResponse | undefined): string | undefined {
  if (!Array.isArray(res?.results)) return 'the answer has no `results` list';
  for (let i = 0; i < res.results.length; i++) {
    const row = res.results[i] as { id?: unknown; changes?: unknown } | null;
    const revs = row?.changes;
    const fine =
      typeof row?.id === 'string' &&
      Array.isArray(revs) &&
      revs.every((c: { rev?: unknown } | null) => typeof c?.rev === 'string');
    if (!fine) return `results[${i}] is not a change row ({id, changes: [{rev}]})`;
  }
  return undefined;
}

/** What makes a `_bulk_get` answer unusable (see `changesProblem`), or `undefined`. */
export function bulkGetProblem(res: BulkGetResponse | undefined): string | undefined {
  if (!Array.isArray(res?.results)) return 'the answer has no `results` list';
  const bad = res.results.findIndex((r) => !Array.isArray(r?.docs) || !r.docs.every(isObject));
  return bad < 0 ? undefined : `results[${bad}] has no \`docs\` list of objects`;
}

/** What makes a `_revs_diff` answer unusable: not `{id: {missing: [rev], possible_ancestors?}}`. */
export function revsDiffProblem(res: unknown): string | undefined {
  if (!isObject(res)) return 'the answer is not an object of documents';
  for (const [id, diff] of Object.entries(res)) {
    const fine =
      isObject(diff) &&
      isStringList(diff.missing) &&
      (diff.possible_ancestors === undefined || isStringList(diff.possible_ancestors));
    if (!fine) return `the entry of ${JSON.stringify(id)} is not {missing: [rev]}`;
  }
  return undefined;
}

/** What makes a `_bulk_docs` answer unusable: not a list of result objects. */
export function bulkDocsProblem(res: unknown): string | undefined {
  if (!Array.isArray(res)) return 'the answer is not a list of results';
  const bad = res.findIndex((row) => !isObject(row));
  return bad < 0 ? undefined : `results[${bad}] is not an object`;
}
