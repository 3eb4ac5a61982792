export { LocalAdapter } from './local-adapter.js';
export { checkDocId } from './parse-doc.js';
export { isValidRev, parseRev, type RevParts } from './rev-info.js';
export { SharedAdapters } from './shared-adapters.js';
export { type LocalAdapterSettings, localAdapterDefaults } from './state.js';
