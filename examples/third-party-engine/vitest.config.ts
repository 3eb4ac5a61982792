import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Every commit rewrites the snapshot file: give slow disks and loaded machines room.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // node-test/ is the same suite under node:test (`npm run test:node`), not vitest's.
    exclude: [...configDefaults.exclude, 'node-test/**'],
  },
});
