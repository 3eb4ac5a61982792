/**
 * Start/stop helpers for the real servers Satchel's tests talk to.
 * @packageDocumentation
 */
export { type CouchServer, startCouchServer } from './couch-server.js';
export { couchUrl, useCouchServer } from './couch-url.js';
export {
  type FaultProxy,
  type FaultProxyOptions,
  type FaultRule,
  startFaultProxy,
} from './fault-proxy.js';
export { startSatchelServer } from './satchel-server.js';
