import { it } from 'vitest';
import { mixes } from './ops.js';
import { checkSequences } from './property.js';

it('put/remove/bulkDocs/get/info sequences agree with pouchdb@9', async () => {
  await checkSequences(mixes.writes, 3000);
}, 120_000);
