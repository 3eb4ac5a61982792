// The constructor apps use, in a file of its own: the barrel (index.ts) then only re-exports,
// so bundles that import one helper through it (a plugin's chunk loaded on first use) do not
// reach the whole database class and share it in a chunk of its own.
import { callable } from './callable.js';
import { Satchel } from './satchel.js';

/**
 * The Satchel constructor: `new Satchel(name, opts)` or `Satchel(name, opts)`, with PouchDB 9's
 * statics (`plugin`, `adapter`, `defaults`, `preferredAdapters`, events, …).
 */
const CallableSatchel = /* @__PURE__ */ callable(Satchel);
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
