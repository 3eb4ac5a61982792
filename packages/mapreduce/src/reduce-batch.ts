import { stringify } from '@satchel/core';
import { MAP_CHUNK_TIMEOUT_MS } from './map-batch.js';
import { sandboxEntry } from './sandbox-entry.js';

/** One group's outcome in a sandboxed batch: what the reduce returned, or what it threw. */
export type ReducedGroup = { result: unknown } | { error: unknown };

/** Reduces groups, each `[keys, values]`, in the sandbox: a bounded chunk per entry into it. */
export type ReduceBatch = (groups: readonly [unknown[], unknown[]][]) => ReducedGroup[];

/**
 * Groups per entry into the sandbox. Each entry arms one watchdog (a thread, 0.1 to 0.4 ms),
 * too dear for every group of a `group: true` query.
 */
export const REDUCE_CHUNK = 100;

/**
 * Compiles a custom reduce function's source once in a VM context of its own (Node only) and
 * returns a reducer over many groups, called as `fun(keys, values, false)` on JSON copies. Each
 * chunk of groups runs under a watchdog, so a reduce that never returns fails the query instead
 * of hanging the process, as map functions do. Per group the semantics are those of a
 * sandboxed call: a throw is that group's outcome. Returns undefined where there is no VM or
 * the source does not compile (the per-call path reports that per group).
 * @param source - the reduce function's source, trailing `;` removed.
 * @param timeoutMs - the time one chunk may take.
 */
export function sandboxedReduceBatch(
  source: string,
  timeoutMs: number = MAP_CHUNK_TIMEOUT_MS,
): ReduceBatch | undefined {
  const entry = sandboxEntry(`var __fun = (${source}
);
return function (groups) {
  var out = new Array(groups.length);
  for (var i = 0; i < groups.length; i++) {
    try { out[i] = { result: __fun(groups[i][0], groups[i][1], false) }; } catch (e) { out[i] = { error: e }; }
  }
  return out;
};`);
  if (!entry) return undefined;
  return (groups) => {
    const out: ReducedGroup[] = [];
    for (let start = 0; start < groups.length; start += REDUCE_CHUNK) {
      const chunk = groups.slice(start, start + REDUCE_CHUNK);
      const reason = `reduce function timed out: ${chunk.length} groups took over ${timeoutMs} ms`;
      for (const one of entry(stringify(chunk), timeoutMs, reason) as ReducedGroup[]) out.push(one);
    }
    return out;
  };
}
