import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';

/** Options for {@link bundleForBrowser}. */
export interface BundleOptions {
  /** The entry's source (TypeScript); imports resolve from `resolveDir`. */
  source: string;
  /** The directory the entry's relative imports resolve from. */
  resolveDir: string;
  /** `iife` for script tags, `esm` (default) for `<script type="module">`. */
  format?: 'esm' | 'iife';
  /** Minify (default false: readable stacks in test failures). */
  minify?: boolean;
  /** Resolve `vitest` to the in-page shim (default true). */
  vitestShim?: boolean;
  /** Extra module aliases, e.g. `{ pouchdb: 'pouchdb-browser' }`. */
  alias?: Record<string, string>;
}

const SHIM = vitestShimPath();

/** The in-page vitest shim, a TypeScript source (also when this module runs from dist/). */
export function vitestShimPath(): string {
  const fromDist = import.meta.url.includes('/dist/');
  return fileURLToPath(
    new URL(fromDist ? '../src/page/vitest-shim.ts' : './page/vitest-shim.ts', import.meta.url),
  );
}

/** Node's built-in modules must never reach a browser bundle: fail the build, naming them. */
const noNodeBuiltins: Plugin = {
  name: 'no-node-builtins',
  setup(b) {
    b.onResolve({ filter: /^node:/ }, (args) => ({
      errors: [{ text: `Node built-in "${args.path}" imported by ${args.importer}` }],
    }));
  },
};

/**
 * Bundles a browser entry with esbuild: workspace packages from their TypeScript sources (the
 * `satchel-source` condition), the `browser` export condition, no Node built-ins. Returns the
 * JavaScript text.
 */
export async function bundleForBrowser(options: BundleOptions): Promise<string> {
  const result = await build({
    stdin: { contents: options.source, resolveDir: options.resolveDir, loader: 'ts' },
    bundle: true,
    write: false,
    format: options.format ?? 'esm',
    platform: 'browser',
    target: 'es2022',
    conditions: ['satchel-source', 'browser'],
    minify: options.minify ?? false,
    sourcemap: options.minify ? false : 'inline',
    logLevel: 'silent',
    alias: { ...(options.vitestShim === false ? {} : { vitest: SHIM }), ...options.alias },
    // Test files sit in packages marked `sideEffects: false`; their imports must not be dropped.
    ignoreAnnotations: options.vitestShim !== false,
    plugins: [noNodeBuiltins],
  });
  const out = result.outputFiles?.[0];
  if (!out) throw new Error('esbuild produced no output');
  return out.text;
}
