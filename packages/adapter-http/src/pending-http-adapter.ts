import type { Adapter } from '@satchel/core';
import { onFirstUse } from '@satchel/core';
import type { HttpAdapter } from './http-adapter.js';
import type { HttpAdapterOptions } from './http-options.js';

/**
 * The client and the adapter (requests, errors, cookies, the changes feed) are loaded when the
 * first remote database is opened, with `import()`, so that bundlers splitting chunks keep them
 * out of what every page loads: many pages only ever use local databases.
 */
const adapterCode = onFirstUse(() => import('./http-adapter.js'));

/**
 * The options as they are now: the adapter reads them once its code is there, and the caller's
 * objects may have changed by then (the real adapter copies its headers when it is created).
 */
function snapshot(opts: HttpAdapterOptions): HttpAdapterOptions {
  return opts.headers ? { ...opts, headers: { ...opts.headers } } : { ...opts };
}

/** A new http adapter: the adapter itself once its code is loaded, before that a stand-in. */
export function newHttpAdapter(opts: HttpAdapterOptions): Adapter {
  const code = adapterCode.loaded;
  return code ? new code.HttpAdapter(opts) : new PendingHttpAdapter(snapshot(opts));
}

/**
 * A database opened before the adapter's code was loaded: every call waits for the code, then
 * goes to the real adapter, in the order the calls were made; once it exists, calls go straight
 * to it. The contract's methods are all asynchronous, so this is only seen as the calls made
 * while the code loads taking a little longer.
 */
/** The contract's methods, each forwarded as it is called (see the class's static block). */
const FORWARDED = [
  'ready',
  'info',
  'id',
  'get',
  'bulkDocs',
  'allDocs',
  'changes',
  'revsDiff',
  'bulkGet',
  'getAttachment',
  'putAttachment',
  'removeAttachment',
  'compact',
  'purge',
  'fetch',
  'close',
  'destroy',
] as const satisfies readonly (keyof HttpAdapter)[];

// The forwarded methods, declared for the type checker; the class's static block defines them.
// biome-ignore lint/correctness/noUnusedVariables: merged into the class below.
interface PendingHttpAdapter extends Pick<HttpAdapter, (typeof FORWARDED)[number]> {}

// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the static block defines every member.
class PendingHttpAdapter implements Adapter {
  readonly type = 'http';
  readonly serverChanges = true;
  readonly #adapter: Promise<HttpAdapter>;
  /** The real adapter once created: calls then go straight to it, with no step in between. */
  #real: HttpAdapter | undefined;

  constructor(opts: HttpAdapterOptions) {
    this.#adapter = adapterCode.load().then((code) => {
      this.#real = new code.HttpAdapter(opts);
      return this.#real;
    });
    // A failed load is reported by each call; never as an unhandled rejection.
    this.#adapter.catch(() => undefined);
  }

  /** Calls the real adapter: at once when it exists, else once it does (in call order). */
  #use<T>(call: (adapter: HttpAdapter) => Promise<T>): Promise<T> {
    return this.#real ? call(this.#real) : this.#adapter.then(call);
  }

  static {
    // Each method of the contract, on the prototype: the same call on the real adapter.
    for (const name of FORWARDED) {
      Object.defineProperty(PendingHttpAdapter.prototype, name, {
        value(this: PendingHttpAdapter, ...args: unknown[]) {
          return this.#use((a) => (a[name] as (...args: unknown[]) => Promise<unknown>)(...args));
        },
        writable: true,
        configurable: true,
      });
    }
  }
}
