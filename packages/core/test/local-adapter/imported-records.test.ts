import { describe, expect, it } from 'vitest';
import { availableRevs, importedDocRecord, type RevTree, storedBody } from '../../src/index.js';

// 1-a → 2-b (winner) and 1-a → 2-c (deleted leaf); 1-a's body was compacted away (missing).
const tree: RevTree = [
  {
    pos: 1,
    ids: [
      'a',
      { status: 'missing' },
      [
        ['b', { status: 'available' }, []],
        ['c', { status: 'available', deleted: true }, []],
      ],
    ],
  },
];

describe('records for imported data', () => {
  it('availableRevs lists the revisions whose bodies may be stored', () => {
    expect(availableRevs(tree).sort()).toEqual(['2-b', '2-c']);
  });

  it('storedBody keeps content and attachment references, drops meta fields and inline data', () => {
    const body = storedBody({
      _id: 'x',
      _rev: '2-b',
      _deleted: false,
      _doc_id_rev: 'x::2-b',
      _replication_state: 'triggered',
      n: 1,
      _attachments: {
        'a.txt': { stub: true, digest: 'md5-1', content_type: 'text/plain', length: 3, revpos: 2 },
        'b.bin': { data: 'AAEC', digest: 'md5-2', content_type: 'x/y', length: 3, revpos: 1 },
      },
    });
    expect(body).toEqual({
      _replication_state: 'triggered',
      n: 1,
      _attachments: {
        'a.txt': { digest: 'md5-1', content_type: 'text/plain', length: 3, revpos: 2 },
        'b.bin': { digest: 'md5-2', content_type: 'x/y', length: 3, revpos: 1 },
      },
    });
  });

  it('importedDocRecord computes the winner and deletion from the tree', () => {
    expect(importedDocRecord('x', tree, 7, true)).toEqual({
      id: 'x',
      rev_tree: tree,
      winningRev: '2-b',
      deleted: false,
      seq: 7,
      attachments: true,
    });
    expect(importedDocRecord('x', tree, 7, false)).not.toHaveProperty('attachments');
  });
});
