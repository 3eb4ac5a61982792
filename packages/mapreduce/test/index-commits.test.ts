import { MemoryEngine, memoryStores } from '@satchel/adapter-memory';
import {
  createLocalAdapterFactory,
  type EngineBatch,
  type EngineVersion,
} from '@satchel/core/engine';
import { afterEach, describe, expect, it } from 'vitest';
import { HELD_BYTES_LIMIT, HELD_DOCS_LIMIT } from '../src/held-writes.js';
import { BUCKET_DOCS } from '../src/key-segments.js';
import { Satchel, uniqueName } from './helpers.js';

/** Every commit of the databases on the counting adapter, by database name. */
const commits = new Map<string, EngineBatch[]>();

/** Index commits to refuse (each refusal used once): the number of the commit refused. */
const refuse = new Set<number>();

/** A memory engine that keeps each batch it commits under its database's name. */
class RecordingEngine extends MemoryEngine {
  constructor(private readonly name: string) {
    const data = memoryStores.open(name);
    super(data, () => memoryStores.drop(name, data));
  }

  override async commit(batch: EngineBatch, version: EngineVersion): Promise<EngineVersion> {
    const list = commits.get(this.name) ?? [];
    if (this.name.includes('-mrview-') && refuse.delete(list.length + 1)) {
      throw new Error('commit refused');
    }
    list.push(batch);
    commits.set(this.name, list);
    return super.commit(batch, version);
  }
}

Satchel.adapter(
  'recording-memory',
  createLocalAdapterFactory({
    type: 'memory',
    engine: ({ name }) => new RecordingEngine(name),
    share: false,
    usePrefix: false,
  }),
);

const DDOC = {
  _id: '_design/v',
  views: {
    by_id: { map: 'function (doc) { emit(doc._id); }' },
    big: { map: 'function (doc) { emit(doc._id, doc.blob); }' },
  },
};

const open: Satchel[] = [];
afterEach(async () => {
  for (const db of open.splice(0)) await db.destroy().catch(() => undefined);
  commits.clear();
  refuse.clear();
});

/** A database on the recording adapter with the design doc and `count` documents. */
async function seeded(count: number, body: (i: number) => object = () => ({})): Promise<Satchel> {
  const db = new Satchel(uniqueName('commits'), { adapter: 'recording-memory' });
  open.push(db);
  const docs = Array.from({ length: count }, (_, i) => ({
    _id: `d${String(i).padStart(5, '0')}`,
    ...body(i),
  }));
  await db.bulkDocs([DDOC, ...docs]);
  return db;
}

/** The commits of the view's index database (the one database whose name has `-mrview-`). */
function indexCommits(): EngineBatch[] {
  const names = [...commits.keys()].filter((n) => n.includes('-mrview-'));
  expect(names).toHaveLength(1);
  return commits.get(names[0]!)!;
}

/** The rows a commit writes (index documents, not `_local` ones). */
const rowsOf = (batch: EngineBatch) => batch.putDocs?.length ?? 0;

/** The checkpoint a commit moves, if it does. */
function checkpointOf(batch: EngineBatch): number | undefined {
  const record = batch.putLocals?.find((l) => l.id === '_local/lastSeq');
  return (record?.body as { seq?: number } | undefined)?.seq;
}

