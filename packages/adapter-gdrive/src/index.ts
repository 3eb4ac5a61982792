/**
 * `@satchel/adapter-gdrive`: a Satchel database stored in the user's Google Drive as an
 * append-only log (adapter `gdrive`).
 *
 * @packageDocumentation
 */

export type { BackoffOptions } from './backoff.js';
export { DriveError } from './drive-error.js';
export type { DriveMeta, LogEntry, RetiredFile, SnapshotPointer } from './drive-meta.js';
export { type DriveFile, DriveTransport, type DriveTransportOptions } from './drive-transport.js';
export {
  type AdapterRegistry,
  GDriveAdapterPlugin,
  GDriveAdapterPlugin as default,
  gdriveAdapter,
} from './gdrive-adapter.js';
export { GDriveEngine } from './gdrive-engine.js';
export {
  type GDriveControls,
  type GDriveOptions,
  type GDriveSettings,
  gdriveDefaults,
} from './gdrive-options.js';
