/**
 * Map/reduce views for Satchel: `db.query` and `db.viewCleanup`, with PouchDB 9's options,
 * built-in reduces and errors.
 *
 * @packageDocumentation
 */

export {
  type MapreduceMethods,
  mapreducePlugin,
  mapreducePlugin as default,
} from './mapreduce-plugin.js';
export { query } from './query.js';
export type {
  Emit,
  MapFunction,
  MapRow,
  QueryFun,
  QueryOptions,
  QueryResponse,
  ReduceFunction,
  ReduceRow,
  ViewDefinition,
} from './types.js';
export { viewCleanup } from './view-cleanup.js';
