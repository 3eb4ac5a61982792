import { satchelTsup } from '@satchel/tsconfig/tsup';
import { defineConfig } from 'tsup';

// `browser` is the entry the `browser` export condition picks: no `node:vm` sandbox.
export default defineConfig(
  satchelTsup({ entry: { index: 'src/index.ts', browser: 'src/browser.ts' } }),
);
