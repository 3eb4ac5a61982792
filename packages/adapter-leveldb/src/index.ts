/**
 * `@satchel/adapter-leveldb`: Satchel's storage engine over any abstract-level 3 database, and
 * the `leveldb` adapter that stores each database in a LevelDB directory (classic-level).
 *
 * @packageDocumentation
 */

export { databaseDirectory } from './database-directory.js';
export { DirectoryEngine } from './directory-engine.js';
export { type DownConstructor, DownLevel, type DownStore } from './down-level.js';
export { decodeText, encodeText, parseRevKey, parseSeqKey, revKey, seqKey } from './key-codec.js';
export { isLevelDbFile, isLevelDbRecordFile } from './level-files.js';
export { isLevelDatabase, type LevelDatabase, type LevelStores } from './level-stores.js';
export {
  type AdapterRegistry,
  LeveldbAdapterPlugin,
  LeveldbAdapterPlugin as default,
  type LevelOption,
  leveldbAdapter,
} from './leveldb-adapter.js';
export { LevelEngine, type LevelEngineOptions, type LevelSource } from './leveldb-engine.js';
export { isLockedError, lockedError } from './locked-error.js';
