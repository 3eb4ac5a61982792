import { afterEach, describe, it } from 'vitest';
import { type AdapterSuiteConfig, type Capability, hasCapability, randomName } from './config.js';
import type { SuiteConstructor, SuiteDatabase } from './types.js';

/** What every area receives: database factories and a test registrar honouring the config. */
export interface SuiteContext {
  readonly config: AdapterSuiteConfig;
  /** The constructor under test. */
  readonly Ctor: SuiteConstructor;
  /** Opens a fresh database (destroyed after the test). */
  open(opts?: Record<string, unknown>): SuiteDatabase;
  /** Opens another handle on `name` (also cleaned up after the test). */
  reopen(name: string, opts?: Record<string, unknown>): SuiteDatabase;
  /** A fresh database name (destroyed after the test if it gets opened through `reopen`). */
  freshName(): string;
  /** Whether the adapter has `capability`. */
  has(capability: Capability): boolean;
}

/** Registers one test: skipped (with the reason in its title) per config or capability. */
export type TestFn = (
  title: string,
  body: () => Promise<void>,
  needs?: Capability | Capability[],
) => void;

/** Builds the context shared by all areas of one suite run. */
export function createContext(
  config: AdapterSuiteConfig,
): SuiteContext & { cleanup(): Promise<void> } {
  const Ctor = config.Satchel as unknown as SuiteConstructor;
  const opened: { name: string; opts: Record<string, unknown>; db: SuiteDatabase }[] = [];
  const newName = config.uniqueName ?? randomName;
  const reopen = (name: string, opts: Record<string, unknown> = {}): SuiteDatabase => {
    const full = { ...config.options, ...opts };
    const db = new Ctor(name, full);
    opened.push({ name, opts: full, db });
    return db;
  };
  return {
    config,
    Ctor,
    open: (opts) => reopen(newName(), opts),
    reopen,
    freshName: newName,
    has: (capability) => hasCapability(config, capability),
    cleanup: async () => {
      const batch = opened.splice(0);
      const names = new Map(batch.map((entry) => [entry.name, entry.opts]));
      await Promise.all([...names].map(([name, opts]) => destroyQuietly(Ctor, name, opts)));
    },
  };
}

/** Destroys a database through a fresh handle; failures are ignored (the test may have done it). */
async function destroyQuietly(
  Ctor: SuiteConstructor,
  name: string,
  opts: Record<string, unknown>,
): Promise<void> {
  try {
    await new Ctor(name, opts).destroy();
  } catch {
    // Already destroyed, or the adapter cannot reopen it: nothing left to clean.
  }
}

/** Declares one area (`describe`) whose tests honour `config.skip` and the capabilities. */
export function defineArea(
  ctx: SuiteContext & { cleanup(): Promise<void> },
  area: string,
  body: (test: TestFn, ctx: SuiteContext) => void,
): void {
  describe(area, () => {
    afterEach(() => ctx.cleanup());
    body(makeTest(ctx, area), ctx);
  });
}

function makeTest(ctx: SuiteContext, area: string): TestFn {
  const skip = ctx.config.skip ?? {};
  return (title, body, needs) => {
    const reason = skip[`${area}: ${title}`] ?? skip[area];
    if (reason !== undefined) {
      it.skip(`${title} [skipped: ${reason}]`, body);
      return;
    }
    const missing = (Array.isArray(needs) ? needs : needs ? [needs] : []).filter(
      (c) => !ctx.has(c),
    );
    if (missing.length > 0) {
      it.skip(`${title} [adapter lacks: ${missing.join(', ')}]`, body);
      return;
    }
    const fromManifest = (Array.isArray(needs) ? needs : needs ? [needs] : []).filter(
      (c) => c in MANIFEST && ctx.config.capabilities?.[c] === undefined,
    );
    if (fromManifest.length === 0) {
      it(title, body);
      return;
    }
    it(title, async (t) => {
      const lacking = await lackedByManifest(ctx, fromManifest);
      if (lacking.length > 0) t.skip(`engine manifest lacks: ${lacking.join(', ')}`);
      await body();
    });
  };
}

/**
 * Capabilities an engine's `supports` manifest states, as the adapter reports it
 * (`db._adapter.supports`): a test needing one the config leaves unset asks the manifest.
 */
const MANIFEST: Partial<Record<Capability, 'purge' | 'persistent'>> = {
  purge: 'purge',
  persistence: 'persistent',
};

type Supports = Partial<Record<'purge' | 'persistent', boolean>>;
const manifests = new WeakMap<SuiteContext, Promise<Supports>>();

/** The capabilities in `needs` that the adapter's manifest says `false` to (read once). */
export async function lackedByManifest(
  ctx: SuiteContext,
  needs: Capability[],
): Promise<Capability[]> {
  let manifest = manifests.get(ctx);
  if (!manifest) {
    // A database opened once to read its adapter; the suite destroys it after the test.
    const probe = ctx.open() as { _adapter?: { supports?: Supports } };
    manifest = Promise.resolve(probe._adapter?.supports ?? {});
    manifests.set(ctx, manifest);
  }
  const supports = await manifest;
  return needs.filter((c) => {
    const key = MANIFEST[c];
    return key !== undefined && supports[key] === false;
  });
}
