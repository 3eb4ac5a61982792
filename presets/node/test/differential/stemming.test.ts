import fc from 'fast-check';
import { it } from 'vitest';
import { mixes } from './ops.js';
import { checkSequences } from './property.js';

const dbOptions = fc.record(
  { revs_limit: fc.integer({ min: 1, max: 4 }), auto_compaction: fc.boolean() },
  { requiredKeys: [] },
);

it('revs_limit, compaction and auto_compaction agree with pouchdb@9', async () => {
  await checkSequences(mixes.stemming, 2000, dbOptions);
}, 120_000);
