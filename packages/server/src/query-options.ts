import { badRequest, CouchError } from './couch-error.js';

/** A parsed query string as fastify hands it over. */
export type RawQuery = Record<string, string | string[] | undefined>;

/** Parameters CouchDB reads as JSON. */
const JSON_PARAMS = new Set([
  'key',
  'keys',
  'startkey',
  'endkey',
  'start_key',
  'end_key',
  'open_revs',
  'atts_since',
  'doc_ids',
  'startkey_docid',
  'endkey_docid',
  'start_key_doc_id',
  'end_key_doc_id',
  'selector',
  'query_params',
]);
const BOOLEAN_PARAMS = new Set([
  'conflicts',
  'deleted_conflicts',
  'descending',
  'include_docs',
  'inclusive_end',
  'attachments',
  'att_encoding_info',
  'revs',
  'revs_info',
  'latest',
  'local_seq',
  'reduce',
  'group',
  'update_seq',
  'sorted',
  'new_edits',
  'include_design',
  'stable',
  'meta',
  'deleted',
]);
const NUMBER_PARAMS = new Set([
  'limit',
  'skip',
  'group_level',
  'heartbeat',
  'timeout',
  'seq_interval',
  'count',
]);

/**
 * Turns CouchDB's query string into PouchDB options: JSON parameters parsed, booleans and
 * numbers converted, everything else kept as strings. A malformed value is a 400.
 */
export function parseQuery(query: RawQuery): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, raw] of Object.entries(query)) {
    const value = Array.isArray(raw) ? raw[raw.length - 1] : raw;
    if (value === undefined) continue;
    out[name] = convert(name, value);
  }
  return out;
}

function convert(name: string, value: string): unknown {
  if (JSON_PARAMS.has(name)) {
    if (name === 'open_revs' && value === 'all') return 'all';
    try {
      return JSON.parse(value);
    } catch {
      throw badRequest(`Invalid JSON in the ${name} parameter`);
    }
  }
  if (BOOLEAN_PARAMS.has(name)) {
    if (value === 'true') return true;
    if (value === 'false') return false;
    throw queryError(`Invalid boolean parameter: "${name}"`);
  }
  if (NUMBER_PARAMS.has(name)) {
    if (name === 'heartbeat' && value === 'true') return true;
    const number = Number(value);
    if (!Number.isFinite(number) || value.trim() === '') {
      throw queryError(`Invalid value for integer: "${name}"`);
    }
    return number;
  }
  return value;
}

function queryError(reason: string): CouchError {
  return new CouchError(400, 'query_parse_error', reason);
}
