import { createError, type Satchel } from '@satchel/core';
import { validateSelector } from '@satchel/selector';
import { massageCreateRequest } from './index-definition.js';
import { badRequest } from './mango-error.js';
import type {
  CreateIndexResponse,
  ExplainResponse,
  FindResponse,
  GetIndexesResponse,
} from './types.js';

type Fetch = (path: string, init?: RequestInit) => Promise<Response>;

/** The database's `fetch` when it is remote (only remote databases have one, as in PouchDB). */
export function remoteFetch(db: Satchel): Fetch | undefined {
  const fetch = (db as { fetch?: Fetch }).fetch;
  return typeof fetch === 'function' ? fetch.bind(db) : undefined;
}

/** Sends one request; a non-2xx answer becomes a PouchDB error with the server's fields. */
async function send<T>(fetch: Fetch, path: string, method: string, body?: unknown): Promise<T> {
  const init: RequestInit = { method };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers = { 'Content-Type': 'application/json' };
  }
  const response = await fetch(path, init);
  const json = (await response.json()) as Record<string, unknown>;
  if (!response.ok) {
    const name = typeof json.error === 'string' ? json.error : 'unknown_error';
    const reason = typeof json.reason === 'string' ? json.reason : String(json.message ?? name);
    const err = createError({ status: response.status, name, message: reason }, reason);
    err.error = name;
    throw err;
  }
  return json as T;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** `createIndex` on a remote database: `POST _index` with pouchdb-find's reshaped request. */
export function remoteCreateIndex(fetch: Fetch, request: unknown): Promise<CreateIndexResponse> {
  return send(fetch, '_index', 'POST', massageCreateRequest(request));
}

/** `find` on a remote database: the selector is checked here, the rest by the server. */
export function remoteFind(fetch: Fetch, request: unknown): Promise<FindResponse> {
  if (!isRecord(request)) throw badRequest('you must provide search parameters to find()');
  validateSelector(request.selector, { remote: true });
  return send(fetch, '_find', 'POST', request);
}

/** `explain` on a remote database: `POST _explain`. */
export function remoteExplain(fetch: Fetch, request: unknown): Promise<ExplainResponse> {
  if (!isRecord(request)) throw badRequest('you must provide search parameters to explain()');
  return send(fetch, '_explain', 'POST', request);
}

/** `getIndexes` on a remote database: `GET _index`. */
export function remoteGetIndexes(fetch: Fetch): Promise<GetIndexesResponse> {
  return send(fetch, '_index', 'GET');
}

/** `deleteIndex` on a remote database: `DELETE _index/<ddoc>/<type>/<name>`. */
export function remoteDeleteIndex(fetch: Fetch, index: unknown): Promise<{ ok: true }> {
  if (!isRecord(index)) throw badRequest('you must provide an index to delete');
  if (!index.ddoc) throw badRequest("you must provide an index's ddoc");
  if (!index.name) throw badRequest("you must provide an index's name");
  const type = index.type || 'json';
  const path = [index.ddoc, type, index.name].map((part) => encodeURIComponent(String(part)));
  return send(fetch, `_index/${path.join('/')}`, 'DELETE');
}
