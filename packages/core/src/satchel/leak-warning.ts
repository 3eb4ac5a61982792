// Internal to core, loaded on first use (occasional-code.ts): an emitter past its listener
// limit is a bug being found, not a path a page runs.

/** Warns, as Node does, that `event` has `count` listeners, past the emitter's limit. */
export function warnLeak(event: string | symbol, count: number): void {
  console.warn(
    `Possible EventEmitter memory leak detected. ${count} ${String(event)} listeners added. Use emitter.setMaxListeners() to increase limit`,
  );
}
