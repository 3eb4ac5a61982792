import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { httpAdapter } from '@satchel/adapter-http';
import { leveldbAdapter } from '@satchel/adapter-leveldb';
import { memoryAdapter } from '@satchel/adapter-memory';
import { changesPlugin, setSelectorMatcher } from '@satchel/changes';
import { type AnyDoc, Satchel } from '@satchel/core';
import { matchesSelector } from '@satchel/selector';
import { type ReplicationStatics, replicationPlugin } from '../src/index.js';

Satchel.adapter('memory', memoryAdapter, true);
Satchel.adapter('leveldb', leveldbAdapter);
Satchel.adapter('http', httpAdapter);
Satchel.plugin(changesPlugin);
Satchel.plugin(replicationPlugin);
setSelectorMatcher(matchesSelector);

/** The Satchel constructor with the replication statics typed. */
export const S = Satchel as typeof Satchel & ReplicationStatics;

let counter = 0;

/** A database name no other test uses (memory databases are shared by name). */
export function uniqueName(prefix = 'rep'): string {
  counter += 1;
  return `${prefix}-${process.pid}-${Date.now()}-${counter}`;
}

/** A fresh memory database. */
export function memDb(): Satchel {
  return new Satchel(uniqueName(), { adapter: 'memory' });
}

/** A temp directory for LevelDB databases; `cleanup` removes it. */
export function tempDir(): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'satchel-rep-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A LevelDB database on disk in `dir`. */
export function levelDb(dir: string): Satchel {
  return new Satchel(join(dir, uniqueName('level')), { adapter: 'leveldb' });
}

/** The few PouchDB members the tests touch. */
export interface PouchLike {
  put(doc: object): Promise<{ rev: string }>;
  get(id: string, opts?: object): Promise<AnyDoc>;
  bulkDocs(docs: object[] | object, opts?: object): Promise<unknown[]>;
  allDocs(opts?: object): Promise<{ rows: { id: string; value: { rev: string } }[] }>;
  changes(opts?: object): Promise<{ results: unknown[]; last_seq: unknown }>;
  info(): Promise<{ update_seq: number | string }>;
  id(): Promise<string>;
  destroy(): Promise<unknown>;
  close(): Promise<unknown>;
  replicate: { to(target: unknown, opts?: object): Promise<Record<string, unknown>> };
}

type PouchCtor = (new (
  name: string,
  opts?: object,
) => PouchLike) & {
  plugin(p: unknown): void;
  replicate(src: unknown, target: unknown, opts?: object): Promise<Record<string, unknown>>;
};

const require = createRequire(import.meta.url);
let pouchCtor: PouchCtor | undefined;

/** pouchdb@9 (with its memory adapter), the oracle. */
export function Pouch(): PouchCtor {
  if (!pouchCtor) {
    pouchCtor = require('pouchdb') as PouchCtor;
    pouchCtor.plugin(require('pouchdb-adapter-memory'));
  }
  return pouchCtor;
}

/** A fresh pouchdb@9 memory database. */
export function pouchDb(): PouchLike {
  return new (Pouch())(uniqueName('pouch'), { adapter: 'memory' });
}

/** Something with `get`/`allDocs`/`changes`: Satchel, PouchDB, or http. */
export interface Readable {
  get(id: string, opts?: object): Promise<unknown>;
  allDocs(opts?: object): Promise<unknown>;
  changes(opts?: object): PromiseLike<unknown>;
}

/**
 * Everything replication must carry, per document (deleted ones included): the winning
 * revision (and its body with `_conflicts` when not deleted) and every leaf with its history.
 */
export async function snapshot(db: Readable): Promise<Record<string, unknown>> {
  const feed = (await db.changes({ style: 'all_docs' })) as { results: { id: string }[] };
  const ids = [...new Set(feed.results.map((r) => r.id))].sort();
  const all = (await db.allDocs({ keys: ids })) as {
    rows: { id: string; value?: { rev: string; deleted?: boolean } }[];
  };
  const out: Record<string, unknown> = {};
  for (const row of all.rows) out[row.id] = await docState(db, row.id, row.value);
  return out;
}

/**
 * Attachment `revpos` is not carried by replication (PouchDB itself sets it to the written
 * revision's position on the receiving side), so it is left out of comparisons.
 */
function withoutRevpos(doc: AnyDoc): AnyDoc {
  for (const att of Object.values(doc._attachments ?? {}))
    delete (att as { revpos?: number }).revpos;
  return doc;
}

/** A document's winner, its conflicts and every leaf with history (deleted ones too). */
export async function docState(
  db: Readable,
  id: string,
  winner?: { rev: string; deleted?: boolean },
): Promise<unknown> {
  const body = winner?.deleted
    ? { deleted: winner.rev }
    : withoutRevpos((await db.get(id, { conflicts: true })) as AnyDoc);
  const leaves = (await db.get(id, { open_revs: 'all', revs: true })) as { ok?: AnyDoc }[];
  const sorted = leaves
    .map((l) => l.ok)
    .filter((d): d is AnyDoc => Boolean(d))
    .map(withoutRevpos)
    .sort((a, b) => String(a._rev).localeCompare(String(b._rev)));
  return { winner: body, leaves: sorted };
}

/** Polls `check` until it returns true, or fails after `ms`. */
export async function waitFor(check: () => Promise<boolean> | boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  for (;;) {
    // A check may race with writes still arriving (a doc deleted between two reads).
    if (await Promise.resolve(check()).catch(() => false)) return;
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Writes `n` docs `prefix-0…` (every 10th with a small attachment). */
export async function seed(
  db: { bulkDocs(...args: never[]): Promise<unknown> },
  n: number,
  prefix = 'doc',
): Promise<void> {
  const docs: object[] = [];
  for (let i = 0; i < n; i++) {
    const doc: Record<string, unknown> = { _id: `${prefix}-${String(i).padStart(5, '0')}`, n: i };
    if (i % 10 === 0) {
      doc._attachments = {
        'a.txt': {
          content_type: 'text/plain',
          data: Buffer.from(`att ${prefix} ${i}`).toString('base64'),
        },
      };
    }
    docs.push(doc);
  }
  const write = db.bulkDocs as unknown as (this: unknown, docs: object[]) => Promise<unknown>;
  await write.call(db, docs);
}
