import { satchelTsup } from '@satchel/tsconfig/tsup';
import { defineConfig } from 'tsup';

// `adapter` is the `@satchel/adapter-memory/adapter` subpath: the `memory` adapter alone, whose
// engine code is loaded on first use (see memory-adapter.ts). Split, so the two entries and the
// lazily loaded engine share one copy of the code, and so one registry of memory databases.
export default defineConfig(
  satchelTsup({ entry: { index: 'src/index.ts', adapter: 'src/adapter.ts' }, splitting: true }),
);
