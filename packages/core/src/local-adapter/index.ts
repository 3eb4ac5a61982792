// Whole-file re-exports only (`export *`), never `export { x } from`: esbuild keeps a barrel
// with a used named re-export as a module of its own and follows all its imports from every
// chunk that reaches it, so a chunk loaded on first use that needs one helper would share the
// whole of core with the page in extra chunks (see presets/browser/test/size.test.ts).

export * from './imported-records.js';
export * from './local-adapter.js';
export * from './local-adapter-factory.js';
export * from './rev-info.js';
export * from './settings-from-options.js';
export * from './shared-adapters.js';
export * from './state.js';
