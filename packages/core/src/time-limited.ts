import { SatchelError } from './errors.js';

/** Runs a synchronous function to its end or until its time is up. */
export type TimeLimitedRunner = <T>(run: () => T) => T;

/** The part of Node's `vm` module a time limit needs. */
interface Vm {
  createContext(sandbox: object): object;
  Script: new (
    code: string,
  ) => { runInContext(context: object, options: { timeout: number }): unknown };
}

/**
 * The database option that bounds Mango matching with `$regex` (see {@link selectorTimeLimitMs}).
 * JavaScript regular expressions backtrack, and some patterns take exponential time on short
 * input: one such pattern in a request would stall a server for good.
 */
export const SELECTOR_TIME_LIMIT_OPTION = 'selector_time_limit';

/**
 * A runner that stops a synchronous call taking longer than `ms` with a 400 `bad_request`,
 * through Node's `vm` watchdog, which interrupts whatever JavaScript the call runs (a regular
 * expression's backtracking included). Undefined where there is no `vm` (browsers), where such
 * code runs unbounded, as in PouchDB. Each call arms a watchdog thread (about 0.1 ms): callers
 * run a page of work per call, not one item.
 * @param ms - the time one call may take.
 * @param what - what was stopped, for the error's message.
 */
export function timeLimitedRunner(ms: number, what: string): TimeLimitedRunner | undefined {
  const entry = vmEntry();
  if (!entry) return undefined;
  const { context, script } = entry;
  return <T>(run: () => T): T => {
    // Set for this call only: a call made inside `run` sets its own and clears it after.
    context.run = run;
    try {
      return script.runInContext(context, { timeout: ms }) as T;
    } catch (err) {
      if ((err as { code?: unknown } | null)?.code !== 'ERR_SCRIPT_EXECUTION_TIMEOUT') throw err;
      // The message says it all (not the template's): a changes filter quotes only that.
      const error = new SatchelError(400, 'bad_request', `${what} took over ${ms} ms`);
      error.reason = error.message;
      throw error;
    } finally {
      context.run = undefined;
    }
  };
}

/** A VM context holding nothing but the call slot, and the script that makes the call. */
interface VmEntry {
  context: { run: unknown };
  script: InstanceType<Vm['Script']>;
}

/**
 * One context for every runner, made on first need: a context costs about half a millisecond
 * and some memory, and a server makes a runner per request. It holds no state between calls.
 */
let sharedEntry: VmEntry | undefined;

function vmEntry(): VmEntry | undefined {
  if (sharedEntry) return sharedEntry;
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const vm = proc?.getBuiltinModule?.('node:vm') as Vm | undefined;
  if (!vm) return undefined;
  const context = vm.createContext({ run: undefined }) as { run: unknown };
  sharedEntry = { context, script: new vm.Script('run()') };
  return sharedEntry;
}

/**
 * The time limit (ms) Mango matching of `selector` runs under on a database: the database's
 * `selector_time_limit` (`@satchel/server` sets one) when the selector holds a `$regex`, the
 * one operator whose cost does not grow with the document alone. Undefined otherwise: matching
 * runs directly, as in PouchDB (and {@link selectorTimeLimit} makes no `vm` context).
 * @param options - the database's options (`db.__opts`).
 * @param selectorJson - the selector's JSON text.
 */
export function selectorTimeLimitMs(
  options: Readonly<Record<string, unknown>>,
  selectorJson: string,
): number | undefined {
  const ms = options[SELECTOR_TIME_LIMIT_OPTION];
  return typeof ms === 'number' && ms > 0 && selectorJson.includes('"$regex"') ? ms : undefined;
}

/**
 * The runner Mango matching goes through under a limit of `ms` (see {@link selectorTimeLimitMs});
 * undefined where there is no `vm`.
 * @param ms - the time one call (a page of documents, or one change) may take.
 */
export function selectorTimeLimit(ms: number): TimeLimitedRunner | undefined {
  return timeLimitedRunner(
    ms,
    'Matching documents against the selector (a $regex pattern may backtrack without end)',
  );
}
