/**
 * Mango queries for Satchel: `db.createIndex`, `db.getIndexes`, `db.deleteIndex`, `db.find` and
 * `db.explain`, with pouchdb-find 9's results, warnings and errors. Indexes are persistent and
 * incremental, stored in companion databases through the same adapter.
 *
 * @packageDocumentation
 */

export { installMango, installMango as default } from './install-mango.js';
export { type MangoMethods, mangoPlugin } from './mango-plugin.js';
export type {
  CreateIndexRequest,
  CreateIndexResponse,
  DeleteIndexRequest,
  ExplainResponse,
  FindRequest,
  FindResponse,
  GetIndexesResponse,
  IndexDefinition,
  IndexField,
  IndexInfo,
} from './types.js';
