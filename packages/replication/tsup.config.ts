import { satchelTsup } from '@satchel/tsconfig/tsup';
import { defineConfig } from 'tsup';

// `plugin` is the `@satchel/replication/plugin` subpath: the plugin alone, whose protocol code is
// loaded with `import()` on the first replication (start-replication.ts). Split, so the two
// entries and the lazily loaded code share one copy of it (one `Replication` class).
export default defineConfig(
  satchelTsup({ entry: { index: 'src/index.ts', plugin: 'src/plugin.ts' }, splitting: true }),
);
