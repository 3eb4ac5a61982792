/**
 * Map/reduce views for Satchel: `db.query` and `db.viewCleanup`, with PouchDB 9's options,
 * built-in reduces and errors.
 *
 * This is the Node entry: the API of `browser.ts`, with view functions given as source run in a
 * `node:vm` context of their own, as PouchDB runs them on Node. It is listed in `sideEffects`
 * so that bundlers keep the installation below.
 *
 * @packageDocumentation
 */

import { nodeSandbox } from './node-sandbox.js';
import { installSandbox } from './sandbox.js';

installSandbox(nodeSandbox);

export * from './browser.js';
export { default } from './browser.js';
