// `node src/browser/write-anatomy.mjs [n] [reps]`: what one write costs in IndexedDB in
// headless Chromium, for Satchel and pouchdb-browser@9 (page: write-anatomy-page.mjs). The
// counts per write (transactions, requests by method and store, stores locked, value sizes)
// are exact and do not depend on load; the time split (medians, ms) says where a write
// waits: before its readwrite transaction, issuing its requests (including reads it waits
// on), and from its last request to `complete` (the browser's commit); then the whole write
// (to its promise settling), median and mean (the mean counts the slow tail a total pays).
import { startBenchPage } from './bench-page.mjs';

const [n = 200, reps = 5] = process.argv.slice(2).map(Number);
const session = await startBenchPage('write-anatomy-page.mjs');
try {
  const page = await session.open('/index.html');
  page.setDefaultTimeout(0);
  const rows = await page.evaluate(([n, reps]) => globalThis.writeAnatomy(n, reps), [n, reps]);
  for (const shape of new Set(rows.map((r) => r.shape))) {
    const of = rows.filter((r) => r.shape === shape);
    const keys = [...new Set(of.flatMap((r) => Object.keys(r.counts)))].sort();
    const table = Object.fromEntries(
      keys.map((k) => [
        k,
        Object.fromEntries(of.map((r) => [r.target, +(r.counts[k] ?? 0).toFixed(2)])),
      ]),
    );
    for (const part of ['before', 'issuing', 'waiting', 'whole', 'mean']) {
      table[`ms ${part}`] = Object.fromEntries(of.map((r) => [r.target, +r.ms[part].toFixed(3)]));
    }
    console.log(`\n${shape}, per write (${n} writes, ${reps} reps):`);
    console.table(table);
  }
} finally {
  await session.stop();
}
