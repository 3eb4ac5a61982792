import { satchelTsup, splitEsmChunks } from '@satchel/tsconfig/tsup';
import { defineConfig } from 'tsup';

// `browser` is the entry the `browser` export condition picks: no `node:vm` sandbox. The view
// engine is loaded with `import()` on first use: the ES module build keeps it in a chunk of its
// own (shared by both entries, as is the sandbox they install), so app bundlers can leave it out
// of what every page loads.
export default defineConfig(
  satchelTsup({
    entry: { index: 'src/index.ts', browser: 'src/browser.ts' },
    esbuildOptions: splitEsmChunks,
  }),
);
