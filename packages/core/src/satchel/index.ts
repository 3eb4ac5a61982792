// Whole-file re-exports only (`export *`), never `export { x } from`: esbuild keeps a barrel
// with a used named re-export as a module of its own and follows all its imports from every
// chunk that reaches it, so a chunk loaded on first use that needs one helper would share the
// whole of core with the page in extra chunks (see presets/browser/test/size.test.ts).

export * from './active-tasks.js';
export * from './callable.js';
export * from './callable-satchel.js';
export * from './constructor-events.js';
export type { DatabaseSurface } from './database-surface.js';
export * from './event-emitter.js';
export type { SatchelOptions } from './options.js';
export * from './pouch-adapters.js';
export type { SatchelPlugins } from './satchel.js';
export * from './task-queue.js';
export * from './upsert-local.js';
export * from './with-callback.js';
export * from './write-counter.js';
export type { PutOptions, RemoveOptions } from './write-methods.js';
