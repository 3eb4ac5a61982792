// Plain JavaScript on purpose: tsup loads configs with Node, which cannot import a .ts file
// from a workspace package on Node 20.

/**
 * The one tsup config every Satchel package builds with: ESM + CJS + .d.ts from src/index.ts.
 * @param {import('tsup').Options} [overrides]
 * @returns {import('tsup').Options}
 */
export function satchelTsup(overrides = {}) {
  return {
    entry: ['src/index.ts'],
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'node20',
    splitting: false,
    treeshake: true,
    ...overrides,
  };
}

/**
 * For `esbuildOptions`: the ES module build splits chunks at dynamic `import()`s, so code a
 * package loads lazily (rarely used paths) stays in a chunk of its own that app bundlers can
 * leave out of what every page loads. The CommonJS build stays one file per entry.
 * @type {NonNullable<import('tsup').Options['esbuildOptions']>}
 */
export function splitEsmChunks(options, { format }) {
  if (format === 'esm') options.splitting = true;
}
