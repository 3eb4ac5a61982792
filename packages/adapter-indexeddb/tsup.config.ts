import { satchelTsup } from '@satchel/tsconfig/tsup';
import { defineConfig } from 'tsup';

export default defineConfig(
  satchelTsup({
    // The ES module build keeps the pouchdb-browser import code (loaded with `import()` only
    // when such a database exists) in a chunk of its own, so app bundlers can leave it out of
    // what every page loads. The CommonJS build stays one file.
    esbuildOptions(options, { format }) {
      if (format === 'esm') options.splitting = true;
    },
  }),
);
