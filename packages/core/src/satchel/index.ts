import { callable } from './callable.js';
import { Satchel as SatchelClass } from './satchel.js';

export { type ActiveTask, ActiveTasks } from './active-tasks.js';
export { callable } from './callable.js';
export { EventEmitter, type Listener } from './event-emitter.js';
export type { SatchelOptions } from './options.js';
export {
  isPouchAdapterFunction,
  type PouchAdapterFunction,
  type PouchAdapterRunner,
  type RegisteredAdapter,
} from './pouch-adapters.js';
export {
  type PutOptions,
  type RemoveOptions,
  type SatchelPlugins,
  upsertLocal,
} from './satchel.js';
export { TaskQueue } from './task-queue.js';
export { type Callback, optsAndCallback, withCallback } from './with-callback.js';

/**
 * The Satchel constructor: `new Satchel(name, opts)` or `Satchel(name, opts)`, with PouchDB 9's
 * statics (`plugin`, `adapter`, `defaults`, `preferredAdapters`, events, …).
 */
export const Satchel = callable(SatchelClass);
/** A Satchel database instance. */
export type Satchel = SatchelClass;
/** The constructor type, for plugins that receive it. */
export type SatchelConstructor = typeof Satchel;
