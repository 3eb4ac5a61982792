import { build } from 'esbuild';

const r = await build({
  stdin: {
    contents: "import Satchel from '../src/index.js'; globalThis.Satchel = Satchel;",
    resolveDir: process.cwd(),
    loader: 'ts',
  },
  bundle: true,
  write: false,
  minify: true,
  format: 'esm',
  platform: 'browser',
  splitting: true,
  outdir: 'out',
  conditions: ['satchel-source', 'browser'],
  metafile: true,
  logLevel: 'silent',
});
const want = process.argv.slice(2);
for (const [p, i] of Object.entries(r.metafile.inputs))
  for (const imp of i.imports)
    if (want.some((w) => imp.path.includes(w)))
      console.log(
        p.replace(/.*packages\//, ''),
        '->',
        imp.path.replace(/.*packages\//, ''),
        imp.kind,
      );
