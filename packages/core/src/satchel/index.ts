import { callable } from './callable.js';
import { Satchel } from './satchel.js';

export { type ActiveTask, ActiveTasks } from './active-tasks.js';
export { callable } from './callable.js';
export { ConstructorEvents } from './constructor-events.js';
export type { DatabaseSurface } from './database-surface.js';
export { EventEmitter, type Listener } from './event-emitter.js';
export type { SatchelOptions } from './options.js';
export {
  isPouchAdapterFunction,
  type PouchAdapterFunction,
  type PouchAdapterRunner,
  type RegisteredAdapter,
} from './pouch-adapters.js';
export type { SatchelPlugins } from './satchel.js';
export { TaskQueue } from './task-queue.js';
export { upsertLocal } from './upsert-local.js';
export { type Callback, optsAndCallback, withCallback } from './with-callback.js';
export { type WriteCounter, writeCounter } from './write-counter.js';
export type { PutOptions, RemoveOptions } from './write-methods.js';

/**
 * The Satchel constructor: `new Satchel(name, opts)` or `Satchel(name, opts)`, with PouchDB 9's
 * statics (`plugin`, `adapter`, `defaults`, `preferredAdapters`, events, …).
 */
const CallableSatchel = callable(Satchel);
/**
 * A Satchel database instance; `Satchel<Todo>` is one whose documents are `Todo`s, as
 * `new Satchel<Todo>(name)` makes it (`get`, `allDocs`, `changes`, `find` and `query` then give
 * `Todo & {_id, _rev}`), as `PouchDB.Database<Todo>` in @types/pouchdb.
 */
type CallableSatchel<Content extends object = object> = Satchel<Content>;

// Exported under the class's own name, and the class keeps it: declaration bundling then has one
// declaration called `Satchel` (the class) and users' type errors and hovers say `Satchel<Todo>`,
// never a bundler-made `Satchel$1`.
export { CallableSatchel as Satchel };
/** The constructor type, for plugins that receive it. */
export type SatchelConstructor = typeof CallableSatchel;
