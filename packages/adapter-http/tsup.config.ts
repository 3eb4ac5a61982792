import { satchelTsup } from '@satchel/tsconfig/tsup';
import { defineConfig } from 'tsup';

// `adapter` is the `@satchel/adapter-http/adapter` subpath: the adapter factory alone, whose code
// is loaded with `import()` when the first remote database is opened (pending-http-adapter.ts).
// Split, so the two entries and the lazily loaded code share one copy of it, and so one cookie
// jar.
export default defineConfig(
  satchelTsup({ entry: { index: 'src/index.ts', adapter: 'src/adapter.ts' }, splitting: true }),
);
