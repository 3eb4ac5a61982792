// `node src/browser/value-shapes.mjs [bulk] [single] [reps]`: ms for writing and reading document
// records of several shapes in headless Chromium's IndexedDB (page: value-shapes-page.mjs),
// medians of interleaved repetitions: whether a leaner record shape pays.
import { startBenchPage } from './bench-page.mjs';

const [bulk = 1000, single = 200, reps = 7] = process.argv.slice(2).map(Number);
const session = await startBenchPage('value-shapes-page.mjs');
try {
  const page = await session.open('/index.html');
  page.setDefaultTimeout(0);
  const { records, out } = await page.evaluate(
    ([bulk, single, reps]) => globalThis.valueShapes(bulk, single, reps),
    [bulk, single, reps],
  );
  console.log('Satchel records read back:', JSON.stringify(records, null, 1));
  console.table(
    Object.fromEntries(
      Object.entries(out).map(([k, v]) => [
        k,
        Object.fromEntries(
          Object.entries(v).map(([c, x]) => [c, typeof x === 'number' ? +x.toFixed(1) : x]),
        ),
      ]),
    ),
  );
} finally {
  await session.stop();
}
