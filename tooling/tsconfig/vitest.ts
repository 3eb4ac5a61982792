import { defineConfig, type ViteUserConfig } from 'vitest/config';

/**
 * Base vitest config: tests resolve workspace packages to their TypeScript sources through the
 * `satchel-source` export condition, so they run without a prior build.
 */
export function satchelVitest(overrides: ViteUserConfig = {}): ViteUserConfig {
  return defineConfig({
    resolve: { conditions: ['satchel-source', 'import', 'module', 'default'] },
    ssr: { resolve: { conditions: ['satchel-source', 'import', 'module', 'default'] } },
    ...overrides,
    test: {
      testTimeout: 60_000,
      hookTimeout: 60_000,
      pool: 'forks',
      ...overrides.test,
    },
  });
}
