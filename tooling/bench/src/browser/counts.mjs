// `node src/browser/counts.mjs <workload> [--quick] [--reps=N]`: what each target of the Chromium bench
// asks of IndexedDB in one run of a workload's timed part (averaged over `reps` runs):
// transactions by mode, stores locked, requests by method and store, bytes put, BroadcastChannel
// posts; and, as times, the timed part and how much of it had a transaction open (the rest is
// JavaScript). The counts are exact and do not depend on load, unlike the bench's times.
import { startBenchPage } from './bench-page.mjs';
import { FULL_BROWSER, QUICK_BROWSER } from './sizes.mjs';

const argv = process.argv.slice(2);
const [name = 'view-build'] = argv.filter((a) => !a.startsWith('--'));
const reps = Number(argv.find((a) => a.startsWith('--reps='))?.slice('--reps='.length) ?? 1);
const sizes = { ...(argv.includes('--quick') ? QUICK_BROWSER : FULL_BROWSER), reps };
const session = await startBenchPage('counts-page.mjs', { alias: { pouchdb: 'pouchdb-browser' } });
try {
  const page = await session.open('/index.html');
  page.setDefaultTimeout(0);
  const byTarget = await page.evaluate(({ sizes, name }) => globalThis.countRequests(sizes, name), {
    sizes,
    name,
  });
  const keys = [...new Set(Object.values(byTarget).flatMap((c) => Object.keys(c)))].sort();
  const table = Object.fromEntries(
    keys.map((k) => [
      k,
      Object.fromEntries(Object.entries(byTarget).map(([t, c]) => [t, +(c[k] ?? 0).toFixed(1)])),
    ]),
  );
  console.log(`${name}: IndexedDB calls in the timed part of one run`);
  console.table(table);
} finally {
  await session.stop();
}
