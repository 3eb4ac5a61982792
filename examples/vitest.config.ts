import { satchelVitest } from '@satchel/tsconfig/vitest';

export default satchelVitest({
  test: {
    // The third-party engine's own tests run in a temporary npm project, from packed tarballs
    // (third-party-engine/packed.test.ts), never from the workspace’s sources; node-test/ runs
    // under node:test there.
    exclude: [
      '**/node_modules/**',
      'third-party-engine/test/**',
      'third-party-engine/node-test/**',
    ],
  },
});
