import type { Callback, Satchel } from '@satchel/core';
import { ChangesFeed } from './changes-feed.js';
import type { ChangesComplete, ChangesOptions } from './types.js';

/**
 * `db.changes(opts?, callback?)`: the changes feed with PouchDB 9's options, events and result.
 * Returns a {@link ChangesFeed}: listen to `change`/`complete`/`error`, `await` it, iterate it
 * with `for await`, and `cancel()` it.
 */
export function changes<T extends object = object>(
  this: Satchel,
  opts?: ChangesOptions<T> | Callback<ChangesComplete<T>> | null,
  callback?: Callback<ChangesComplete<T>>,
): ChangesFeed<T> {
  if (typeof opts === 'function') return new ChangesFeed<T>(this, {}, opts);
  return new ChangesFeed<T>(this, opts ?? {}, callback);
}

/**
 * The plugin: `Satchel.plugin(changesPlugin)` adds `changes` to every database of that
 * constructor (and of constructors made from it with `defaults`).
 */
export function changesPlugin(ctor: { prototype: object }): void {
  (ctor.prototype as { changes?: unknown }).changes = changes;
}

/** The methods this plugin adds to a database. */
export interface ChangesMethods<Content extends object = object> {
  /**
   * The changes feed (installed by `@satchel/changes`); see {@link ChangesOptions}.
   * @example
   * const feed = db.changes<Todo>({ live: true, since: 'now', include_docs: true })
   *   .on('change', (change) => console.log(change.doc?.title));
   * feed.cancel();
   */
  changes<T extends object = Content>(
    opts?: ChangesOptions<T> | null,
    callback?: Callback<ChangesComplete<T>>,
  ): ChangesFeed<T>;
  changes<T extends object = Content>(callback: Callback<ChangesComplete<T>>): ChangesFeed<T>;
}

/*
 * Typing `db.changes` on every Satchel instance. `Satchel` is exported by core as a const plus a
 * type alias, and neither can be merged into; the class itself lives in a module no package
 * path reaches. So core is asked to merge an empty, exported `SatchelPlugins` interface into
 * the class (`export interface Satchel extends SatchelPlugins {}` next to the class), which
 * plugins extend. Until core has it, this declaration is inert (TypeScript accepts it).
 */
declare module '@satchel/core' {
  interface SatchelPlugins<Content extends object = object> extends ChangesMethods<Content> {}
}
