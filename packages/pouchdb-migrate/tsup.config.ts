import { satchelTsup } from '@satchel/tsconfig/tsup';
import { defineConfig } from 'tsup';

export default defineConfig(satchelTsup({ entry: { index: 'src/index.ts' } }));