describe('index build commits', () => {
  it('builds a 1,000-document index in one commit: rows, a key segment and checkpoint', async () => {
    const db = await seeded(1000);
    let events = 0;
    db.on('indexing', () => {
      events++;
    });
    expect((await db.query('v/by_id', { limit: 0 })).total_rows).toBe(1000);
    const batches = indexCommits();
    expect(batches).toHaveLength(1);
    expect(rowsOf(batches[0]!)).toBe(1000);
    // The documents' key lists in one key segment of ⌈1,000 / BUCKET_DOCS⌉ records (not a
    // `_local/doc_<id>` record each), and the checkpoint, at the source's last seq.
    const buckets = Math.ceil(1000 / BUCKET_DOCS);
    expect(batches[0]!.putLocals).toHaveLength(buckets + 1);
    expect(batches[0]!.putLocals!.filter((l) => l.id.startsWith('_local/doc_'))).toEqual([]);
    expect(checkpointOf(batches[0]!)).toBe(1001);
    // Progress is still reported as PouchDB reports it: once at the start, then a batch of 50.
    expect(events).toBe(1 + Math.ceil(1001 / 50));
  });

  it('writes a commit per bound of held documents, each checkpoint covering its rows', async () => {
    const count = HELD_DOCS_LIMIT + 500;
    const db = await seeded(count);
    await db.query('v/by_id', { limit: 0 });
    const batches = indexCommits();
    // The bound is checked after each batch of 50 changes (the first holds the design doc, seq
    // 1): the first commit comes after the batch that reached it.
    const batchesHeld = Math.ceil((HELD_DOCS_LIMIT + 1) / 50);
    const firstRows = batchesHeld * 50 - 1;
    expect(batches.map(rowsOf)).toEqual([firstRows, count - firstRows]);
    // Each commit's checkpoint is the seq of the last change its rows cover, never ahead.
    expect(batches.map(checkpointOf)).toEqual([firstRows + 1, count + 1]);
    expect((await db.query('v/by_id', { limit: 0 })).total_rows).toBe(count);
    expect(indexCommits()).toHaveLength(2);
  });

  it('writes early when the held rows reach the byte bound', async () => {
    // 40 KB values: the byte bound is reached long before the document bound.
    const blob = 'x'.repeat(40_000);
    const perCommit = Math.ceil(HELD_BYTES_LIMIT / 40_000 / 50) * 50;
    const db = await seeded(perCommit + 100, () => ({ blob }));
    const res = await db.query('v/big', { reduce: false, limit: 1 });
    expect(res.total_rows).toBe(perCommit + 100);
    const batches = indexCommits();
    expect(batches.length).toBeGreaterThan(1);
    // No commit carries much more than the bound (the batch that crossed it, at most).
    for (const batch of batches) expect(rowsOf(batch)).toBeLessThanOrEqual(perCommit);
    const seqs = batches.map(checkpointOf);
    expect(seqs.at(-1)).toBe(perCommit + 101);
  });

  it('brings an index up to date with updates and deletions in one commit', async () => {
    const db = await seeded(1000);
    await db.query('v/by_id', { limit: 0 });
    const docs = (await db.allDocs({ include_docs: true, limit: 300, startkey: 'd' })).rows.map(
      (r) => ({ ...(r.doc as object), changed: true }),
    );
    const written = (await db.bulkDocs(docs)) as { rev: string }[];
    // Half of the first 100 are deleted again: 100 writes, 50 of them deletions.
    await db.bulkDocs(
      docs.slice(0, 100).map((d, i) => ({ ...d, _rev: written[i]!.rev, _deleted: i % 2 === 0 })),
    );
    const before = indexCommits().length;
    expect((await db.query('v/by_id', { limit: 0 })).total_rows).toBe(950);
    const batches = indexCommits().slice(before);
    expect(batches).toHaveLength(1);
    expect(checkpointOf(batches[0]!)).toBe(1401);
  });

  it('keeps the rows a refused commit would have written out of the checkpoint', async () => {
    const count = HELD_DOCS_LIMIT + 500;
    const db = await seeded(count);
    refuse.add(2);
    await expect(db.query('v/by_id', { limit: 0 })).rejects.toThrow('commit refused');
    // The first commit stands: its rows and the checkpoint covering exactly them.
    const [first] = indexCommits();
    expect(await db.query('v/by_id', { limit: 0, stale: 'ok' })).toMatchObject({
      total_rows: rowsOf(first!),
    });
    // The next query maps the rest from that checkpoint on, in one more commit.
    expect((await db.query('v/by_id', { limit: 0 })).total_rows).toBe(count);
    const batches = indexCommits();
    expect(batches).toHaveLength(2);
    expect(rowsOf(batches[1]!)).toBe(count - rowsOf(first!));
  });
});
