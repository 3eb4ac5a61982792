import type { Engine, EngineSnapshot, EngineSupports, Unwatch } from '@satchel/core/engine';

/**
 * Stands in for an engine whose code is still being loaded: `open()` loads and opens the real
 * engine, then every call goes straight to it. LocalAdapter calls nothing but `open()` (and
 * `close()`/`destroy()`) before `open()` resolves; those two wait for the load.
 */
/** The engine's methods that go straight to the real engine (see the class's static block). */
const FORWARDED = [
  'reload',
  'getDocs',
  'getRevs',
  'scanDocs',
  'scanSeqs',
  'getLocal',
  'getAttachment',
  'getAttachmentRecords',
  'commit',
] as const satisfies readonly (keyof Engine)[];

// The forwarded methods, declared for the type checker; the class's static block defines them.
export interface PendingEngine extends Pick<Engine, (typeof FORWARDED)[number]> {}

// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the static block defines every member.
export class PendingEngine implements Engine {
  #loading: Promise<Engine> | undefined;
  #engine: Engine | undefined;
  readonly #load: () => Promise<Engine>;

  /**
   * @param supports - the real engine's `supports`, needed before its code is there.
   * @param load - creates the real engine (loading its code); called once, by `open()`.
   */
  constructor(
    readonly supports: EngineSupports,
    load: () => Promise<Engine>,
  ) {
    this.#load = load;
  }

  get freshReads(): boolean | undefined {
    return this.#engine?.freshReads;
  }

  get freshBodies(): boolean | undefined {
    return this.#engine?.freshBodies;
  }

  get storesBodyJson(): boolean | undefined {
    return this.#engine?.storesBodyJson;
  }

  /** The real engine; throws if used before `open()` resolved (a LocalAdapter never does). */
  get #loaded(): Engine {
    if (!this.#engine) throw new Error('the engine is used before open() resolved');
    return this.#engine;
  }

  #real(): Promise<Engine> {
    this.#loading ??= this.#load().then((engine) => {
      this.#engine = engine;
      return engine;
    });
    return this.#loading;
  }

  async open(): Promise<EngineSnapshot> {
    return (await this.#real()).open();
  }

  static {
    // The reads and the commit, on the prototype: the same call on the real engine, which
    // exists by then (LocalAdapter calls them only after `open()` resolved).
    for (const name of FORWARDED) {
      Object.defineProperty(PendingEngine.prototype, name, {
        value(this: PendingEngine, ...args: unknown[]) {
          return (this.#loaded[name] as (...args: unknown[]) => unknown)(...args);
        },
        writable: true,
        configurable: true,
      });
    }
  }

  watch(onExternalChange: () => void): Unwatch {
    const { watch } = this.#loaded;
    return watch ? watch.call(this.#engine, onExternalChange) : () => undefined;
  }

  async close(): Promise<void> {
    await (this.#engine ?? (await this.#real().catch(() => undefined)))?.close();
  }

  async destroy(): Promise<void> {
    await (await this.#real()).destroy();
  }
}
