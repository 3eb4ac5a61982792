import type { WriteSettings } from './apply-doc.js';
import { applyItems, loadRecords, type Parsed, type WriteOutcome } from './bulk-docs.js';
import { commitLocked } from './commit-plan.js';
import type { AdapterState } from './state.js';
import type { WritePlan } from './write-plan.js';

/** One `bulkDocs` call's parsed documents and settings. */
export interface GroupMember {
  readonly items: readonly Parsed[];
  readonly settings: WriteSettings;
}

/** A member after the first: it learns its outcome through its own promise. */
interface Joined extends GroupMember {
  resolve(outcome: WriteOutcome): void;
  reject(err: unknown): void;
}

/** A member's build threw: the group is built again without it. */
class MemberFailed {
  constructor(
    readonly index: number,
    readonly cause: unknown,
  ) {}
}

/**
 * Writes one call, sharing a commit with the calls queued right behind it (group commit).
 *
 * A call that finds the write lock free runs at once, alone: sequential writes pay nothing for
 * grouping. A call that has to wait starts a group; the calls that arrive while that group
 * still waits, with nothing queued after it, join it. When the lock comes free the group
 * builds one plan, applying each call's documents in arrival order on top of the previous
 * ones (so it decides conflicts and hands out seqs exactly as the calls would one by one), and
 * commits it in one engine batch. Each caller gets its own rows; a call whose build throws is
 * dropped from the group and gets its own error, the others are built again without it. A
 * refused or failed commit fails every call of the group, none of which was applied.
 */
export function groupedWrite(state: AdapterState, member: GroupMember): Promise<WriteOutcome> {
  const open = state.writeGroup;
  if (open !== undefined && state.lock.isLastWaiting(open)) return open.join(member);
  const group = new WriteGroup(member);
  const running = state.lock.write(() => group.run(state), group);
  // Queued behind other work: later calls may join until it starts.
  if (state.lock.isLastWaiting(group)) state.writeGroup = group;
  return running;
}

/** Calls that commit together; the first one's outcome is what `run` returns. */
export class WriteGroup {
  readonly #joined: Joined[] = [];
  readonly #first: GroupMember;

  constructor(first: GroupMember) {
    this.#first = first;
  }

  /** Adds a call to the group; resolves with that call's own outcome. */
  join(member: GroupMember): Promise<WriteOutcome> {
    return new Promise((resolve, reject) => {
      this.#joined.push({ items: member.items, settings: member.settings, resolve, reject });
    });
  }

  /** Builds and commits every member (under the write lock). */
  run(state: AdapterState): Promise<WriteOutcome> {
    if (state.writeGroup === this) state.writeGroup = undefined;
    if (this.#joined.length === 0) return writeAlone(state, this.#first);
    return this.#runGroup(state);
  }

  /** {@link run} for a group of several calls. */
  async #runGroup(state: AdapterState): Promise<WriteOutcome> {
    const members: GroupMember[] = [this.#first, ...this.#joined];
    const failed = new Map<number, unknown>();
    for (;;) {
      try {
        const { result, plan } = await commitLocked(state, (p) =>
          buildAll(state, p, members, failed),
        );
        return this.#settle(result, plan.changed, failed);
      } catch (err) {
        if (err instanceof MemberFailed) {
          failed.set(err.index, err.cause);
          continue;
        }
        for (const member of this.#joined) member.reject(err);
        throw err;
      }
    }
  }

  /** Hands each joined member its rows or error; returns the first member's outcome. */
  #settle(
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
    this.#joined.forEach((member, k) => {
      const index = k + 1;
      if (failed.has(index)) member.reject(failed.get(index));
      else member.resolve(outcome(index));
    });
    if (first === undefined) throw failed.get(0);
    return first;
  }
}

type BulkDocsRows = WriteOutcome['rows'];

/**
 * A call with nobody to share its commit with. A `post` (nothing to read) builds its plan
 * synchronously: the commit is its only wait.
 */
function writeAlone(state: AdapterState, member: GroupMember): Promise<WriteOutcome> {
  const { items, settings } = member;
  const build = (plan: WritePlan) => {
    const loading = loadRecords(state, plan, [items]);
    return loading
      ? loading.then(() => applyItems(state, plan, items, settings))
      : applyItems(state, plan, items, settings);
  };
  return commitLocked(state, build).then(outcomeOf);
}

function outcomeOf({ result, plan }: { result: BulkDocsRows; plan: WritePlan }): WriteOutcome {
  return { rows: result, changed: plan.changed };
}

/** The plan of a whole group: one read of every record, then each member in order. */
async function buildAll(
  state: AdapterState,
  plan: WritePlan,
  members: readonly GroupMember[],
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
