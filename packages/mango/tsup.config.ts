import { satchelTsup, splitEsmChunks } from '@satchel/tsconfig/tsup';
import { defineConfig } from 'tsup';

// The plugin's methods load their code with `import()` on first use: the ES module build keeps
// it in a chunk of its own, so app bundlers can leave it out of what every page loads.
export default defineConfig(satchelTsup({ esbuildOptions: splitEsmChunks }));
