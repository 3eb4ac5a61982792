// How fast the single-document write path warms up again after a full GC: REPS × (a fresh
// database, `info()`, a forced collection, N sequential writes, close), printing µs per write
// for each repetition. With `--trace-opt --trace-deopt`, pipe the output through
// `node src/rewarm.mjs --count` to count optimizing compiles and deopts per repetition.
//   node --expose-gc src/rewarm.mjs [post|put|update] [full|none] [REPS] [N] [satchel|pouchdb]
//   node --expose-gc --trace-opt --trace-deopt src/rewarm.mjs post | node src/rewarm.mjs --count
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';

const MARK = '### rep';

if (process.argv[2] === '--count') {
  // Reads trace output and counts, for each repetition (from the end of the one before, so
  // the forced collection is included), TurboFan compiles, deopts, and optimized code dropped
  // ("marking dependent code"); `--names` lists the functions compiled and dropped.
  const names = process.argv[3] === '--names';
  let counts = { opt: [], deopt: 0, dropped: [] };
  const fn = (line, re) => line.match(re)?.[1] || '(anonymous)';
  for await (const line of createInterface({ input: process.stdin })) {
    if (line.startsWith('done ')) {
      console.log(
        `${line}  compiles ${counts.opt.length}  deopts ${counts.deopt}  dropped ${counts.dropped.length}`,
      );
      if (names)
        console.log(`  compiled: ${counts.opt.join(' ')}\n  dropped: ${counts.dropped.join(' ')}`);
      counts = { opt: [], deopt: 0, dropped: [] };
    } else if (line.startsWith('[completed optimizing')) {
      counts.opt.push(fn(line, /<JSFunction (\S*) ?\(sfi/));
    } else if (line.startsWith('[bailout (kind')) {
      counts.deopt++;
      if (names) counts.dropped.push(`!${fn(line, /deoptimizing \S+ <JSFunction (\S*) ?\(sfi/)}`);
    } else if (line.startsWith('[marking dependent code')) {
      counts.dropped.push(fn(line, /<SharedFunctionInfo ?([^>]*)>/));
    }
  }
  process.exit(0);
}

const { default: Satchel } = await import('@satchel/node');
const [mode = 'post', gcMode = 'full', repsArg = '10', nArg = '1000', lib = 'satchel'] =
  process.argv.slice(2);
const Lib = lib === 'pouchdb' ? (await import('pouchdb')).default : Satchel;
const reps = Number(repsArg);
const n = Number(nArg);
// KEEP=1: closed databases stay referenced, so their objects' shapes survive the collections.
const kept = [];
const dir = await mkdtemp(join(tmpdir(), 'satchel-rewarm-'));
try {
  for (let rep = 0; rep < reps; rep++) {
    const db = new Lib(join(dir, `db${rep}`));
    await db.info();
    const docs = [];
    if (mode === 'update') {
      for (let i = 0; i < n; i++) docs.push({ _id: `doc-${String(i).padStart(6, '0')}`, n: i });
      await db.bulkDocs(docs);
    }
    if (gcMode === 'full') globalThis.gc();
    console.log(`${MARK} ${rep}`);
    const t0 = performance.now();
    for (let i = 0; i < n; i++) {
      if (mode === 'post') await db.post({ yo: 'dawg' });
      else if (mode === 'put')
        await db.put({ _id: `doc-${String(i).padStart(6, '0')}`, yo: 'dawg' });
      else {
        const doc = await db.get(docs[i]._id);
        doc.updated = i;
        await db.put(doc);
      }
    }
    const us = ((performance.now() - t0) * 1000) / n;
    console.log(`done ${rep}: ${us.toFixed(1)} µs per ${mode}`);
    await db.close();
    if (process.env.KEEP) kept.push(db);
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
