import { occasional } from '../occasional.js';
import type { WriteSettings } from './apply-doc.js';
import {
  applyItems,
  type Parsed,
  recordsRead,
  recordsToRead,
  type WriteOutcome,
} from './bulk-docs.js';
import { commitLocked } from './commit-plan.js';
import type { AdapterState } from './state.js';
import type { WritePlan } from './write-plan.js';

/** One `bulkDocs` call's parsed documents and settings. */
export interface GroupMember {
  readonly items: readonly Parsed[];
  readonly settings: WriteSettings;
  /** The calls that joined this one's commit while it waited for the lock (see below). */
  joined: JoinedMember[] | undefined;
}

/** A member after the first: it learns its outcome through its own promise. */
export interface JoinedMember {
  readonly items: readonly Parsed[];
  readonly settings: WriteSettings;
  resolve(outcome: WriteOutcome): void;
  reject(err: unknown): void;
}

/**
 * Writes one call, sharing a commit with the calls queued right behind it (group commit).
 *
 * A call that finds the write lock free runs at once, alone: sequential writes pay nothing for
 * grouping (not even an object). A call that has to wait starts a group; the calls that arrive
 * while it still waits, with nothing queued after it, join it. When the lock comes free the
 * group builds one plan, applying each call's documents in arrival order on top of the
 * previous ones (so it decides conflicts and hands out seqs exactly as the calls would one by
 * one), and commits it in one engine batch (`write-group.ts`, loaded on first use: only
 * concurrent writes need it). Each caller gets its own rows; a call whose build throws is
 * dropped from the group and gets its own error, the others are built again without it. A
 * refused or failed commit fails every call of the group, none of which was applied.
 */
export function groupedWrite(state: AdapterState, member: GroupMember): Promise<WriteOutcome> {
  const open = state.writeGroup;
  if (open !== undefined && state.lock.isLastWaiting(open)) {
    return new Promise((resolve, reject) => {
      open.joined ??= [];
      open.joined.push({ items: member.items, settings: member.settings, resolve, reject });
    });
  }
  // Free now (sequential writes): the lock is held without a promise of its own.
  if (state.lock.tryWrite()) return writeHeld(state, member);
  const running = state.lock.write(runWrite, state, member, member);
  // Queued behind other work: later calls may join until it starts.
  if (state.lock.isLastWaiting(member)) state.writeGroup = member;
  return running;
}

/** Builds and commits `first` and the calls that joined it (under the write lock). */
function runWrite(state: AdapterState, first: GroupMember): Promise<WriteOutcome> {
  if (state.writeGroup === first) state.writeGroup = undefined;
  const joined = first.joined;
  if (joined === undefined) return writeAlone(state, first);
  const code = occasional.loaded;
  return code
    ? code.writeGroup(state, first, joined)
    : occasional.load().then((loaded) => loaded.writeGroup(state, first, joined));
}

/**
 * {@link writeAlone} for a call that took the write lock itself, releasing it: one `await`
 * between the commit and the caller (a task run through the lock would add the lock's).
 */
async function writeHeld(state: AdapterState, member: GroupMember): Promise<WriteOutcome> {
  try {
    const { result, plan } = await commitLocked(state, buildAlone, member);
    return { rows: result, changed: plan.changed };
  } finally {
    state.lock.endWrite();
  }
}

/**
 * A call with nobody to share its commit with, under the write lock. A `post` (nothing to
 * read) builds its plan synchronously: the commit is its only wait.
 */
export async function writeAlone(state: AdapterState, member: GroupMember): Promise<WriteOutcome> {
  const { result, plan } = await commitLocked(state, buildAlone, member);
  return { rows: result, changed: plan.changed };
}

/** The plan of a call written alone: its records loaded, then its documents applied. */
function buildAlone(
  plan: WritePlan,
  member: GroupMember,
  state: AdapterState,
): WriteOutcome['rows'] | Promise<WriteOutcome['rows']> {
  const ids = recordsToRead(plan, [member.items]);
  return ids
    ? applyAfterReading(state, plan, ids, member)
    : applyItems(state, plan, member.items, member.settings);
}

/** {@link buildAlone} once the records of `ids` are read: one hop, the engine's read. */
async function applyAfterReading(
  state: AdapterState,
  plan: WritePlan,
  ids: string[],
  member: GroupMember,
): Promise<WriteOutcome['rows']> {
  recordsRead(plan, ids, await state.engine.getDocs(ids));
  return applyItems(state, plan, member.items, member.settings);
}
