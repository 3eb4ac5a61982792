import type { Adapter } from '../adapter/adapter.js';

/** How many writes a database's adapter has announced; see {@link writeCounter}. */
export interface WriteCounter {
  readonly count: number;
}

/** One counter per adapter (database handles of one name share their adapter). */
const counters = new WeakMap<Adapter, { count: number }>();

/**
 * A counter that grows with every write the database's adapter announces through `onChange`
 * (document writes and purges, local or, where the engine watches, made elsewhere), or
 * `undefined` for an adapter that announces nothing. Secondary indexes use it to skip the
 * "anything new?" round trip to the source: a counter that has not moved since the index was
 * last brought up to date means there is nothing to read. Read the count BEFORE reading the
 * source, so a write racing the update moves it past what was recorded.
 * @param db - a database (anything with its `_adapter`).
 */
export function writeCounter(db: { readonly _adapter: Adapter }): WriteCounter | undefined {
  const adapter = db._adapter;
  if (typeof adapter.onChange !== 'function') return undefined;
  let counter = counters.get(adapter);
  if (!counter) {
    const created = { count: 0 };
    adapter.onChange(() => {
      created.count++;
    });
    counters.set(adapter, created);
    counter = created;
  }
  return counter;
}
