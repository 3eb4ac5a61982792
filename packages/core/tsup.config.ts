import { satchelTsup } from '@satchel/tsconfig/tsup';
import { defineConfig } from 'tsup';

// `engine` is the `@satchel/core/engine` subpath: only what an engine author needs.
// Split, so what both entries share (LocalAdapter, errors, rev trees, ...) is one chunk: an app
// importing `@satchel/core` and `@satchel/core/engine` (the memory adapter does) bundles it
// once instead of twice (3 KB min+gzip of the browser preset), and holds one copy of its state.
export default defineConfig(
  satchelTsup({ entry: { index: 'src/index.ts', engine: 'src/engine/index.ts' }, splitting: true }),
);
