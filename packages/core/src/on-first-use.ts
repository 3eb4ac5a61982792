/**
 * Code split off with `import()` and loaded the first time it is needed: how plugins and
 * adapters keep what most pages never run (a query planner, a protocol, an engine) out of what
 * bundlers load up front. Callers check `loaded` first, so that once the code is there a call
 * starts at once, with no step in between, as if it had never been split off.
 */
export interface OnFirstUse<T> {
  /** The code, once loaded. */
  readonly loaded: T | undefined;
  /** The load under way, if one is: calls that must stay behind one waiting for it wait on it. */
  readonly loading: Promise<T> | undefined;
  /**
   * Loads the code: calls made while it loads share one load, and a failed load is tried
   * again by the next call.
   */
  load(): Promise<T>;
}

/**
 * Wraps a loader (`() => import('./code.js')`, a literal specifier, so that bundlers see the
 * split) as code loaded on first use.
 * @param load - loads the code.
 */
export function onFirstUse<T>(load: () => Promise<T>): OnFirstUse<T> {
  let loaded: T | undefined;
  let loading: Promise<T> | undefined;
  return {
    get loaded() {
      return loaded;
    },
    get loading() {
      return loaded === undefined ? loading : undefined;
    },
    load() {
      if (loaded !== undefined) return Promise.resolve(loaded);
      loading ??= load().then(
        (code) => {
          loaded = code;
          return code;
        },
        (error: unknown) => {
          loading = undefined;
          throw error;
        },
      );
      return loading;
    },
  };
}
