import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { newRevId, stringMd5 } from '../src/index.js';

// Large attachment data is hashed without building the document's JSON text; these pin that
// the revision is still the MD5 of `JSON.stringify(doc)`, as PouchDB computes it.
describe('revision hash of documents with large attachment data', () => {
  it('hashes a large Buffer attachment like JSON.stringify of the whole document', () => {
    for (const size of [256 * 1024, 300_001, 1_000_000]) {
      const data = randomBytes(size);
      const doc = {
        _id: 'a',
        x: 1,
        _attachments: {
          'f.bin': { content_type: 'x/y', data, revpos: 1 },
          small: { data: 'aGk=' },
        },
      };
      expect(newRevId(doc, true)).toBe(stringMd5(JSON.stringify(doc)));
    }
  });

  it('hashes long base64 text like JSON.stringify of the whole document', () => {
    for (const size of [786_432, 786_433, 3_000_000]) {
      const data = randomBytes(size).toString('base64'); // 1 MiB of text and more
      const doc = {
        _id: 'b',
        _attachments: { a: { content_type: 'x/y', data }, b: { content_type: 'x/y', data } },
        after: 'é',
      };
      expect(newRevId(doc, true)).toBe(stringMd5(JSON.stringify(doc)));
    }
  });

  it('hashes long text that JSON escapes (quotes, control and non-ASCII characters)', () => {
    const base = 'x'.repeat(1 << 20);
    for (const odd of ['"', '\\', '\n', '\u0000', 'é', '€', '\ud800', '😀', '\u2028']) {
      const doc = { _id: 'c', _attachments: { a: { content_type: 'x/y', data: base + odd } } };
      expect(newRevId(doc, true)).toBe(stringMd5(JSON.stringify(doc)));
    }
  });
});
