import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Every commit rewrites the snapshot file: give slow disks and loaded machines room.
  test: { testTimeout: 60_000, hookTimeout: 60_000 },
});
