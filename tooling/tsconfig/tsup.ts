import type { Options } from 'tsup';

/** The one tsup config every Satchel package builds with: ESM + CJS + .d.ts from src/index.ts. */
export function satchelTsup(overrides: Options = {}): Options {
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
