/**
 * `@satchel/adapter-leveldb` in browsers (the `browser` export condition): the engine over any
 * abstract-level database, with no Node built-in and no classic-level in its graph. Pass
 * browser-level (or memory-level) through the `level` option.
 *
 * @packageDocumentation
 */

export {
  LeveldbAdapterPlugin,
  LeveldbAdapterPlugin as default,
  leveldbAdapter,
} from './browser-adapter.js';
export { decodeText, encodeText, parseRevKey, parseSeqKey, revKey, seqKey } from './key-codec.js';
export type { AdapterRegistry } from './level-adapter-factory.js';
export type { LevelOption } from './level-placement.js';
export { isLevelDatabase, type LevelDatabase, type LevelStores } from './level-stores.js';
export { LevelEngine, type LevelEngineOptions, type LevelSource } from './leveldb-engine.js';
export { isLockedError, lockedError } from './locked-error.js';
