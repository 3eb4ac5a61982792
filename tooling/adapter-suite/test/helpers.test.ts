import { describe, expect, it } from 'vitest';
import { hash, revPos, sortOpenRevs } from '../src/assertions.js';
import { type AdapterSuiteConfig, hasCapability, randomName } from '../src/config.js';
import { AREAS } from '../src/index.js';

const config = (capabilities: AdapterSuiteConfig['capabilities']): AdapterSuiteConfig => ({
  label: 'x',
  Satchel: class {},
  capabilities,
});

describe('suite helpers', () => {
  it('capabilities default to true; autoCompaction follows compaction', () => {
    expect(hasCapability(config(undefined), 'purge')).toBe(true);
    expect(hasCapability(config({ purge: false }), 'purge')).toBe(false);
    expect(hasCapability(config({ compaction: false }), 'autoCompaction')).toBe(false);
    expect(
      hasCapability(config({ compaction: false, autoCompaction: true }), 'autoCompaction'),
    ).toBe(true);
  });

  it('random names differ', () => {
    expect(randomName()).not.toBe(randomName());
  });

  it('revPos reads the generation; hash makes 32-char labels', () => {
    expect(revPos('12-abc')).toBe(12);
    expect(hash('ab')).toHaveLength(32);
    expect(hash('ab')).not.toBe(hash('ba'));
  });

  it('sortOpenRevs orders by rev whatever the kind of entry', () => {
    const sorted = sortOpenRevs([
      { missing: '2-b' },
      { ok: { _id: 'x', _rev: '1-z' } },
      { missing: '1-a' },
    ]);
    expect(sorted.map((r) => ('ok' in r ? r.ok._rev : r.missing))).toEqual(['1-a', '1-z', '2-b']);
  });

  it('every area the README lists is registered', () => {
    expect(Object.keys(AREAS)).toEqual([
      'basics',
      'bulk-docs',
      'get-options',
      'all-docs',
      'conflicts',
      'revs-limit',
      'compaction',
      'local-docs',
      'design-docs',
      'revs-diff',
      'bulk-get',
      'info',
      'purge',
      'attachments',
      'lifecycle',
      'concurrency',
      'changes',
      'parity',
    ]);
  });
});
