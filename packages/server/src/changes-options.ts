import type { FastifyRequest } from 'fastify';
import { badRequest } from './couch-error.js';
import type { RawQuery } from './query-options.js';

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
export function changesOptions(
  req: FastifyRequest,
  q: Record<string, unknown>,
  body: Record<string, unknown>,
): Record<string, unknown> {
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
    } else if (filter !== '_doc_ids') opts.filter = filter;
  }
  opts.query_params = { ...(req.query as RawQuery) };
  if (opts.since === undefined) opts.since = 0;
  return opts;
}
