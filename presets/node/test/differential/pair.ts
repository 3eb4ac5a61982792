import type {
  AllDocsResult,
  OpenRev,
  SuiteConstructor,
  SuiteDatabase,
} from '@satchel/adapter-suite';
import Satchel from '../../src/index.js';
import { PouchDB, pouchOptions } from '../pouchdb-oracle.js';

/** The same database in Satchel and in pouchdb@9, plus every rev written so far. */
export interface Pair {
  satchel: SuiteDatabase;
  pouch: SuiteDatabase;
  /** Revisions seen per document id (from successful writes), oldest first. */
  seen: Map<string, string[]>;
}

const SatchelCtor = Satchel as unknown as SuiteConstructor;
let counter = 0;

/** Opens a fresh pair under one new name (each library keeps its own memory store). */
export function openPair(options: Record<string, unknown> = {}): Pair {
  const name = `diff-${process.pid}-${++counter}-${Math.random().toString(36).slice(2, 8)}`;
  return {
    satchel: new SatchelCtor(name, { adapter: 'memory', ...options }),
    pouch: new PouchDB(name, { ...pouchOptions, ...options }),
    seen: new Map(),
  };
}

/** Destroys both databases of a pair. */
export async function closePair(pair: Pair): Promise<void> {
  await Promise.allSettled([pair.satchel.destroy(), pair.pouch.destroy()]);
}

/** Records a rev written for `id`. */
export function remember(pair: Pair, id: string, rev: string): void {
  const list = pair.seen.get(id) ?? [];
  if (!list.includes(rev)) list.push(rev);
  pair.seen.set(id, list);
}

/** The winning rev of `id` (even when deleted) according to the oracle, if the doc exists. */
export async function winnerOf(pair: Pair, id: string): Promise<string | undefined> {
  const res: AllDocsResult = await pair.pouch.allDocs({ keys: [id] });
  return res.rows[0]?.value?.rev;
}

/** Every leaf rev of `id` according to the oracle, sorted. */
export async function leavesOf(pair: Pair, id: string): Promise<string[]> {
  try {
    const res: OpenRev[] = await pair.pouch.get(id, { open_revs: 'all' });
    return res.flatMap((r) => ('ok' in r ? [r.ok._rev] : [])).sort();
  } catch {
    return [];
  }
}

/** Every revision still in the oracle's tree of `id` (bodies or not), from the leaves' ancestry. */
export async function treeRevsOf(pair: Pair, id: string): Promise<Set<string>> {
  const revs = new Set<string>();
  try {
    const res: OpenRev[] = await pair.pouch.get(id, { open_revs: 'all', revs: true });
    for (const r of res) {
      if (!('ok' in r) || !r.ok._revisions) continue;
      const { start, ids } = r.ok._revisions;
      ids.forEach((hash, i) => {
        revs.add(`${start - i}-${hash}`);
      });
    }
  } catch {
    // No such document: no revisions.
  }
  return revs;
}
