import type { AdapterState } from './state.js';

/**
 * Re-reads the engine's meta and version into `state`. Returns whether the store moved on
 * (another writer committed) since `state` was last loaded, and then tells
 * `state.onOutsideWrite`. Call it under the write lock.
 */
export async function reloadState(state: AdapterState): Promise<boolean> {
  const snapshot = await state.engine.reload();
  const moved = snapshot.version !== state.version;
  state.meta = snapshot.meta;
  state.version = snapshot.version;
  if (moved) state.onOutsideWrite?.();
  return moved;
}
