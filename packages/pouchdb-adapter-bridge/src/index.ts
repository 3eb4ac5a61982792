export { PouchAdapterBridge } from './bridge.js';
export { BridgedAdapter } from './bridged-adapter.js';
export { processChange } from './changes.js';
export { pouchAdapterBridge, pouchAdapterBridge as default } from './plugin.js';
export type {
  NodeCallback,
  PouchAdapterConstructor,
  PouchGetResult,
  PouchHost,
  PouchInternals,
  PouchMetadata,
} from './pouch-adapter.js';
