import { SatchelError } from '@satchel/core';
import { SANDBOX_PRELUDE, vm } from './sandbox-vm.js';

/**
 * Calls into a function compiled in a VM context of its own with `json`, the JSON text of its
 * argument (made with core's `stringify`, so a document nested past the native serialiser's
 * recursion still goes in: the sandbox's `JSON.parse` is not recursive). Each call runs under a
 * watchdog; past `timeoutMs` it throws CouchDB's `os_process_error` (500) with `reason`.
 */
export type SandboxEntry = (json: string, timeoutMs: number, reason: string) => unknown;

/** Whether `err` is the VM's watchdog firing. */
function isVmTimeout(err: unknown): boolean {
  return (err as { code?: unknown } | null)?.code === 'ERR_SCRIPT_EXECUTION_TIMEOUT';
}

/**
 * Compiles `body` (statements after the sandbox prelude, ending in `return` of a function of
 * one parsed JSON argument) once in a fresh VM context (Node only), so that a design function
 * that never returns fails the query instead of hanging the process. Undefined where there is
 * no VM (a browser) or the code does not compile.
 * @param body - the code returning the function.
 */
export function sandboxEntry(body: string): SandboxEntry | undefined {
  if (!vm) return undefined;
  const code = `(function () {${SANDBOX_PRELUDE}
${body}
})()`;
  const context = vm.createContext(Object.create(null)) as { __run?: unknown; __json?: string };
  try {
    context.__run = vm.runInContext(code, context);
  } catch {
    return undefined;
  }
  // Compiled once: each call then only runs it (a string would be looked up or compiled anew).
  const call = new vm.Script('__run(JSON.parse(__json))');
  return (json, timeoutMs, reason) => {
    context.__json = json;
    try {
      return call.runInContext(context, { timeout: timeoutMs });
    } catch (err) {
      throw isVmTimeout(err) ? new SatchelError(500, 'os_process_error', reason) : err;
    } finally {
      context.__json = undefined;
    }
  };
}
