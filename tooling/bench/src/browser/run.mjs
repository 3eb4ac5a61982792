// `pnpm bench:browser [--quick] [--reps=N] [--samples] [filter…]`: the Chromium bench. Bundles page.mjs with esbuild,
// serves it on 127.0.0.1, runs it in Debian's headless Chromium and prints medians and ratios
// (pouchdb's faster adapter over Satchel: above 1 means Satchel is faster), and each one's
// time over the raw IndexedDB floor's (idb-floor.mjs; 1 is the floor): how far above what
// IndexedDB allows each sits, so whether a ratio over pouchdb is reachable at all.
import { mkdir, writeFile } from 'node:fs/promises';
import { startBenchPage } from './bench-page.mjs';
import { FULL_BROWSER, QUICK_BROWSER } from './sizes.mjs';

const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const filters = argv.filter((a) => !a.startsWith('--'));
const reps = argv.find((a) => a.startsWith('--reps='))?.slice('--reps='.length);
/** `--samples`: every repetition's time is printed too, not only the median. */
const showSamples = argv.includes('--samples');
/** Smaller than the Node bench's: IndexedDB writes cost far more than LevelDB's. */
const sizes = {
  ...(quick ? QUICK_BROWSER : FULL_BROWSER),
  ...(reps ? { reps: Number(reps) } : {}),
};

const session = await startBenchPage('page.mjs', { alias: { pouchdb: 'pouchdb-browser' } });
const x = (v) => `${v.toFixed(2)}x`;
/** The faster of pouchdb's two adapters (one may be left out of a workload). */
const bestPouch = (row) =>
  Math.min(row.ms['pouchdb-idb'] ?? Infinity, row.ms['pouchdb-indexeddb'] ?? Infinity);
const rows = [];
try {
  const page = await session.open('/index.html');
  page.setDefaultTimeout(0);
  await page.exposeFunction('reportRow', (row) => {
    rows.push(row);
    const best = bestPouch(row);
    const floors = `satchel ${x(row.ms.satchel / row.ms.floor)}, pouch ${x(best / row.ms.floor)} floor`;
    console.log(
      `  ${row.name.padEnd(14)} ${x(best / row.ms.satchel).padStart(7)}  (${floors})  ${row.label}`,
    );
    if (showSamples) {
      for (const [target, ms] of Object.entries(row.samples)) {
        console.log(`    ${target.padEnd(18)} ${ms.map((v) => v.toFixed(0)).join(' ')}`);
      }
    }
  });
  console.log(
    `Chromium bench: @satchel/browser (indexeddb) vs pouchdb-browser@9, ${sizes.reps} rep(s), median ms\n`,
  );
  await page.evaluate(
    ({ sizes, filters }) => globalThis.runBench(sizes, filters, globalThis.reportRow),
    { sizes, filters },
  );
} catch (err) {
  console.error(err, session.log.join('\n'));
  process.exitCode = 1;
} finally {
  await session.stop();
}

const header = [
  'workload',
  'satchel',
  'pouch idb',
  'pouch indexeddb',
  'floor',
  'best pouch / satchel',
  'satchel x floor',
  'best pouch x floor',
];
const lines = rows.map((r) => {
  const best = bestPouch(r);
  return [r.name, r.ms.satchel, r.ms['pouchdb-idb'], r.ms['pouchdb-indexeddb'], r.ms.floor]
    .map((v) => (typeof v === 'number' ? v.toFixed(1) : (v ?? '-')))
    .concat(x(best / r.ms.satchel), x(r.ms.satchel / r.ms.floor), x(best / r.ms.floor));
});
const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
const fmt = (cells) => `| ${cells.map((c, i) => c.padStart(widths[i])).join(' | ')} |`;
console.log(
  `\n${[fmt(header), fmt(widths.map((w) => '-'.repeat(w))), ...lines.map(fmt)].join('\n')}\n`,
);
const geo = Math.exp(
  rows.reduce((s, r) => s + Math.log(bestPouch(r) / r.ms.satchel), 0) / Math.max(1, rows.length),
);
console.log(`geometric mean, best pouchdb / satchel: ${x(geo)}`);
const out = new URL('../../bench-results/', import.meta.url);
await mkdir(out, { recursive: true });
await writeFile(
  new URL('chromium-latest.json', out),
  JSON.stringify({ date: new Date().toISOString(), sizes, rows, geomean: geo }, null, 2),
);
