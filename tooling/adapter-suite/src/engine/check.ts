import type { DocRecord, EngineSupports } from '@satchel/core/engine';
import type { EngineHarness } from './harness.js';

/** What a check needs beyond the contract's required methods. */
export type EngineNeed = keyof EngineSupports | 'watch' | 'freshReads' | 'freshBodies';

/** One test of the engine suite. */
export interface EngineCheck {
  /** The `describe` it belongs to, and the first half of its `skip` key. */
  area: string;
  title: string;
  /** Capabilities the check needs; without one it is reported as skipped, naming it. */
  needs?: EngineNeed[];
  run(h: EngineHarness): Promise<void>;
}

/** A document record with an empty tree: engines store records, they never read the tree. */
export function record(id: string, seq = 1, winningRev = '1-a'): DocRecord {
  return { id, rev_tree: [], winningRev, deleted: false, seq };
}

/** Resolves after `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
