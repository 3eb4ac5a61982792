import { describe } from 'vitest';
import { allDocs } from './all-docs.js';
import { attachments } from './attachments.js';
import { basics } from './basics.js';
import { bulkDocs } from './bulk-docs.js';
import { bulkGet } from './bulk-get.js';
import { changes } from './changes.js';
import { compaction } from './compaction.js';
import { concurrency } from './concurrency.js';
import type { AdapterSuiteConfig } from './config.js';
import { conflicts } from './conflicts.js';
import { createContext, defineArea, type SuiteContext, type TestFn } from './context.js';
import { designDocs } from './design-docs.js';
import { getOptions } from './get-options.js';
import { info } from './info.js';
import { lifecycle } from './lifecycle.js';
import { localDocs } from './local-docs.js';
import { parity } from './parity.js';
import { purge } from './purge.js';
import { revsDiff } from './revs-diff.js';
import { revsLimit } from './revs-limit.js';

export { PouchErrors } from './assertions.js';
export type { AdapterSuiteConfig, AnyConstructor, Capabilities, Capability } from './config.js';
export { hasCapability, randomName } from './config.js';
export type * from './types.js';

/** Every area of the suite, by the name used in `describe` and in `config.skip` keys. */
export const AREAS: Record<string, (test: TestFn, ctx: SuiteContext) => void> = {
  basics,
  'bulk-docs': bulkDocs,
  'get-options': getOptions,
  'all-docs': allDocs,
  conflicts,
  'revs-limit': revsLimit,
  compaction,
  'local-docs': localDocs,
  'design-docs': designDocs,
  'revs-diff': revsDiff,
  'bulk-get': bulkGet,
  info,
  purge,
  attachments,
  lifecycle,
  concurrency,
  changes,
  parity,
};

/** Whether the constructor's instances have a `changes` method (a plugin adds it). */
function hasChangesMethod(config: AdapterSuiteConfig): boolean {
  const proto = (config.Satchel as unknown as { prototype?: object }).prototype;
  return proto !== undefined && typeof (proto as { changes?: unknown }).changes === 'function';
}

/**
 * Registers the behavioural suite (vitest `describe`/`it` blocks) for one adapter. Call it at
 * the top level of a test file:
 *
 * @example
 * ```ts
 * runAdapterSuite({ label: 'memory', Satchel, options: { adapter: 'memory' } });
 * ```
 */
export function runAdapterSuite(config: AdapterSuiteConfig): void {
  const ctx = createContext(config);
  const withChanges = config.capabilities?.changes ?? hasChangesMethod(config);
  describe(`adapter suite: ${config.label}`, () => {
    for (const [area, body] of Object.entries(AREAS)) {
      if (area === 'changes' && !withChanges) continue;
      defineArea(ctx, area, body);
    }
  });
}
export * from './engine/index.js';
