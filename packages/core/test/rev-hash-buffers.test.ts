import { randomBytes } from 'node:crypto';
import { expect, it } from 'vitest';
import { newRevId, stringMd5 } from '../src/index.js';

it('hashes a large Buffer attachment like JSON.stringify of the whole document', () => {
  for (const size of [256 * 1024, 300_001, 1_000_000]) {
    const data = randomBytes(size);
    const doc = {
      _id: 'a',
      x: 1,
      _attachments: { 'f.bin': { content_type: 'x/y', data, revpos: 1 }, small: { data: 'aGk=' } },
    };
    expect(newRevId(doc, true)).toBe(stringMd5(JSON.stringify(doc)));
  }
});
