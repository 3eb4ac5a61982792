// Scale rows: single-put latency at a small and a large database size, on memory and on
// LevelDB, and the resident memory the large one holds. Each measurement runs in its own
// Node process (`scale-child.mjs`), so one database's heap and caches don't colour the next.
//   node --expose-gc src/scale.mjs [--quick] [--only satchel|pouchdb] [--store S]
// Full: 1k vs 1M docs; quick: 1k vs 100k. pouchdb@9 only when asked (`--with-pouchdb`):
// loading it with 1M docs takes many minutes.
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const withPouchdb = argv.includes('--with-pouchdb');
const storeArg = argv.indexOf('--store');
const stores = storeArg >= 0 ? [argv[storeArg + 1]] : ['memory', 'leveldb'];
const SMALL = 1000;
const LARGE = quick ? 100_000 : 1_000_000;
const PUTS = 1000;
const libs = withPouchdb ? ['satchel', 'pouchdb'] : ['satchel'];

const child = fileURLToPath(new URL('./scale-child.mjs', import.meta.url));
const root = await mkdtemp(join(tmpdir(), 'satchel-scale-'));
const results = [];
try {
  for (const lib of libs) {
    for (const store of stores) {
      const at = {};
      for (const docs of [SMALL, LARGE]) {
        const dir = join(root, `${lib}-${store}-${docs}`);
        const out = execFileSync(
          process.execPath,
          [
            '--expose-gc',
            '--max-old-space-size=8192',
            child,
            lib,
            store,
            dir,
            String(docs),
            String(PUTS),
          ],
          { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
        );
        at[docs] = JSON.parse(out.trim().split('\n').pop());
        await rm(dir, { recursive: true, force: true });
        const r = at[docs];
        console.log(
          `${lib.padEnd(8)} ${store.padEnd(8)} ${String(docs).padStart(8)} docs: load ` +
            `${(r.loadMs / 1000).toFixed(1)} s, put median ${r.putMedianUs.toFixed(0)} µs ` +
            `(mean ${r.putMeanUs.toFixed(0)} µs), RSS +${r.rssMb.toFixed(0)} MB, heap +${r.heapMb.toFixed(0)} MB`,
        );
      }
      const ratio = at[LARGE].putMedianUs / at[SMALL].putMedianUs;
      console.log(
        `${lib.padEnd(8)} ${store.padEnd(8)} put latency ${LARGE} / ${SMALL}: ${ratio.toFixed(2)}x`,
      );
      results.push({ lib, store, small: at[SMALL], large: at[LARGE], largeOverSmall: ratio });
    }
  }
} finally {
  await rm(root, { recursive: true, force: true });
}
const out = new URL('../bench-results/', import.meta.url);
await mkdir(out, { recursive: true });
await writeFile(
  new URL('scale.json', out),
  `${JSON.stringify({ date: new Date().toISOString(), quick, results }, null, 2)}\n`,
);
