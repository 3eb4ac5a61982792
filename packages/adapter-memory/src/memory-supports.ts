import type { EngineSupports } from '@satchel/core/engine';

/**
 * What the memory engine supports: other engines may share its data, scans are native, data
 * outlives the engine by name. Known before the engine code is loaded (see `PendingEngine`).
 */
export const memorySupports: Readonly<EngineSupports> = {
  externalWrites: true,
  sortedScans: true,
  purge: true,
  persistent: true,
};
