/**
 * `@satchel/core/engine`: everything an engine author needs and nothing else: the Engine
 * contract, its record types, the capability manifest and the conflict error.
 *
 * @packageDocumentation
 */

// Whole-file re-exports only (`export *`), never `export { x } from`: esbuild keeps a barrel
// with a used named re-export as a module of its own and follows all its imports from every
// chunk that reaches it, so a chunk loaded on first use that needs one helper would share the
// whole of core with the page in extra chunks (see presets/browser/test/size.test.ts).
export type {
  Adapter,
  AdapterFactory,
  AdapterOptions,
  AdapterSupports,
} from '../adapter/adapter.js';
export * from '../ids.js';
export * from '../json-stringify.js';
export * from '../local-adapter/local-adapter-factory.js';
export type { ConflictRetrySettings, LocalAdapterSettings } from '../local-adapter/state.js';
export * from '../on-first-use.js';
export * from './compare-ids.js';
export * from './engine.js';
export * from './engine-conflict.js';
export * from './engine-supports.js';
