import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Satchel from '@satchel/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The plugins the preset installs, used as a PouchDB app uses them: on the default LevelDB
 * adapter, across a close and reopen, and from the built CommonJS entry point.
 */

const presetDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'satchel-plugins-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const open = (name: string) => new Satchel(name, { prefix: `${dir}/` });

/** Runs a CommonJS script body (top-level await allowed) with plain Node in the preset's folder. */
function runCjs(lines: string[]): string {
  const script = ['(async () => {', ...lines, '})();'].join('\n');
  return execFileSync(process.execPath, ['-e', script], {
    cwd: presetDir,
    encoding: 'utf8',
    timeout: 30_000,
  }).trim();
}

describe('mango in @satchel/node', () => {
  it('finds with a persistent index on leveldb, before and after a reopen', async () => {
    let db = open('mango');
    expect(db.adapter).toBe('leveldb');
    await db.bulkDocs(
      Array.from({ length: 50 }, (_, i) => ({ _id: `d${i}`, n: i % 10, name: `n${i}` })),
    );
    expect(await db.createIndex({ index: { fields: ['n'] } })).toMatchObject({ result: 'created' });
    const first = await db.find({
      selector: { n: { $gte: 8 } },
      sort: ['n'],
      fields: ['_id', 'n'],
    });
    expect(first.docs).toHaveLength(10);
    expect(first.docs.map((d) => d.n)).toEqual([8, 8, 8, 8, 8, 9, 9, 9, 9, 9]);
    await db.close();
    db = open('mango');
    expect(await db.createIndex({ index: { fields: ['n'] } })).toMatchObject({ result: 'exists' });
    await db.put({ _id: 'late', n: 9 });
    const again = await db.find({ selector: { n: 9 }, fields: ['_id'] });
    expect(again.docs.map((d) => d._id).sort()).toEqual(
      ['d19', 'd29', 'd39', 'd49', 'd9', 'late'].sort(),
    );
    const explained = await db.explain({ selector: { n: 9 } });
    expect(explained.index.def.fields).toEqual([{ n: 'asc' }]);
    await db.destroy();
  });

  it('is there in the built CommonJS entry point', () => {
    const out = runCjs([
      "const P = require('@satchel/node');",
      "const db = new P('cjs-mango', { adapter: 'memory' });",
      "await db.bulkDocs([{ _id: 'a', n: 2 }, { _id: 'b', n: 1 }]);",
      "await db.createIndex({ index: { fields: ['n'] } });",
      "const res = await db.find({ selector: { n: { $gt: 0 } }, sort: ['n'] });",
      "console.log(res.docs.map((d) => d._id).join(','));",
      'await db.destroy();',
    ]);
    expect(out).toBe('b,a');
  });
});

describe('replication in @satchel/node', () => {
  it('replicates leveldb to memory and syncs back, resuming from its checkpoint', async () => {
    const disk = open('replication');
    const mem = new Satchel(`replica-${process.pid}`, { adapter: 'memory' });
    await disk.bulkDocs(Array.from({ length: 30 }, (_, i) => ({ _id: `r${i}`, n: i })));
    const first = await disk.replicate.to(mem);
    expect(first).toMatchObject({ ok: true, status: 'complete', docs_written: 30 });
    await mem.put({ ...(await mem.get('r0')), edited: true });
    await disk.put({ _id: 'r-new' });
    const both = await Satchel.sync(disk, mem);
    expect(both.push).toMatchObject({ docs_written: 1 });
    expect(both.pull).toMatchObject({ docs_written: 1 });
    expect(await disk.get('r0')).toMatchObject({ edited: true });
    expect((await mem.info()).doc_count).toBe(31);
    await disk.destroy();
    await mem.destroy();
  });

  it('is there in the built CommonJS entry point', () => {
    const out = runCjs([
      "const P = require('@satchel/node');",
      "const a = new P('cjs-rep-a', { adapter: 'memory' });",
      "const b = new P('cjs-rep-b', { adapter: 'memory' });",
      "await a.put({ _id: 'x' });",
      'const res = await P.replicate(a, b);',
      "console.log(typeof P.sync, res.docs_written, (await b.get('x'))._id);",
      'await a.destroy();',
      'await b.destroy();',
    ]);
    expect(out).toBe('function 1 x');
  });
});
