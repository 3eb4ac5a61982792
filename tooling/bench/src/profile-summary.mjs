// Summarises a V8 .cpuprofile (from `node --cpu-prof`): the functions with the most self time
// and the most total (inclusive) time, mapped back to TypeScript sources through the dist
// source maps, so a hotspot reads `packages/core/src/x.ts:fn` rather than `dist/index.js:4123`.
//   node src/profile-summary.mjs [file-or-dir] [top] [--match=text] [--callers=text]
// Without a file it reads the newest profile in bench-results/profiles (`pnpm run profile`).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const option = (name) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const top = Number.parseInt(args.find((a) => /^\d+$/.test(a)) ?? '25', 10);
const match = option('match');
const callersOf = option('callers');
const target =
  args.find((a) => !a.startsWith('--') && !/^\d+$/.test(a)) ??
  fileURLToPath(new URL('../bench-results/profiles/', import.meta.url));

/** `path` itself, or the newest .cpuprofile in it when it is a directory. */
function profileFile(path) {
  if (!statSync(path).isDirectory()) return path;
  const files = readdirSync(path)
    .filter((f) => f.endsWith('.cpuprofile'))
    .map((f) => join(path, f));
  if (files.length === 0) throw new Error(`no .cpuprofile in ${path}`);
  return files.sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
}

const file = profileFile(target);
const profile = JSON.parse(readFileSync(file, 'utf8'));
const maps = new Map();

/** The source map of a `file://` script, or null (node internals, no map). */
function mapOf(url) {
  if (!maps.has(url)) {
    let map = null;
    try {
      map = new SourceMap(JSON.parse(readFileSync(`${fileURLToPath(url)}.map`, 'utf8')));
    } catch {}
    maps.set(url, map);
  }
  return maps.get(url);
}

/** `source:line function`, the source path shortened to the part after the repo root. */
function where({ functionName, url, lineNumber, columnNumber }) {
  const name = functionName || '(anonymous)';
  if (!url) return name;
  let source = url;
  let line = lineNumber + 1;
  const entry = url.startsWith('file:') ? mapOf(url)?.findEntry(lineNumber, columnNumber) : null;
  if (entry?.originalSource) {
    // Map sources are relative to the map (`../src/x.ts`): resolve them against the script.
    source = new URL(entry.originalSource, url).pathname;
    line = entry.originalLine + 1;
  }
  source = source.replace(/^.*?\/(packages|presets|tooling|node_modules\/\.pnpm)\//, '$1/');
  source = source.replace(/^node_modules\/\.pnpm\/[^/]+\/node_modules\//, '');
  return `${source}:${line} ${name}`;
}

const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const key = new Map(profile.nodes.map((n) => [n.id, where(n.callFrame)]));

const self = new Map();
const total = new Map();
const callers = new Map();
const add = (map, k, ms) => map.set(k, (map.get(k) ?? 0) + ms);
let all = 0;
profile.samples.forEach((id, i) => {
  const ms = (profile.timeDeltas[i] ?? 0) / 1000;
  all += ms;
  add(self, key.get(id), ms);
  // Inclusive time: each function on the stack once, however deep its recursion.
  const seen = new Set();
  for (let n = id; n !== undefined; n = parent.get(n)) {
    const k = key.get(n);
    if (seen.has(k)) continue;
    seen.add(k);
    add(total, k, ms);
    // Who spends time in the function asked about: its caller chain, three frames up.
    if (callersOf && k.includes(callersOf)) {
      const chain = [];
      for (let p = parent.get(n); p !== undefined && chain.length < 3; p = parent.get(p)) {
        chain.push(key.get(p));
      }
      add(callers, `${k}\n      < ${chain.join('\n      < ')}`, ms);
    }
  }
});

function print(title, table) {
  console.log(`\n${title}`);
  const rows = [...table].filter(([k]) => !match || k.includes(match));
  for (const [k, ms] of rows.sort((a, b) => b[1] - a[1]).slice(0, top)) {
    const share = ((100 * ms) / all).toFixed(1);
    console.log(`${ms.toFixed(1).padStart(9)} ms ${share.padStart(5)}%  ${k}`);
  }
}

console.log(`${file}: ${all.toFixed(0)} ms sampled`);
print('self time', self);
print('total time (inclusive)', total);
if (callersOf) print(`callers of ${callersOf} (inclusive)`, callers);
