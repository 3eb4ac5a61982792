// `node src/browser/tx-shapes.mjs [n] [reps] [shape filter…]`: ms per single-document write transaction of
// several shapes on raw IndexedDB in headless Chromium (page: tx-shapes-page.mjs), medians of
// interleaved repetitions: what each thing above the floor's one `add` costs.
import { startBenchPage } from './bench-page.mjs';

const [n = 200, reps = 5] = process.argv.slice(2, 4).map(Number);
/** Shapes whose name contains one of these (all by default). */
const filters = process.argv.slice(4);
const session = await startBenchPage('tx-shapes-page.mjs');
try {
  const page = await session.open('/index.html');
  page.setDefaultTimeout(0);
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
