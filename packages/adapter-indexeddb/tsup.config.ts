import { satchelTsup, splitEsmChunks } from '@satchel/tsconfig/tsup';
import { defineConfig } from 'tsup';

// The pouchdb-browser import code is loaded with `import()` only when such a database exists:
// the ES module build keeps it in a chunk of its own.
export default defineConfig(satchelTsup({ esbuildOptions: splitEsmChunks }));
