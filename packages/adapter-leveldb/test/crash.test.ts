import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ChangesResponse, Satchel } from '@satchel/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LeveldbAdapterPlugin } from '../src/index.js';
import { BATCH_DOCS } from './fixtures/batch-shape.js';
import { buildChild, startChild } from './helpers/child-process.js';

Satchel.plugin(LeveldbAdapterPlugin);

const REPETITIONS = 24;

let bundle: { path: string; remove: () => Promise<void> };
let dir = '';

beforeAll(async () => {
  bundle = await buildChild();
  dir = await mkdtemp(join(tmpdir(), 'satchel-crash-'));
});

afterAll(async () => {
  await bundle?.remove();
  await rm(dir, { recursive: true, force: true });
});

interface Ack {
  batch: number;
  revs: Record<string, string>;
}

const isAck = (line: unknown): line is Ack => typeof (line as Ack).batch === 'number';

/** Starts a writer, lets it run for a random while, kills it with SIGKILL; returns its acks. */
async function writeAndKill(dbDir: string): Promise<Ack[]> {
  const child = startChild(bundle.path, ['write', dbDir]);
  await child.waitFor((line) => (line as { ready?: boolean }).ready === true);
  // Wait for a first ack, then kill at a random moment of the continuous writing.
  await child.waitFor(isAck);
  await new Promise((resolve) => setTimeout(resolve, Math.random() * 250));
  child.process.kill('SIGKILL');
  await child.exited;
  if (child.stderr) throw new Error(`writer failed: ${child.stderr}`);
  return child.lines.filter(isAck);
}

/** The latest acknowledged rev of every document, over all runs so far. */
function latestRevs(acks: Ack[], into: Map<string, string>): void {
  for (const ack of acks) for (const [id, rev] of Object.entries(ack.revs)) into.set(id, rev);
}

/** A rev's generation, to compare "acknowledged" with "possibly newer, unacknowledged". */
const generation = (rev: string): number => Number.parseInt(rev, 10);

async function verify(
  dbDir: string,
  acked: Map<string, string>,
  lastAcked: number,
): Promise<number> {
  const db = new Satchel(dbDir, { adapter: 'leveldb' });
  try {
    const all = await db.allDocs({ include_docs: true });
    const byId = new Map(all.rows.map((row) => [row.id, row]));
    const info = await db.info();
    const changes = (await db._adapter.changes({ since: 0 })) as ChangesResponse;

    // Every acknowledged write is there (or a later one: the writer may have gone on).
    const counter = byId.get('counter')?.doc as { last: number; _rev: string } | undefined;
    expect(counter).toBeDefined();
    expect(counter!.last).toBeGreaterThanOrEqual(lastAcked);
    for (const [id, rev] of acked) {
      const row = byId.get(id);
      const deletedLater = id.endsWith(`-${BATCH_DOCS - 1}`) && !row;
      if (deletedLater) continue;
      expect(row, id).toBeDefined();
      expect(generation(row!.value!.rev)).toBeGreaterThanOrEqual(generation(rev));
    }

    // No partial batch: every batch up to the counter has all its documents, none beyond it.
    const tags = new Map<number, number>();
    for (const row of all.rows) {
      const tag = (row.doc as { tag?: number } | null)?.tag;
      if (typeof tag === 'number') tags.set(tag, (tags.get(tag) ?? 0) + 1);
    }
    for (let tag = 1; tag <= counter!.last; tag++) {
      // The last doc of each batch is deleted by the next batch.
      expect(tags.get(tag), `batch ${tag}`).toBe(tag < counter!.last ? BATCH_DOCS - 1 : BATCH_DOCS);
    }
    expect(Math.max(0, ...tags.keys())).toBe(counter!.last);

    // info, allDocs and changes agree.
    expect(info.doc_count).toBe(all.rows.length);
    expect(all.total_rows).toBe(all.rows.length);
    const lastChange = changes.results.at(-1);
    expect(info.update_seq).toBe(lastChange?.seq);
    expect(changes.last_seq).toBe(info.update_seq);
    const live = changes.results.filter((c) => !c.deleted);
    expect(live.map((c) => c.id).sort()).toEqual(all.rows.map((r) => r.id).sort());
    expect(new Set(changes.results.map((c) => c.id)).size).toBe(changes.results.length);

    // The attachment written with the last batch's first document is intact.
    const first = `t${counter!.last}-0`;
    const doc = byId.get(first)?.doc as { _attachments?: Record<string, { digest?: string }> };
    expect(doc._attachments?.['a.txt']?.digest).toMatch(/^md5-/);
    const data = await db._adapter.getAttachment(first, 'a.txt', {});
    expect(Buffer.from(data).toString()).toBe(`batch ${counter!.last}`);
    return counter!.last;
  } finally {
    await db.close();
  }
}

describe('crash safety', () => {
  it(`survives SIGKILL during continuous bulkDocs (${REPETITIONS} kills)`, async () => {
    const dbDir = join(dir, 'crashdb');
    const acked = new Map<string, string>();
    let lastAcked = 0;
    let batches = 0;
    for (let i = 0; i < REPETITIONS; i++) {
      const acks = await writeAndKill(dbDir);
      latestRevs(acks, acked);
      lastAcked = Math.max(lastAcked, ...acks.map((a) => a.batch));
      batches += acks.length;
      await verify(dbDir, acked, lastAcked);
    }
    expect(batches).toBeGreaterThan(REPETITIONS);
    // Each kill starts a fresh Node child: about 1 s on an idle machine, far more on a loaded CI one.
  }, 300_000);
});
