import type { Engine } from '@satchel/core/engine';
import { describe, it } from 'vitest';
import type { EngineCheck, EngineNeed } from './check.js';
import { atomicityChecks } from './checks-atomicity.js';
import { attachmentChecks } from './checks-attachments.js';
import { lifecycleChecks } from './checks-lifecycle.js';
import { modelChecks } from './checks-model.js';
import { orderChecks } from './checks-order.js';
import { versionChecks } from './checks-versions.js';
import { watchChecks } from './checks-watch.js';
import { writerChecks } from './checks-writers.js';
import { type CreateEngine, EngineHarness, type EngineSuiteOptions } from './harness.js';

/** Every check of the engine suite, in the order they run. */
export const engineChecks: readonly EngineCheck[] = [
  ...lifecycleChecks,
  ...versionChecks,
  ...modelChecks,
  ...orderChecks,
  ...atomicityChecks,
  ...attachmentChecks,
  ...writerChecks,
  ...watchChecks,
];

/** What the engine offers of what a check needs; the first thing missing, if any. */
function missing(engine: Engine, needs: readonly EngineNeed[] = []): EngineNeed | undefined {
  return needs.find((need) => {
    if (need === 'watch') return typeof engine.watch !== 'function';
    if (need === 'freshReads') return engine.freshReads !== true;
    if (need === 'freshBodies') return engine.freshBodies !== true && engine.freshReads !== true;
    return !engine.supports[need];
  });
}

/**
 * Runs one check against an engine, outside any test runner: resolves when the engine passes
 * it, rejects with the failed assertion otherwise, and resolves `'skipped'` when the engine
 * lacks a capability the check needs. Used to prove the suite fails broken engines.
 */
export async function runEngineCheck(
  check: EngineCheck,
  createEngine: CreateEngine,
  options: EngineSuiteOptions,
): Promise<'passed' | 'skipped'> {
  const h = new EngineHarness(createEngine, options);
  try {
    const probe = await h.open();
    if (missing(probe.engine, check.needs)) return 'skipped';
    await check.run(h);
    return 'passed';
  } finally {
    await h.cleanup();
  }
}

/**
 * Registers the engine-level suite (vitest `describe`/`it` blocks) for one engine: call it at
 * the top level of a test file. Every test opens fresh stores through `createEngine` and
 * destroys them afterwards. Tests that need a capability the engine's `supports` manifest (or
 * its optional `watch`/`freshReads`/`freshBodies`) does not offer are reported as skipped, naming it.
 *
 * @example
 * ```ts
 * const stores = new Map<string, MyStore>();
 * runEngineSuite((name) => new MyEngine(stores.get(name) ?? ...), { label: 'my engine' });
 * ```
 */
export function runEngineSuite(createEngine: CreateEngine, options: EngineSuiteOptions): void {
  describe(`engine suite: ${options.label}`, () => {
    const areas = new Map<string, EngineCheck[]>();
    for (const check of engineChecks) {
      const list = areas.get(check.area) ?? [];
      list.push(check);
      areas.set(check.area, list);
    }
    for (const [area, checks] of areas) {
      describe(area, () => {
        for (const check of checks) {
          const reason = options.skip?.[`${area}: ${check.title}`] ?? options.skip?.[area];
          if (reason !== undefined) {
            it.skip(`${check.title} [skipped: ${reason}]`, () => undefined);
            continue;
          }
          it(
            check.title,
            async (ctx) => {
              const outcome = await runEngineCheck(check, createEngine, options);
              if (outcome === 'skipped') {
                ctx.skip(`engine lacks: ${check.needs?.join(', ')}`);
              }
            },
            options.timeout,
          );
        }
      });
    }
  });
}
