import type { Engine, EngineSnapshot } from '@satchel/core/engine';

/**
 * Creates an engine over the store called `name`. Two calls with the same name give engines
 * over the same store (at once when the engine `supports.externalWrites`, else one after the
 * other closed); different names give separate stores.
 */
export type CreateEngine = (name: string) => Engine | Promise<Engine>;

/** How {@link runEngineSuite} runs. */
export interface EngineSuiteOptions {
  /** Shown in the top-level `describe`, e.g. `'memory engine'`. */
  label: string;
  /** fast-check runs of the random-batch model check (default 40). */
  numRuns?: number;
  /** How long `watch` may take to report another engine's commit, in ms (default 2000). */
  watchTimeout?: number;
  /** Per-test timeout in ms for slow stores (default: vitest's). */
  timeout?: number;
  /**
   * Tests to skip, each with its reason: keys are `'<area>: <test title>'` or `'<area>'`.
   * Skipped tests show up as skipped with the reason in their title.
   */
  skip?: Record<string, string>;
}

/** An engine the harness opened, and what `open()` returned. */
export interface Opened {
  engine: Engine;
  snapshot: EngineSnapshot;
}

let counter = 0;

/**
 * What one test works with: fresh store names, engines opened on them, and a clean-up that
 * closes every engine and destroys every store the test used.
 */
export class EngineHarness {
  private readonly opened: { name: string; engine: Engine; closed: boolean }[] = [];

  constructor(
    private readonly create: CreateEngine,
    readonly options: EngineSuiteOptions,
  ) {}

  /** A store name no other test uses. */
  name(): string {
    counter += 1;
    return `engine-suite-${Date.now().toString(36)}-${counter}`;
  }

  /** Creates and opens an engine on store `name` (a fresh store by default). */
  async open(name = this.name()): Promise<Opened & { name: string }> {
    const engine = await this.create(name);
    const entry = { name, engine, closed: false };
    this.opened.push(entry);
    const snapshot = await engine.open();
    return { name, engine, snapshot };
  }

  /** Closes an engine opened here (and remembers it is closed). */
  async close(engine: Engine): Promise<void> {
    const entry = this.opened.find((e) => e.engine === engine);
    if (entry) entry.closed = true;
    await engine.close();
  }

  /** Closes every engine still open, then destroys each store through one engine on it. */
  async cleanup(): Promise<void> {
    const names = new Set(this.opened.map((e) => e.name));
    for (const entry of this.opened.reverse()) {
      if (!entry.closed) await entry.engine.close().catch(() => undefined);
    }
    for (const name of names) {
      try {
        const engine = await this.create(name);
        await engine.open();
        await engine.destroy();
      } catch {
        // A store the test destroyed itself may refuse to reopen; nothing is left to remove.
      }
    }
  }
}
