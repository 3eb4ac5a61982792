import { satchelTsup } from '@satchel/tsconfig/tsup';
import { defineConfig } from 'tsup';

// `engine` is the `@satchel/core/engine` subpath: only what an engine author needs.
export default defineConfig(
  satchelTsup({ entry: { index: 'src/index.ts', engine: 'src/engine/index.ts' } }),
);
