export {
  availableRevs,
  importedDocRecord,
  type MigrationStats,
  storedBody,
} from './imported-records.js';
export { LocalAdapter } from './local-adapter.js';
export {
  createLocalAdapterFactory,
  type LocalAdapterFactoryOptions,
  settingsFromOptions,
} from './local-adapter-factory.js';
export { parseRev, type RevParts } from './rev-info.js';
export { SharedAdapters } from './shared-adapters.js';
export {
  type ConflictRetrySettings,
  type LocalAdapterSettings,
  localAdapterDefaults,
} from './state.js';
