import { satchelTsup } from '@satchel/tsconfig/tsup';
import { defineConfig } from 'tsup';

// ESM only: the suite imports vitest, and vitest refuses to be loaded with require(), so a
// CommonJS build could never run.
export default defineConfig(satchelTsup({ format: ['esm'] }));
