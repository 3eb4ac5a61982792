// `node src/browser/profile.mjs <workload>`: CPU profile of Satchel alone on one Chromium
// bench workload (unminified bundle); prints the functions with the most self time.
import { startBenchPage } from './bench-page.mjs';
import { FULL_BROWSER } from './sizes.mjs';

const [name = 'alldocs'] = process.argv.slice(2);
const session = await startBenchPage('page.mjs', {
  minify: false,
  alias: { pouchdb: 'pouchdb-browser' },
});
try {
  const page = await session.open('/index.html');
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  const sizes = { ...FULL_BROWSER, reps: 3 };
  await page.evaluate(() => {
    globalThis.onlySatchel = true;
  });
  await cdp.send('Profiler.start');
  await page.evaluate(({ sizes, name }) => globalThis.runBench(sizes, [name]), { sizes, name });
  const { profile } = await cdp.send('Profiler.stop');
  const self = new Map();
  const dt = profile.timeDeltas;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  profile.samples.forEach((id, i) => {
    const node = byId.get(id);
    const f = node.callFrame;
    const key = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber}`;
    self.set(key, (self.get(key) ?? 0) + (dt[i] ?? 0) / 1000);
  });
  const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 30);
  for (const [k, ms] of top) console.log(`${ms.toFixed(1).padStart(8)} ms  ${k}`);
} finally {
  await session.stop();
}
