import type { DocumentTest } from './types.js';

interface Entry {
  readonly fingerprint: string;
  readonly test: DocumentTest;
}

const entries = new WeakMap<object, Entry>();

/**
 * The compiled test of `selector`, reused while the selector object still has the same content.
 *
 * Feeds call a matcher once per document with the same selector object; compiling each time
 * (as PouchDB re-massages each time) costs far more than testing. Entries are keyed by the
 * selector object and checked against a fingerprint of its content, so a selector changed in
 * place between calls is recompiled, never answered from a stale entry. A selector without a
 * fingerprint (cyclic, too deep for `JSON.stringify`, holding a bigint) is compiled every time.
 * @param selector - the selector object.
 * @param compile - compiles it (validating first); its errors are not cached.
 */
export function cachedTest(selector: object, compile: () => DocumentTest): DocumentTest {
  const fingerprint = fingerprintOf(selector);
  if (fingerprint === undefined) return compile();
  const hit = entries.get(selector);
  if (hit !== undefined && hit.fingerprint === fingerprint) return hit.test;
  const test = compile();
  entries.set(selector, { fingerprint, test });
  return test;
}

/**
 * JSON of the selector, with what JSON would blur kept apart: regular expressions (as source
 * and flags) and non-finite numbers.
 */
function fingerprintOf(selector: object): string | undefined {
  try {
    return JSON.stringify(selector, distinguish);
  } catch {
    return undefined;
  }
}

function distinguish(_key: string, value: unknown): unknown {
  if (typeof value === 'number') return Number.isFinite(value) ? value : `\u0000${value}`;
  if (value instanceof RegExp) return `\u0000/${value.source}/${value.flags}`;
  return value;
}
