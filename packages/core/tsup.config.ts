import { satchelTsup } from '@satchel/tsconfig/tsup';
import { defineConfig } from 'tsup';

const entries = { index: 'src/index.ts', engine: 'src/engine/index.ts' };

export default defineConfig([
  // CommonJS (Node): one bundle per entry; what both share is one chunk, so an app requiring
  // `@satchel/core` and `@satchel/core/engine` holds one copy of its state.
  satchelTsup({ entry: entries, format: ['cjs'], splitting: true }),
  // ES modules: one file per source file, unbundled. App bundlers then see core's own module
  // graph, as from source: a bundle of tsup's chunks is whole files, and the public re-exports
  // of a chunk shared with code loaded on first use (`occasional-code.ts`) would pull that code
  // back into what every page loads.
  satchelTsup({
    entry: ['src/**/*.ts'],
    format: ['esm'],
    bundle: false,
    treeshake: false,
    clean: false,
    dts: { entry: entries },
  }),
]);
