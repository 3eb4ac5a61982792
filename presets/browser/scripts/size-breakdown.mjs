// Where the bytes of a browser bundle come from: minified bytes per package folder and per
// file, with the flags of test/size.test.ts (esbuild, browser condition, es2022, no
// splitting, so lazily loaded code is listed too). For planning cuts; the test checks the sizes.
//   pnpm --filter @satchel/browser run size:why [core-idb|preset] [files to list]
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const which = process.argv[2] ?? 'core-idb';
const top = Number(process.argv[3] ?? 40);
const sources = {
  'core-idb':
    "import { Satchel } from '@satchel/core'; import { IndexedDbAdapterPlugin } from '@satchel/adapter-indexeddb'; Satchel.plugin(IndexedDbAdapterPlugin); globalThis.Satchel = Satchel;",
  preset: "import Satchel from '../src/index.js'; globalThis.Satchel = Satchel;",
};
if (!(which in sources)) throw new Error(`expected core-idb or preset, got ${which}`);

const result = await build({
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
const inputs = Object.values(result.metafile.outputs)[0].inputs;
const files = Object.entries(inputs)
  .map(([path, { bytesInOutput }]) => [path.replace(/.*node_modules\//, 'npm:'), bytesInOutput])
  .map(([path, bytes]) => [path.replace(/^(\.\.\/)+(packages|presets)\//, ''), bytes])
  .sort((a, b) => b[1] - a[1]);
// A package's folder under src/ (core/local-adapter, adapter-indexeddb/pouch-idb…), or the file.
const folderOf = (path) => {
  const m = path.match(/^([^/]+)\/src\/([^/]+)/);
  return m ? `${m[1]}/${m[2].replace(/\.ts$/, '')}` : path;
};
const folders = new Map();
for (const [path, bytes] of files)
  folders.set(folderOf(path), (folders.get(folderOf(path)) ?? 0) + bytes);
const kb = (n) => `${(n / 1024).toFixed(1)} KB`.padStart(9);
console.log(`${which}: ${kb(result.outputFiles[0].contents.length)} minified\n\nby folder:`);
for (const [name, bytes] of [...folders].sort((a, b) => b[1] - a[1]).slice(0, top)) {
  console.log(`${kb(bytes)}  ${name}`);
}
console.log('\nby file:');
for (const [name, bytes] of files.slice(0, top)) console.log(`${kb(bytes)}  ${name}`);
