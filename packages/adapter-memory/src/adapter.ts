/**
 * `@satchel/adapter-memory/adapter`: the `memory` adapter and its plugin, without the engine's
 * classes. Importing this instead of the package root lets a bundler keep the engine code (its
 * ordered map above all) in a chunk loaded only when a memory database is opened.
 *
 * @packageDocumentation
 */

export { type AdapterRegistry, MemoryAdapterPlugin, memoryAdapter } from './memory-adapter.js';
