/**
 * Map/reduce views for Satchel: `db.query` and `db.viewCleanup`, with PouchDB 9's options,
 * built-in reduces and errors.
 *
 * This is the entry the `browser` export condition picks: view functions given as source run
 * in the page, compiled with `new Function`, as in PouchDB's browser build. The Node entry
 * (`index.ts`) adds the `node:vm` sandbox.
 *
 * @packageDocumentation
 */

export {
  type MapreduceMethods,
  mapreducePlugin,
  mapreducePlugin as default,
} from './mapreduce-plugin.js';
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
export { query, viewCleanup } from './view-methods.js';
