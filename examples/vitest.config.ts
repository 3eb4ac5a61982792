import { satchelVitest } from '@satchel/tsconfig/vitest';

export default satchelVitest({
  test: {
    // The third-party engine's own tests run in a temporary npm project, from packed tarballs
    // (third-party-engine/packed.test.ts), never from the workspace's sources.
    exclude: ['**/node_modules/**', 'third-party-engine/test/**'],
  },
});
