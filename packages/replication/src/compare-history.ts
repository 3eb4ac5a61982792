/** One entry of a checkpoint's history. */
export interface HistoryEntry {
  session_id: string;
  last_seq: number | string;
}

/** The fields of a checkpoint document that the comparison reads. */
export interface CheckpointLog {
  session_id?: string;
  last_seq?: number | string;
  history?: HistoryEntry[];
}

/** Where replication starts when the two sides share no session. */
export const LOWEST_SEQ = 0;

function hasSession(sessionId: string | undefined, history: HistoryEntry[]): boolean {
  return Boolean(sessionId) && history.some((entry) => entry.session_id === sessionId);
}

/**
 * CouchDB's (and PouchDB's) comparison of the source and target replication logs: the same
 * session on both sides means the source's `last_seq`; otherwise the most recent session both
 * histories share, walking them newest first; otherwise start over.
 * @param source - the checkpoint document of the source.
 * @param target - the checkpoint document of the target.
 * @returns the sequence to resume from.
 */
export function compareReplicationLogs(
  source: CheckpointLog,
  target: CheckpointLog,
): number | string {
  if (source.session_id === target.session_id) return source.last_seq ?? LOWEST_SEQ;
  let sourceHistory = source.history ?? [];
  let targetHistory = target.history ?? [];
  // Iterative form of CouchDB's recursion: drop the head of both histories each round.
  for (;;) {
    const [s, ...sourceRest] = sourceHistory;
    const [t, ...targetRest] = targetHistory;
    if (!s || !t) return LOWEST_SEQ;
    if (hasSession(s.session_id, targetHistory)) return s.last_seq;
    if (hasSession(t.session_id, sourceRest)) return t.last_seq;
    sourceHistory = sourceRest;
    targetHistory = targetRest;
  }
}
