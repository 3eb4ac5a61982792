// Where the bytes of a browser bundle come from: minified bytes per package folder and per
// file, with the flags of test/size.test.ts (esbuild, browser condition, es2022, no
// splitting, so lazily loaded code is listed too). For planning cuts; the test checks the sizes.
//   pnpm --filter @satchel/browser run size:why [core-idb|preset] [files to list] [--chunks]
// With --chunks: split at import() as the test does, and list each chunk (min, gzip, what it
// imports) with its largest files. esbuild assigns whole files to chunks, so a file reachable
// from the page through any import or re-export stays up front even if only lazy code uses it.

import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const args = process.argv.slice(2).filter((a) => a !== '--chunks');
const chunks = process.argv.includes('--chunks');
const which = args[0] ?? 'core-idb';
const top = Number(args[1] ?? 40);
const sources = {
  'core-idb':
    "import { Satchel } from '@satchel/core'; import { IndexedDbAdapterPlugin } from '@satchel/adapter-indexeddb'; Satchel.plugin(IndexedDbAdapterPlugin); globalThis.Satchel = Satchel;",
  preset: "import Satchel from '../src/index.js'; globalThis.Satchel = Satchel;",
};
if (!(which in sources)) throw new Error(`expected core-idb or preset, got ${which}`);

const result = await build({
  ...(chunks ? { splitting: true, outdir: 'out' } : {}),
  stdin: {
    contents: sources[which],
    resolveDir: fileURLToPath(new URL('../test', import.meta.url)),
    loader: 'ts',
  },
  bundle: true,
  write: false,
  minify: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  conditions: ['satchel-source', 'browser'],
  metafile: true,
  logLevel: 'silent',
});
/** [file, minified bytes] of `inputs`, largest first, with short names. */
const filesOf = (inputs) =>
  Object.entries(inputs)
    .map(([path, { bytesInOutput }]) => [path.replace(/.*node_modules\//, 'npm:'), bytesInOutput])
    .map(([path, bytes]) => [path.replace(/^(\.\.\/)+(packages|presets)\//, ''), bytes])
    .filter(([, bytes]) => bytes > 0)
    .sort((a, b) => b[1] - a[1]);
const kb = (n) => `${(n / 1024).toFixed(1)} KB`.padStart(9);
if (chunks) {
  const contents = new Map(result.outputFiles.map((f) => [f.path, f.contents]));
  for (const [path, output] of Object.entries(result.metafile.outputs)) {
    if (!path.endsWith('.js')) continue;
    const bytes = [...contents].find(([p]) => p.endsWith(path))?.[1] ?? new Uint8Array(0);
    const imports = output.imports.map(
      (i) => `${i.kind === 'dynamic-import' ? 'lazy ' : ''}${i.path}`,
    );
    console.log(
      `${path}: ${kb(bytes.length)} min ${kb(gzipSync(bytes, { level: 9 }).length)} gzip`,
    );
    if (imports.length > 0) console.log(`  imports ${imports.join(', ')}`);
    for (const [name, size] of filesOf(output.inputs).slice(0, top))
      console.log(`${kb(size)}  ${name}`);
  }
  process.exit(0);
}
const files = filesOf(Object.values(result.metafile.outputs)[0].inputs);
// A package's folder under src/ (core/local-adapter, adapter-indexeddb/pouch-idb…), or the file.
const folderOf = (path) => {
  const m = path.match(/^([^/]+)\/src\/([^/]+)/);
  return m ? `${m[1]}/${m[2].replace(/\.ts$/, '')}` : path;
};
const folders = new Map();
for (const [path, bytes] of files)
  folders.set(folderOf(path), (folders.get(folderOf(path)) ?? 0) + bytes);
console.log(`${which}: ${kb(result.outputFiles[0].contents.length)} minified\n\nby folder:`);
for (const [name, bytes] of [...folders].sort((a, b) => b[1] - a[1]).slice(0, top)) {
  console.log(`${kb(bytes)}  ${name}`);
}
console.log('\nby file:');
for (const [name, bytes] of files.slice(0, top)) console.log(`${kb(bytes)}  ${name}`);
