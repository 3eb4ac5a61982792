import {
  decodeBase64Strict,
  generateErrorFromResponse,
  type Satchel,
  toBinaryOutput,
} from '@satchel/core';
import { checkTemporaryView, parseViewName } from './resolve-view.js';
import type { QueryFun, QueryOptions, QueryResponse } from './types.js';

/** A remote database's raw request method (`db.fetch`, present only on remote databases). */
type Fetch = (path: string, init?: RequestInit) => Promise<Response>;

/** Query options sent as URL parameters, in PouchDB's order; `true` means JSON-encoded. */
const PARAMS: ReadonlyArray<[keyof QueryOptions, boolean]> = [
  ['reduce', false],
  ['include_docs', false],
  ['attachments', false],
  ['limit', false],
  ['descending', false],
  ['group', false],
  ['group_level', false],
  ['skip', false],
  ['stale', false],
  ['conflicts', false],
  ['startkey', true],
  ['start_key', true],
  ['endkey', true],
  ['end_key', true],
  ['inclusive_end', false],
  ['key', true],
  ['update_seq', false],
];

/** The de facto URL length limit PouchDB keeps `keys` under before switching to a POST. */
const MAX_URL_LENGTH = 2000;

/**
 * Whether `db` is remote: only remote databases have `db.fetch`, as in PouchDB.
 * @param db - the database.
 */
export function isRemote(db: Satchel): boolean {
  return typeof (db as { fetch?: unknown }).fetch === 'function';
}

/** The `?a=1&b=2` part of a view request (empty when no option is set). */
function queryString(opts: QueryOptions): string {
  const params: string[] = [];
  for (const [name, json] of PARAMS) {
    const value = opts[name];
    if (value === undefined) continue;
    params.push(`${name}=${encodeURIComponent(json ? JSON.stringify(value) : String(value))}`);
  }
  return params.length === 0 ? '' : `?${params.join('&')}`;
}

/** The request for a query: path with parameters, and the JSON body when it is a POST. */
function viewRequest(fun: QueryFun, opts: QueryOptions): { path: string; body?: object } {
  let params = queryString(opts);
  let keysInBody: unknown[] | undefined;
  if (opts.keys !== undefined) {
    const keysParam = `keys=${encodeURIComponent(JSON.stringify(opts.keys))}`;
    // Short key lists go in the URL (a GET can be cached); long ones in a POST body.
    if (keysParam.length + params.length + 1 <= MAX_URL_LENGTH) {
      params += (params === '' ? '?' : '&') + keysParam;
    } else {
      keysInBody = opts.keys;
    }
  }
  if (typeof fun === 'string') {
    const [ddoc, view] = parseViewName(fun);
    const path = `_design/${ddoc}/_view/${view}${params}`;
    return keysInBody ? { path, body: { keys: keysInBody } } : { path };
  }
  return { path: `_temp_view${params}`, body: temporaryViewBody(fun, keysInBody) };
}

/** A temporary view as `_temp_view` takes it: its functions as source text. */
function temporaryViewBody(fun: QueryFun, keys: unknown[] | undefined): object {
  const view = typeof fun === 'function' ? { map: fun } : fun;
  checkTemporaryView(view);
  const body: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(view as object)) {
    body[name] = Array.isArray(value) ? value : String(value);
  }
  if (keys) body.keys = keys;
  return body;
}

/** The parsed JSON of a response, or the error PouchDB would raise for it. */
async function readJson(res: Response): Promise<Record<string, unknown>> {
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    body = undefined;
  }
  if (!res.ok || typeof body !== 'object' || body === null) {
    const fields = typeof body === 'object' && body !== null ? body : { error: 'unknown_error' };
    throw generateErrorFromResponse({ ...fields, status: res.ok ? 500 : res.status });
  }
  return body as Record<string, unknown>;
}

/** With `include_docs`, `attachments` and `binary`, turns inline attachment data into binary. */
function binaryAttachments(result: QueryResponse, opts: QueryOptions): void {
  if (!(opts.include_docs && opts.attachments && opts.binary)) return;
  for (const row of result.rows) {
    const atts = ('doc' in row ? row.doc?._attachments : undefined) as
      | Record<string, { data?: unknown; content_type?: string }>
      | undefined;
    for (const att of Object.values(atts ?? {})) {
      if (typeof att.data === 'string') {
        att.data = toBinaryOutput(decodeBase64Strict(att.data), att.content_type);
      }
    }
  }
}

/**
 * Sends a query to the server, as PouchDB's http adapter does: a design-doc view to
 * `_design/d/_view/v`, a temporary view (function or `{map, reduce}`) to `_temp_view`. The
 * server checks the options and answers; its errors come back as PouchDB errors.
 * @param db - the remote database.
 * @param fun - the view.
 * @param opts - the coerced options.
 */
export async function httpQuery(
  db: Satchel,
  fun: QueryFun,
  opts: QueryOptions,
): Promise<QueryResponse> {
  const fetch = (db as unknown as { fetch: Fetch }).fetch;
  const { path, body } = viewRequest(fun, opts);
  const init: RequestInit = {
    method: body ? 'POST' : 'GET',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
  };
  if (body) init.body = JSON.stringify(body);
  const result = (await readJson(await fetch(path, init))) as unknown as QueryResponse;
  if (!Array.isArray(result.rows)) throw generateErrorFromResponse({ ...result, status: 500 });
  for (const row of result.rows) {
    const value = row.value as { error?: unknown; reason?: unknown } | null;
    // CouchDB reports a failed built-in reduce inside a row; PouchDB fails the whole query.
    if (value?.error === 'builtin_reduce_error') throw new Error(String(value.reason));
  }
  binaryAttachments(result, opts);
  return result;
}

/**
 * `viewCleanup` on a remote database: the server's `_view_cleanup`, as PouchDB does.
 * @param db - the remote database.
 */
export async function httpViewCleanup(db: Satchel): Promise<{ ok: boolean }> {
  const fetch = (db as unknown as { fetch: Fetch }).fetch;
  const res = await fetch('_view_cleanup', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
  });
  return (await readJson(res)) as { ok: boolean };
}
