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
