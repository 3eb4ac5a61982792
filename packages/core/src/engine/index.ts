/**
 * `@satchel/core/engine`: everything an engine author needs and nothing else: the Engine
 * contract, its record types, the capability manifest and the conflict error.
 *
 * @packageDocumentation
 */

export type {
  Adapter,
  AdapterFactory,
  AdapterOptions,
  AdapterSupports,
} from '../adapter/adapter.js';
export { uuid } from '../ids.js';
export { stringify } from '../json-stringify.js';
export {
  createLocalAdapterFactory,
  type LocalAdapterFactoryOptions,
} from '../local-adapter/local-adapter-factory.js';
export type { ConflictRetrySettings, LocalAdapterSettings } from '../local-adapter/state.js';
export { type OnFirstUse, onFirstUse } from '../on-first-use.js';
export { compareIds } from './compare-ids.js';
export * from './engine.js';
export * from './engine-conflict.js';
export * from './engine-supports.js';
