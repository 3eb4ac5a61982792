import { satchelTsup } from '@satchel/tsconfig/tsup';
import { defineConfig } from 'tsup';

export default defineConfig([
  satchelTsup(),
  // The executable: ESM only, with its shebang.
  satchelTsup({
    entry: ['src/bin.ts'],
    format: ['esm'],
    dts: false,
    clean: false,
    banner: { js: '#!/usr/bin/env node' },
  }),
]);
