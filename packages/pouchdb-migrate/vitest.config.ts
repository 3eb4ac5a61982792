import { satchelVitest } from '@satchel/tsconfig/vitest';

export default satchelVitest();
