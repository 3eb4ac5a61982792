import { expect } from 'vitest';
import type { Callback, Doc, OpenRev, SuiteDatabase, SuiteError } from './types.js';

/** The fields of one of PouchDB 9's error constants. */
export interface ErrorTemplate {
  status: number;
  name: string;
  message: string;
}

/** PouchDB 9's error constants the suite expects (status, name and message are API). */
export const PouchErrors = {
  MISSING_BULK_DOCS: { status: 400, name: 'bad_request', message: "Missing JSON list of 'docs'" },
  MISSING_DOC: { status: 404, name: 'not_found', message: 'missing' },
  REV_CONFLICT: { status: 409, name: 'conflict', message: 'Document update conflict' },
  INVALID_ID: { status: 400, name: 'bad_request', message: '_id field must contain a string' },
  MISSING_ID: { status: 412, name: 'missing_id', message: '_id is required for puts' },
  RESERVED_ID: {
    status: 400,
    name: 'bad_request',
    message: 'Only reserved document ids may start with underscore.',
  },
  UNKNOWN_ERROR: {
    status: 500,
    name: 'unknown_error',
    message: 'Database encountered an unknown error',
  },
  QUERY_PARSE_ERROR: {
    status: 400,
    name: 'query_parse_error',
    message: 'Some query parameter is invalid',
  },
  BAD_REQUEST: { status: 400, name: 'bad_request', message: 'Something wrong with the request' },
  NOT_AN_OBJECT: { status: 400, name: 'bad_request', message: 'Document must be a JSON object' },
  INVALID_REV: { status: 400, name: 'bad_request', message: 'Invalid rev format' },
  MISSING_STUB: {
    status: 412,
    name: 'missing_stub',
    message: "A pre-existing attachment stub wasn't found",
  },
} as const satisfies Record<string, ErrorTemplate>;

/** Awaits a rejection and returns it; fails the test if `promise` resolves. */
export async function rejectionOf(promise: PromiseLike<unknown>): Promise<unknown> {
  let settled: { value: unknown } | undefined;
  try {
    settled = { value: await promise };
  } catch (err) {
    return err;
  }
  expect.fail(`expected a rejection, got ${JSON.stringify(settled.value)}`);
}

/** Awaits a rejection whose fields include `expected` (e.g. a {@link PouchErrors} entry). */
export async function expectError(
  promise: PromiseLike<unknown>,
  expected: Partial<SuiteError>,
): Promise<SuiteError> {
  const err = await rejectionOf(promise);
  expect(err).toBeTypeOf('object');
  expect(err).toMatchObject(expected);
  return err as SuiteError;
}

/** The message of a rejection that may be an Error or (as PouchDB sometimes does) a string. */
export function messageOf(err: unknown): string {
  if (typeof err === 'string') return err;
  if (err && typeof err === 'object' && 'message' in err)
    return String((err as { message: unknown }).message);
  return String(err);
}

/** Calls `start` with a Node-style callback and resolves with what the callback received. */
export function viaCallback<T>(
  start: (callback: Callback<T>) => unknown,
): Promise<{ err: SuiteError | null; result?: T }> {
  return new Promise((resolve) => {
    const returned = start((err, result) => resolve({ err, result }));
    // The promise the method also returns must not report an unhandled rejection.
    if (returned && typeof (returned as Promise<unknown>).catch === 'function') {
      (returned as Promise<unknown>).catch(() => undefined);
    }
  });
}

/** The generation of a revision id (`3` for `3-abc`). */
export function revPos(rev: string): number {
  return Number.parseInt(rev.split('-')[0] ?? '', 10);
}

/** PouchDB's `N-<32 lowercase hex>` revision format. */
export const REV_PATTERN = /^\d+-[0-9a-f]{32}$/;

/** Sorts an `open_revs` answer by rev (its order is unspecified). */
export function sortOpenRevs(results: OpenRev[]): OpenRev[] {
  const key = (r: OpenRev): string => ('ok' in r ? r.ok._rev : r.missing);
  return [...results].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** The documents of an `open_revs` answer, sorted by rev. */
export function okDocs(results: OpenRev[]): Doc[] {
  return sortOpenRevs(results).flatMap((r) => ('ok' in r ? [r.ok] : []));
}

/** Writes `count` successive edits of `id` and returns every rev, oldest first. */
export async function editChain(
  db: SuiteDatabase,
  id: string,
  count: number,
  fields: object = {},
): Promise<string[]> {
  const revs: string[] = [];
  for (let i = 0; i < count; i++) {
    const prev = revs[revs.length - 1];
    const doc = prev ? { _id: id, _rev: prev, n: i, ...fields } : { _id: id, n: i, ...fields };
    revs.push((await db.put(doc)).rev);
  }
  return revs;
}

/**
 * Writes a conflicted document with `new_edits: false`: a shared root `1-root` and one branch
 * per entry, each a chain of generated hashes; returns the leaf rev of each branch.
 */
export async function writeBranches(
  db: SuiteDatabase,
  id: string,
  branches: { hashes: string[]; deleted?: boolean; body?: object }[],
): Promise<string[]> {
  const docs = branches.map(({ hashes, deleted, body }) => {
    const ids = [...hashes].reverse().concat('root');
    const start = ids.length;
    const doc: Record<string, unknown> = {
      _id: id,
      _rev: `${start}-${ids[0]}`,
      _revisions: { start, ids },
      ...body,
    };
    if (deleted) doc._deleted = true;
    return doc;
  });
  const rows = await db.bulkDocs(docs, { new_edits: false });
  expect(rows).toEqual([]);
  return docs.map((doc) => doc._rev as string);
}

/** Makes a 32-hex-digit fake hash from a short label, so fixtures read well and sort predictably. */
export function hash(label: string): string {
  let hex = '';
  for (const ch of label) hex += ch.charCodeAt(0).toString(16).padStart(2, '0');
  return hex.padEnd(32, '0').slice(0, 32);
}

/** Waits for `emitter` to emit `event` once, with a timeout. */
export function nextEvent<T extends unknown[]>(
  emitter: { once(event: string, listener: (...args: never[]) => void): unknown },
  event: string,
  timeoutMs = 5000,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no '${event}' event within ${timeoutMs} ms`)),
      timeoutMs,
    );
    emitter.once(event, ((...args: T) => {
      clearTimeout(timer);
      resolve(args);
    }) as unknown as (...args: never[]) => void);
  });
}

/** Resolves after `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
