// Plain JavaScript on purpose: vitest loads configs with Node, which cannot import a .ts file
// from a workspace package on Node 20.
import { defineConfig } from 'vitest/config';

const conditions = ['satchel-source', 'import', 'module', 'default'];

/**
 * Base vitest config: tests resolve workspace packages to their TypeScript sources through the
 * `satchel-source` export condition, so they run without a prior build.
 * @param {import('vitest/config').ViteUserConfig} [overrides]
 * @returns {import('vitest/config').ViteUserConfig}
 */
export function satchelVitest(overrides = {}) {
  return defineConfig({
    resolve: { conditions },
    ssr: { resolve: { conditions } },
    ...overrides,
    test: {
      // Generous: on a loaded two-core CI machine the slowest tests (many HTTP round trips,
      // replication) ran 5x slower than idle (12 s -> 60 s) and timed out at 60 s.
      testTimeout: 120_000,
      hookTimeout: 120_000,
      pool: 'forks',
      ...overrides.test,
    },
  });
}
