import { it } from 'vitest';
import { mixes } from './ops.js';
import { checkSequences } from './property.js';

it('new_edits: false trees, open_revs, revsDiff and bulkGet agree with pouchdb@9', async () => {
  await checkSequences(mixes.replication, 3000);
}, 120_000);
