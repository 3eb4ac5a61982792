import { it } from 'vitest';
import { mixes } from './ops.js';
import { checkSequences } from './property.js';

it('allDocs and changes with random options agree with pouchdb@9', async () => {
  await checkSequences(mixes.queries, 3000);
}, 120_000);
