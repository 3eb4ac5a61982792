import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

/** One row of the size table: a bundle's minified and min+gzip bytes. */
export interface SizeRow {
  name: string;
  minBytes: number;
  gzipBytes: number;
}

/**
 * Bundles `source` as a browser app would (esbuild, minified, the `browser` condition) and
 * measures it. Workspace packages come from source, or with `from: 'dist'` from their built
 * `dist/` files, as an app installing them from npm gets them. Node built-ins fail the build.
 */
export async function measureBundle(
  name: string,
  source: string,
  resolveDir: string,
  from: 'source' | 'dist' = 'source',
): Promise<SizeRow> {
  const result = await build({
    stdin: { contents: source, resolveDir, loader: 'ts' },
    bundle: true,
    write: false,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    conditions: from === 'source' ? ['satchel-source', 'browser'] : ['browser'],
    logLevel: 'silent',
  });
  const bytes = result.outputFiles?.[0]?.contents ?? new Uint8Array(0);
  return { name, minBytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length };
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

/** The table as text, one package per line. */
export function formatSizeTable(rows: SizeRow[]): string {
  const width = Math.max(...rows.map((r) => r.name.length));
  const lines = rows.map(
    (r) => `${r.name.padEnd(width)}  ${kb(r.minBytes).padStart(9)}  ${kb(r.gzipBytes).padStart(9)}`,
  );
  return [
    `${'bundle'.padEnd(width)}  ${'min'.padStart(9)}  ${'min+gzip'.padStart(9)}`,
    ...lines,
  ].join('\n');
}
