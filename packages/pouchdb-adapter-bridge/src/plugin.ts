import type { PouchAdapterRunner } from '@satchel/core';
import { PouchAdapterBridge } from './bridge.js';

/**
 * The Satchel plugin that lets PouchDB adapters run: after
 * `Satchel.plugin(pouchAdapterBridge)`, an adapter registered the PouchDB way
 * (`Satchel.adapter('memory', MemDownPouch)`, or `Satchel.plugin(require('pouchdb-adapter-memory'))`)
 * opens through the bridge.
 */
export function pouchAdapterBridge(ctor: { pouchAdapterRunner?: PouchAdapterRunner }): void {
  if (!ctor.pouchAdapterRunner) ctor.pouchAdapterRunner = new PouchAdapterBridge();
}
