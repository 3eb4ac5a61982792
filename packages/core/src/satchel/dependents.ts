import type { SatchelOptions } from './options.js';
import type { Satchel } from './satchel.js';
import { upsertLocal } from './upsert-local.js';

/** Where a database lists its dependent databases (view indexes), as PouchDB keeps them. */
const DEPENDENTS_ID = '_local/_pouch_dependentDbs';

/**
 * Destroys the databases `db` lists as dependent on it (its view indexes), opened with its
 * constructor and options. A database without that list has none.
 */
export async function destroyDependents(db: Satchel): Promise<void> {
  let doc: { dependentDbs?: Record<string, boolean> };
  try {
    doc = (await db.get(DEPENDENTS_ID)) as { dependentDbs?: Record<string, boolean> };
  } catch {
    return;
  }
  const Ctor = db.constructor as typeof Satchel;
  await Promise.all(
    Object.keys(doc.dependentDbs ?? {}).map((name) =>
      new Ctor(name, { ...db.__opts, name: undefined }).destroy(),
    ),
  );
}

/**
 * Opens `name` with the constructor and options of `db` (its `view_adapter`, if any) and
 * lists it as dependent on `db`, so that destroying `db` destroys it too.
 */
export async function registerDependent(db: Satchel, name: string): Promise<{ db: Satchel }> {
  const Ctor = db.constructor as typeof Satchel;
  const depOpts: SatchelOptions = { ...db.__opts };
  if (db.__opts.view_adapter) depOpts.adapter = db.__opts.view_adapter;
  const dependent = new Ctor(name, depOpts);
  await upsertLocal(db, DEPENDENTS_ID, (doc) => {
    const deps = (doc.dependentDbs as Record<string, boolean> | undefined) ?? {};
    if (deps[name]) return false;
    doc.dependentDbs = { ...deps, [name]: true };
    return true;
  });
  return { db: dependent };
}
