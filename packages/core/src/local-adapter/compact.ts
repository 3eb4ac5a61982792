import type { DocRecord, LocalRecord } from '../engine/engine.js';
import { cloneTree } from '../rev-tree/clone-tree.js';
import { compactTree } from '../rev-tree/compaction.js';
import { commitWrite } from './commit-plan.js';
import type { AdapterState } from './state.js';
import type { WritePlan } from './write-plan.js';

/** Documents compacted per commit, so a huge database never builds one giant batch. */
const CHUNK = 200;
const CHECKPOINT_ID = '_local/compaction';

/**
 * Drops the bodies of every non-leaf revision written since the last compaction, and records
 * how far it got in `_local/compaction`, as PouchDB does.
 */
export async function compact(state: AdapterState): Promise<void> {
  const checkpoint = await state.engine.getLocal(CHECKPOINT_ID);
  let since = Number((checkpoint?.body as { last_seq?: number } | undefined)?.last_seq ?? 0);
  for (;;) {
    const seqs = await state.engine.scanSeqs({ since, limit: CHUNK });
    if (seqs.length === 0) break;
    const done = seqs[seqs.length - 1]!.seq;
    await commitWrite(state, async (plan) => {
      const records = await state.engine.getDocs(seqs.map((s) => s.id));
      for (const shared of records) {
        if (!shared) continue;
        // The tree read may be the engine's own: compaction marks revisions in a copy.
        const record = { ...shared, rev_tree: cloneTree(shared.rev_tree) };
        if (compactRecord(plan, record)) plan.rewriteRecord(record);
      }
    });
    since = done;
  }
  await saveCheckpoint(state, since, checkpoint);
}

async function saveCheckpoint(
  state: AdapterState,
  lastSeq: number,
  previous: LocalRecord | undefined,
): Promise<void> {
  await commitWrite(state, async (plan) => {
    const n = previous ? Number.parseInt(previous.rev.split('-')[1] ?? '0', 10) + 1 : 1;
    const rev = `0-${n}`;
    plan.putLocal({
      id: CHECKPOINT_ID,
      rev,
      body: { _id: CHECKPOINT_ID, last_seq: lastSeq, _rev: rev },
    });
  });
}

/**
 * Drops the bodies of non-leaf revisions (`compact`, and every write with auto-compaction);
 * `compactTree` marks them missing in the tree itself, so a caller whose tree may be shared
 * (read from the engine) copies it first.
 */
export function compactRecord(plan: WritePlan, record: DocRecord): boolean {
  const revs = compactTree(record);
  if (revs.length === 0) return false;
  plan.deleteRevs(record.id, revs, record.attachments === true);
  return true;
}
