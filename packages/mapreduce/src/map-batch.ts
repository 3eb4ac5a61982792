import { stringify } from '@satchel/core';
import { sandboxEntry } from './sandbox-entry.js';

/** One document's outcome in a sandboxed batch: what it emitted, or what it threw. */
export type MappedDoc = { emits: [unknown, unknown][] } | { error: unknown };

/** Maps documents in the sandbox, a bounded chunk per entry into it. */
export type MapBatch = (docs: readonly Record<string, unknown>[]) => MappedDoc[];

/**
 * Documents in the first entry into the sandbox. Each entry arms one watchdog, a thread Node
 * starts for the call (0.1 to 0.4 ms), so later chunks grow while they stay quick and small
 * (see {@link nextChunkSize}).
 */
export const MAP_CHUNK = 100;

/** The most documents one entry into the sandbox takes. */
export const MAX_MAP_CHUNK = 1600;

/** The JSON text a chunk may grow to (UTF-16 code units): a chunk's copy stays this small. */
const MAX_CHUNK_CHARS = 1 << 20;

/**
 * Time one chunk may take. CouchDB gives a query server 5 s per call; the first chunk is
 * {@link MAP_CHUNK} documents and later ones grow only while quick, so this still leaves a
 * slow map function 100 ms a document.
 */
export const MAP_CHUNK_TIMEOUT_MS = 10_000;

/**
 * The size of the next chunk after one of `size` documents took `elapsedMs` as `chars` of
 * JSON: four times larger while that chunk four times over would still take under a tenth
 * of the time a chunk may take and stay under {@link MAX_CHUNK_CHARS}, else the same. A map
 * function that is slow per document thus keeps its first chunk size, and its time budget per
 * document (a looping one is cut off in whichever chunk it loops).
 * @param size - documents in the chunk just mapped.
 * @param elapsedMs - the time it took.
 * @param chars - the length of its JSON text.
 * @param timeoutMs - the time one chunk may take.
 */
export function nextChunkSize(
  size: number,
  elapsedMs: number,
  chars: number,
  timeoutMs: number,
): number {
  const quick = elapsedMs * 4 < timeoutMs / 10;
  const small = chars * 4 <= MAX_CHUNK_CHARS;
  return quick && small ? Math.min(size * 4, MAX_MAP_CHUNK) : size;
}

/**
 * Compiles a map function's source once in a VM context of its own (Node only) and returns a
 * mapper over many documents: each chunk crosses into the sandbox once, as JSON, and runs
 * under a watchdog, so a function that never returns fails the query instead of hanging it.
 * Per document the semantics are those of a sandboxed call: a throw drops that document's
 * emits and is reported, the others are kept. Returns undefined where there is no VM (a
 * browser) or the source does not compile (the per-call path reports that per document).
 * @param source - the map function's source.
 * @param timeoutMs - the time one chunk may take.
 */
export function sandboxedMapBatch(
  source: string,
  timeoutMs: number = MAP_CHUNK_TIMEOUT_MS,
): MapBatch | undefined {
  const entry = sandboxEntry(`var __fun = (${source.replace(/;\s*$/, '')}
);
return function (docs) {
  var out = new Array(docs.length);
  for (var i = 0; i < docs.length; i++) {
    __emits = [];
    try { __fun(docs[i]); out[i] = { emits: __emits }; } catch (e) { out[i] = { error: e }; }
  }
  return out;
};`);
  if (!entry) return undefined;
  return (docs) => {
    const out: MappedDoc[] = [];
    let size = MAP_CHUNK;
    for (let start = 0; start < docs.length; ) {
      const chunk = docs.slice(start, start + size);
      const json = stringify(chunk);
      const began = performance.now();
      const reason = `map function timed out: ${chunk.length} documents took over ${timeoutMs} ms`;
      for (const one of entry(json, timeoutMs, reason) as MappedDoc[]) out.push(one);
      start += chunk.length;
      size = nextChunkSize(size, performance.now() - began, json.length, timeoutMs);
    }
    return out;
  };
}
