import { satchelTsup } from '@satchel/tsconfig/tsup';
import { defineConfig } from 'tsup';

// ESM only: the runner is for Node scripts and tests (the example server, the bench).
export default defineConfig(satchelTsup({ format: ['esm'] }));
