/**
 * `@satchel/adapter-memory/adapter`: the `memory` adapter and its plugin, without the engine's
 * classes. Importing this instead of the package root lets a bundler keep the engine code (its
 * ordered map above all) in a chunk loaded only when a memory database is opened. The root
 * cannot: esbuild assigns whole files to chunks, so a file the page reaches through any
 * re-export (the root's `MemoryEngine`) stays in what loads up front, used or not.
 *
 * @packageDocumentation
 */

export { type AdapterRegistry, MemoryAdapterPlugin, memoryAdapter } from './memory-adapter.js';
