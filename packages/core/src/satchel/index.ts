import { callable } from './callable.js';
import { Satchel as SatchelClass } from './satchel.js';

export { ActiveTasks, type ActiveTask } from './active-tasks.js';
export { EventEmitter, type Listener } from './event-emitter.js';
export type { SatchelOptions } from './options.js';
export { type PutOptions, type RemoveOptions, upsertLocal } from './satchel.js';
export { TaskQueue } from './task-queue.js';
export { type Callback, withCallback, optsAndCallback } from './with-callback.js';
export { callable } from './callable.js';

/**
 * The Satchel constructor: `new Satchel(name, opts)` or `Satchel(name, opts)`, with PouchDB 9's
 * statics (`plugin`, `adapter`, `defaults`, `preferredAdapters`, events, …).
 */
export const Satchel = callable(SatchelClass);
/** A Satchel database instance. */
export type Satchel = SatchelClass;
/** The constructor type, for plugins that receive it. */
export type SatchelConstructor = typeof Satchel;
