import type { FastifyRequest } from 'fastify';
import { badRequest, CouchError } from './couch-error.js';
import type { RawQuery } from './query-options.js';
import { sandboxed } from './sandbox.js';
import type { ServerDb } from './server-db.js';

/** `ddoc/name` split, or a 400. */
function designPath(value: unknown, what: string): [string, string] {
  const parts = typeof value === 'string' ? value.split('/') : [];
  if (parts.length !== 2 || !parts[0] || !parts[1])
    throw badRequest(`\`${what}\` must be of the form \`designname/${what}name\``);
  return [parts[0], parts[1]];
}

async function designDoc(
  db: ServerDb,
  name: string,
): Promise<Record<string, Record<string, unknown>>> {
  return (await db.get(`_design/${name}`)) as Record<string, Record<string, unknown>>;
}

/** A design-document filter, compiled in the sandbox; `req` is CouchDB's (query, userCtx). */
async function designFilter(db: ServerDb, filter: string, req: FastifyRequest, timeoutMs: number) {
  const [ddoc, name] = designPath(filter, 'filter');
  const source = (await designDoc(db, ddoc)).filters?.[name];
  if (typeof source !== 'string')
    throw new CouchError(404, 'not_found', `missing json key: ${name}`);
  const run = sandboxed(source, 'filter', timeoutMs);
  const reqJson = JSON.stringify({ query: req.query, userCtx: req.userCtx, method: req.method });
  return (doc: unknown) => run(JSON.stringify(doc), reqJson);
}

/** The `_view` filter: a change passes when the view's map emits for it. */
async function viewFilter(db: ServerDb, view: unknown, timeoutMs: number) {
  const [ddoc, name] = designPath(view, 'view');
  const views = (await designDoc(db, ddoc)).views as Record<string, { map?: unknown }> | undefined;
  const source = views?.[name]?.map;
  if (typeof source !== 'string') throw new CouchError(404, 'not_found', 'missing json key: map');
  const run = sandboxed(source, 'map', timeoutMs);
  return (doc: unknown) => run(JSON.stringify(doc));
}

/** Options `changes()` takes straight from the query string. */
const PASSED = [
  'since',
  'limit',
  'descending',
  'include_docs',
  'conflicts',
  'attachments',
  'style',
  'view',
  'seq_interval',
  'doc_ids',
];

/** Only design documents, as CouchDB's built-in `_design` filter. */
const designOnly = (doc: { _id?: string }): boolean => String(doc._id).startsWith('_design/');

/**
 * The `changes()` options of a `_changes` request: query parameters, `doc_ids` and `selector`
 * from a POST body, and the raw query string as the filter's `query_params` (CouchDB hands
 * filter functions every parameter in `req.query`).
 */
export async function changesOptions(
  req: FastifyRequest,
  q: Record<string, unknown>,
  body: Record<string, unknown>,
  db: ServerDb,
  timeoutMs: number,
): Promise<Record<string, unknown>> {
  const opts: Record<string, unknown> = {};
  for (const name of PASSED) if (q[name] !== undefined) opts[name] = q[name];
  if (body.doc_ids !== undefined) opts.doc_ids = body.doc_ids;
  if (opts.doc_ids !== undefined && !Array.isArray(opts.doc_ids)) {
    throw badRequest('`doc_ids` filter parameter is not a list of doc ids.');
  }
  const filter = q.filter;
  if (typeof filter === 'string') {
    if (filter === '_design') opts.filter = designOnly;
    else if (filter === '_selector') {
      if (body.selector === undefined && q.selector === undefined) {
        throw badRequest('Selector must be specified in POST payload');
      }
      opts.filter = '_selector';
      opts.selector = body.selector ?? q.selector;
    } else if (filter === '_view') {
      opts.filter = await viewFilter(db, q.view, timeoutMs);
      delete opts.view;
    } else if (filter !== '_doc_ids') {
      opts.filter = await designFilter(db, filter, req, timeoutMs);
    }
  }
  opts.query_params = { ...(req.query as RawQuery) };
  if (opts.since === undefined) opts.since = 0;
  return opts;
}
