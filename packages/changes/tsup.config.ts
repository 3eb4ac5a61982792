import { satchelTsup, splitEsmChunks } from '@satchel/tsconfig/tsup';
import { defineConfig } from 'tsup';

// Design-doc and view filters and remote long-polls load their code with `import()` on first
// use (filter-code.ts): the ES module build keeps it in a chunk of its own, so app bundlers can
// leave it out of what every page loads.
export default defineConfig(satchelTsup({ esbuildOptions: splitEsmChunks }));
