import { gzipSync } from 'node:zlib';
import { build, type Plugin } from 'esbuild';

/** One row of the size table: a bundle's minified and min+gzip bytes. */
export interface SizeRow {
  name: string;
  /** What a page loads before any `import()`: the entry chunk and the chunks it imports. */
  minBytes: number;
  gzipBytes: number;
  /** Every chunk, the lazily loaded ones too (each gzipped on its own, as served). */
  allMinBytes: number;
  allGzipBytes: number;
  /** The source files in what loads initially (paths as esbuild reports them). */
  initialInputs?: string[];
}

const ENTRY = 'size-entry';

/**
 * Bundles `source` as a browser app would (esbuild, minified, the `browser` condition, chunks
 * split at dynamic `import()`s) and measures it: what loads up front, and all chunks together.
 * Workspace packages come from source, or with `from: 'dist'` from their built `dist/` files,
 * as an app installing them from npm gets them. With `splitting` false everything lands in one
 * file, as with esbuild's default or a script-tag build. Node built-ins fail the build.
 */
export async function measureBundle(
  name: string,
  source: string,
  resolveDir: string,
  from: 'source' | 'dist' = 'source',
  splitting = true,
): Promise<SizeRow> {
  const entry: Plugin = {
    name: 'size-entry',
    setup(b) {
      b.onResolve({ filter: new RegExp(`^${ENTRY}$`) }, () => ({ path: ENTRY, namespace: ENTRY }));
      b.onLoad({ filter: /.*/, namespace: ENTRY }, () => ({
        contents: source,
        resolveDir,
        loader: 'ts',
      }));
    },
  };
  const result = await build({
    entryPoints: [ENTRY],
    plugins: [entry],
    bundle: true,
    splitting,
    outdir: 'out',
    metafile: true,
    write: false,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    conditions: from === 'source' ? ['satchel-source', 'browser'] : ['browser'],
    logLevel: 'silent',
  });
  const outputs = result.metafile?.outputs ?? {};
  const files = new Map((result.outputFiles ?? []).map((f) => [f.path, f.contents]));
  const sizeOf = (path: string) => {
    const bytes = [...files].find(([p]) => p.endsWith(path))?.[1] ?? new Uint8Array(0);
    return { min: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  };
  // The entry chunk and, transitively, the chunks it imports statically.
  const initial = new Set<string>();
  const visit = (path: string) => {
    if (initial.has(path)) return;
    initial.add(path);
    for (const imp of outputs[path]?.imports ?? []) {
      if (imp.kind === 'import-statement' && !imp.external) visit(imp.path);
    }
  };
  // The app's own entry: chunks loaded with `import()` are entry points too, in any order.
  const start = Object.keys(outputs).find((p) => outputs[p]?.entryPoint === `${ENTRY}:${ENTRY}`);
  if (!start) throw new Error('the entry chunk is not among the outputs');
  visit(start);
  const row: SizeRow = { name, minBytes: 0, gzipBytes: 0, allMinBytes: 0, allGzipBytes: 0 };
  const inputs = new Set<string>();
  for (const path of Object.keys(outputs)) {
    if (!path.endsWith('.js')) continue;
    const { min, gzip } = sizeOf(path);
    row.allMinBytes += min;
    row.allGzipBytes += gzip;
    if (initial.has(path)) {
      row.minBytes += min;
      row.gzipBytes += gzip;
      for (const [input, { bytesInOutput }] of Object.entries(outputs[path]?.inputs ?? {})) {
        if (bytesInOutput > 0) inputs.add(input);
      }
    }
  }
  row.initialInputs = [...inputs];
  return row;
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

/**
 * The table as text, one bundle per line: what loads initially (min, min+gzip), then all
 * chunks including those loaded lazily by `import()`.
 */
export function formatSizeTable(rows: SizeRow[]): string {
  const width = Math.max(...rows.map((r) => r.name.length));
  const cells = (r: SizeRow) => [r.minBytes, r.gzipBytes, r.allMinBytes, r.allGzipBytes];
  const lines = rows.map(
    (r) =>
      `${r.name.padEnd(width)}${cells(r)
        .map((n) => kb(n).padStart(11))
        .join('')}`,
  );
  const heads = ['initial min', 'initial gz', 'all min', 'all gz'];
  return [`${'bundle'.padEnd(width)}${heads.map((h) => h.padStart(11)).join('')}`, ...lines].join(
    '\n',
  );
}
