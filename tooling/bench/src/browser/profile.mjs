// `node src/browser/profile.mjs <workload> [--target=floor]`: CPU profile of Satchel (or another
// target) alone on one Chromium
// bench workload's timed parts (unminified bundle); prints the functions with the most self
// time. IndexedDB calls are native: their cost (cloning the value, the message to the
// browser process) shows as self time of the function making them. `--save` also writes
// each timed part's .cpuprofile to bench-results/profiles/ for src/profile-summary.mjs.
import { mkdir, writeFile } from 'node:fs/promises';
import { startBenchPage } from './bench-page.mjs';
import { FULL_BROWSER } from './sizes.mjs';

const argv = process.argv.slice(2);
const [name = 'alldocs'] = argv.filter((a) => !a.startsWith('--'));
/** `--save`: each timed part's profile is also written, for profile-summary.mjs (call trees). */
const save = argv.includes('--save');
/** `--target=floor` (or a pouchdb one): profile that target instead of Satchel. */
const target = argv.find((a) => a.startsWith('--target='))?.slice('--target='.length) ?? 'satchel';
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
  // Only the timed parts (not seeding or setup): the page starts and ends a console profile
  // around each (page.mjs's onTimed hook), and their samples are summed.
  const profiles = [];
  cdp.on('Profiler.consoleProfileFinished', ({ profile }) => profiles.push(profile));
  await page.evaluate((target) => {
    globalThis.onlyTarget = target;
    globalThis.onTimed = (_target, started) =>
      started ? console.profile('timed') : console.profileEnd('timed');
  }, target);
  await page.evaluate(({ sizes, name }) => globalThis.runBench(sizes, [name]), { sizes, name });
  const self = new Map();
  for (const profile of profiles) addSelfTimes(profile, self);
  if (save) {
    const dir = new URL('../../bench-results/profiles/', import.meta.url);
    await mkdir(dir, { recursive: true });
    for (const [i, profile] of profiles.entries()) {
      const file = new URL(`chromium-${name}-${Date.now()}-${i}.cpuprofile`, dir);
      await writeFile(file, JSON.stringify(profile));
    }
    console.log(`saved to ${dir.pathname} (node src/profile-summary.mjs reads the newest)`);
  }
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  console.log(`${profiles.length} timed part(s), ${total.toFixed(1)} ms sampled`);
  const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 30);
  for (const [k, ms] of top) console.log(`${ms.toFixed(1).padStart(8)} ms  ${k}`);
} finally {
  await session.stop();
}

/** Adds each function's self time in `profile` (ms) to `self`, by name and location. */
function addSelfTimes(profile, self) {
  const dt = profile.timeDeltas;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  profile.samples.forEach((id, i) => {
    const node = byId.get(id);
    const f = node.callFrame;
    const key = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber}`;
    self.set(key, (self.get(key) ?? 0) + (dt[i] ?? 0) / 1000);
  });
}
