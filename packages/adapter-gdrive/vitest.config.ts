import { satchelVitest } from '@satchel/tsconfig/vitest';

// The tests wait on (mock) Drive's request latency far more than on CPU, so more files run side
// by side than there are cores.
export default satchelVitest({ test: { maxWorkers: 4 } });
