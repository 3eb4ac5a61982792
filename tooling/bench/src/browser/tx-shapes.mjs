// `node src/browser/tx-shapes.mjs [n] [reps]`: ms per single-document write transaction of
// several shapes on raw IndexedDB in headless Chromium (page: tx-shapes-page.mjs), medians of
// interleaved repetitions: what each thing above the floor's one `add` costs.
import { startBenchPage } from './bench-page.mjs';

const [n = 200, reps = 5] = process.argv.slice(2).map(Number);
const session = await startBenchPage('tx-shapes-page.mjs');
try {
  const page = await session.open('/index.html');
  page.setDefaultTimeout(0);
  const ms = await page.evaluate(([n, reps]) => globalThis.txShapes(n, reps), [n, reps]);
  console.log(`ms per write (${n} sequential writes, median of ${reps} interleaved reps):`);
  for (const [shape, t] of Object.entries(ms)) console.log(`${t.toFixed(3).padStart(8)}  ${shape}`);
} finally {
  await session.stop();
}
