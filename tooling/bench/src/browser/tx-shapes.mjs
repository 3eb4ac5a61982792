// `node src/browser/tx-shapes.mjs [n] [reps] [shape filter…]`: ms per single-document write transaction of
// several shapes on raw IndexedDB in headless Chromium (page: tx-shapes-page.mjs), medians of
// interleaved repetitions: what each thing above the floor's one `add` costs. The `satchel:`
// shapes are Satchel's whole writes, to compare with the shape of their commit (the gap is
// JavaScript). `INTERLEAVED=1`: shapes alternate write by write. `--calls`: main-thread µs of
// each IndexedDB call of a commit (and of `transaction()` by scope size), and the time to take
// a free Web Lock, instead.
import { startBenchPage } from './bench-page.mjs';

const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const [n = 200, reps = 5] = args.slice(0, 2).map(Number);
/** Shapes whose name contains one of these (all by default). */
const filters = args.slice(2);
const session = await startBenchPage('tx-shapes-page.mjs');
try {
  const page = await session.open('/index.html');
  page.setDefaultTimeout(0);
  if (process.argv.includes('--calls')) {
    // Main-thread µs of each IndexedDB call of a single-document commit, then of
    // `transaction()` by scope size; three runs each (load moves them a lot between runs).
    for (let run = 0; run < 3; run++) {
      console.log(await page.evaluate((n) => globalThis.txCallCosts(n), n * reps));
      console.log(await page.evaluate((n) => globalThis.txScopeCosts(n), n * reps));
      console.log(await page.evaluate((n) => globalThis.lockCost(n), n * reps));
    }
    process.exit(0);
  }
  if (process.env.INTERLEAVED) {
    const ms = await page.evaluate(
      ([n, filters]) => globalThis.txShapesInterleaved(n, filters),
      [n * reps, filters],
    );
    console.log(`ms per write (${n * reps} writes each, interleaved write by write): median, mean`);
    for (const [shape, [m, avg]] of Object.entries(ms)) {
      console.log(`${m.toFixed(3).padStart(8)} ${avg.toFixed(3).padStart(8)}  ${shape}`);
    }
    process.exit(0);
  }
  const ms = await page.evaluate(
    ([n, reps, filters]) => globalThis.txShapes(n, reps, filters),
    [n, reps, filters],
  );
  console.log(`ms per write (${n} sequential writes, median of ${reps} interleaved reps):`);
  for (const [shape, t] of Object.entries(ms)) console.log(`${t.toFixed(3).padStart(8)}  ${shape}`);
} finally {
  await session.stop();
}
