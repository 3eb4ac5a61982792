import { toIndexableString } from '@satchel/core';
import { describe, expect, it } from 'vitest';
import { MappedEntry } from '../src/view-entry.js';

describe('a mapped row', () => {
  it('gives its key as PouchDB returns it, parsed from the indexable string when asked', () => {
    const entry = new MappedEntry(toIndexableString([[-0, 'a', { b: 1 }], 'doc']), 'doc', null);
    // -0 comes back as 0, as PouchDB's rows read back from its view database.
    expect(Object.is((entry.key as unknown[])[0], 0)).toBe(true);
    expect(entry.key).toEqual([0, 'a', { b: 1 }]);
    // Parsed once: the same object every time.
    expect(entry.key).toBe(entry.key);
    expect({ id: entry.id, value: entry.value }).toEqual({ id: 'doc', value: null });
  });
});
