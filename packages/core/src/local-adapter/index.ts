export { LocalAdapter } from './local-adapter.js';
export { parseRev, type RevParts } from './rev-info.js';
export { SharedAdapters } from './shared-adapters.js';
export { type LocalAdapterSettings, localAdapterDefaults } from './state.js';
