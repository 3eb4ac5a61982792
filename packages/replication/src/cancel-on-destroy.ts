import type { Replication } from './replication.js';
import type { ReplicationDb } from './types.js';

/**
 * Destroying either database cancels the replication, as in PouchDB. Watched from the moment
 * the replication is created, before its code is loaded (see start-replication.ts).
 * @returns what stops watching.
 */
export function cancelOnDestroy(
  src: ReplicationDb,
  target: ReplicationDb,
  rep: Replication,
): () => void {
  const onDestroy = (): void => rep.cancel();
  src.once?.('destroyed', onDestroy);
  target.once?.('destroyed', onDestroy);
  return () => {
    src.removeListener?.('destroyed', onDestroy);
    target.removeListener?.('destroyed', onDestroy);
  };
}
