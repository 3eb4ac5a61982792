import { applyItems, loadRecords, type WriteOutcome } from './bulk-docs.js';
import { commitLocked } from './commit-plan.js';
import type { GroupMember, JoinedMember } from './group-commit.js';
import type { AdapterState } from './state.js';
import type { WritePlan } from './write-plan.js';

type BulkDocsRows = WriteOutcome['rows'];

/** A member's build threw: the group is built again without it. */
class MemberFailed {
  constructor(
    readonly index: number,
    readonly cause: unknown,
  ) {}
}

/**
 * Commits a group of calls in one plan (see `groupedWrite`): `first`'s outcome is returned,
 * each joined call settles its own promise. Loaded on first use.
 */
export async function writeGroup(
  state: AdapterState,
  first: GroupMember,
  joined: readonly JoinedMember[],
): Promise<WriteOutcome> {
  const members: (GroupMember | JoinedMember)[] = [first, ...joined];
  const failed = new Map<number, unknown>();
  for (;;) {
    try {
      const { result, plan } = await commitLocked(state, (p) =>
        buildAll(state, p, members, failed),
      );
      return settle(joined, result, plan.changed, failed);
    } catch (err) {
      if (err instanceof MemberFailed) {
        failed.set(err.index, err.cause);
        continue;
      }
      for (const member of joined) member.reject(err);
      throw err;
    }
  }
}

/** Hands each joined member its rows or error; returns the first member's outcome. */
function settle(
  joined: readonly JoinedMember[],
  rows: BulkDocsRows[],
  changed: boolean,
  failed: ReadonlyMap<number, unknown>,
): WriteOutcome {
  // One commit, one notice to change listeners (live feeds read every change it made): only
  // the first member that succeeded reports `changed`.
  let notice = changed;
  const outcome = (index: number): WriteOutcome => {
    const reported = notice;
    notice = false;
    return { rows: rows[index]!, changed: reported };
  };
  const first = failed.has(0) ? undefined : outcome(0);
  joined.forEach((member, k) => {
    const index = k + 1;
    if (failed.has(index)) member.reject(failed.get(index));
    else member.resolve(outcome(index));
  });
  if (first === undefined) throw failed.get(0);
  return first;
}

/** The plan of a whole group: one read of every record, then each member in order. */
async function buildAll(
  state: AdapterState,
  plan: WritePlan,
  members: readonly (GroupMember | JoinedMember)[],
  failed: ReadonlyMap<number, unknown>,
): Promise<BulkDocsRows[]> {
  const live = members.filter((_, i) => !failed.has(i));
  const loading = loadRecords(
    state,
    plan,
    live.map((m) => m.items),
  );
  if (loading) await loading;
  const rows: BulkDocsRows[] = new Array(members.length);
  for (let i = 0; i < members.length; i++) {
    if (failed.has(i)) continue;
    const { items, settings } = members[i]!;
    try {
      rows[i] = await applyItems(state, plan, items, settings);
    } catch (cause) {
      throw new MemberFailed(i, cause);
    }
  }
  return rows;
}
