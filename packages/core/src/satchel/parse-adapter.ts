import type { SatchelOptions } from './options.js';

/** The adapter a database will use and the name it is stored under. */
export interface PickedAdapter {
  adapter: string | undefined;
  name: string;
}

/**
 * A scheme and what follows it, anywhere in the name: PouchDB looks for it after putting the
 * `prefix` option in front, so `'./tmp/_pouch_' + 'http://host/db'` is still the URL.
 */
const URL_NAME = /([a-z-]*):\/\/(.*)/;

/**
 * Picks the adapter as PouchDB does: a URL's scheme names it (`http://…` → `http`, whatever
 * `prefix` stands before it), else the `adapter` option, else the first preferred adapter. Adapters that use a prefix (PouchDB's
 * `use_prefix`, true unless an adapter says otherwise) store the name with `storagePrefix`.
 */
export function parseAdapter(
  name: string,
  opts: SatchelOptions,
  adapters: Readonly<Record<string, { use_prefix?: boolean }>>,
  preferred: readonly string[],
  storagePrefix: string,
): PickedAdapter {
  const match = URL_NAME.exec(name);
  if (match) {
    const scheme = match[1] ?? '';
    return {
      name: /https?/.test(scheme) ? `${scheme}://${match[2]}` : (match[2] ?? ''),
      adapter: scheme,
    };
  }
  const adapter = opts.adapter ?? preferred[0];
  const factory = adapter ? adapters[adapter] : undefined;
  const usePrefix = factory?.use_prefix ?? true;
  return { name: usePrefix ? storagePrefix + name : name, adapter };
}
