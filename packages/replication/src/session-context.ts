import type { NormalizedOptions } from './options.js';
import type { Replication } from './replication.js';
import type { ReplicationDb } from './types.js';

/** Everything one attempt needs. */
export interface SessionContext {
  src: ReplicationDb;
  target: ReplicationDb;
  opts: NormalizedOptions;
  rep: Replication;
  /** Progress of an earlier attempt of the same replication: resume here. */
  resumeSeq: number | string | undefined;
  /** Makes the attempt's checkpoint session id (core's `replicationSessionId`). */
  sessionId: () => string;
}
