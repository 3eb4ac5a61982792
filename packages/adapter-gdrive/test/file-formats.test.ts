import type { DocRecord, EngineBatch } from '@satchel/core';
import { describe, expect, it } from 'vitest';
import { decodeBodyFile } from '../src/body-file.js';
import { decodeChange, encodeChange } from '../src/change-file.js';
import { DriveState, revKey } from '../src/drive-state.js';
import { MalformedAnswer } from '../src/drive-transport.js';
import { decodeIndex, encodeIndex, freeze } from '../src/snapshot-file.js';

const tree = (hash: string) => [{ pos: 1, ids: [hash, { status: 'available' }, []] }];
const doc = (id: string, extra: Partial<DocRecord> = {}): DocRecord =>
  ({
    id,
    rev_tree: tree('h') as DocRecord['rev_tree'],
    winningRev: '1-h',
    deleted: false,
    seq: 1,
    ...extra,
  }) as DocRecord;

describe('change files', () => {
  it('round-trip every kind of batch item, bodies and attachment bytes included', () => {
    const batch: EngineBatch = {
      putDocs: [doc('a', { seq: 3, attachments: true })],
      deleteDocs: ['gone'],
      putRevs: [
        { id: 'a', rev: '1-h', body: { x: 'é\u2028', n: [1, { y: null }] } },
        { id: 'b', rev: '2-k', body: { z: 1 }, json: '{"z":1}' },
      ],
      deleteRevs: [{ id: 'a', rev: '0-old' }],
      putSeqs: [{ seq: 3, id: 'a' }],
      deleteSeqs: [2],
      putLocals: [{ id: '_local/c', rev: '0-1', body: { last: 5 } }],
      deleteLocals: ['_local/old'],
      putAttachments: [{ digest: 'md5-x', refs: ['a@1-h'], data: new Uint8Array([0, 255, 7]) }],
      deleteAttachments: ['md5-y'],
      meta: { updateSeq: 3, docCount: 1, uuid: 'u' },
    };
    const set = decodeChange(encodeChange(batch, 'commit-1'));
    expect(set.commit).toBe('commit-1');
    expect(set.putDocs).toEqual(batch.putDocs);
    expect(set.putRevs.map(({ id, rev, body }) => ({ id, rev, body }))).toEqual([
      { id: 'a', rev: '1-h', body: { x: 'é\u2028', n: [1, { y: null }] } },
      { id: 'b', rev: '2-k', body: { z: 1 } },
    ]);
    expect(set.putAttachments[0]?.data).toEqual(new Uint8Array([0, 255, 7]));
    expect(set).toMatchObject({
      deleteDocs: ['gone'],
      deleteRevs: [{ id: 'a', rev: '0-old' }],
      putSeqs: [{ seq: 3, id: 'a' }],
      deleteSeqs: [2],
      putLocals: batch.putLocals,
      deleteLocals: ['_local/old'],
      deleteAttachments: ['md5-y'],
      meta: batch.meta,
    });
  });

  it('a file cut short at a line boundary is refused, so it is downloaded again', () => {
    const text = encodeChange({ putDocs: [doc('a'), doc('b')] }, 'c');
    const lines = text.split('\n');
    expect(() => decodeChange(`${lines.slice(0, 2).join('\n')}\n`)).toThrow(MalformedAnswer);
    expect(() => decodeChange(text.replace('"n":2', '"n":3'))).toThrow(MalformedAnswer);
    expect(() => decodeChange(text.slice(0, text.length - 5))).toThrow(MalformedAnswer);
  });
});

describe('snapshot index', () => {
  it('round-trips records, body chunks, seqs, locals and attachments', () => {
    const state = new DriveState({ updateSeq: 9, docCount: 2, uuid: 'u' });
    const odd = { ...doc('odd', { seq: 7 }), future: 'field' } as DocRecord;
    const two = doc('two', { seq: 8, winningRev: '2-w', deleted: true, attachments: true });
    state.data.docs.put([doc('plain', { seq: 5 }), odd, two]);
    state.data.seqs.put([
      { seq: 5, id: 'plain' },
      { seq: 7, id: 'odd' },
      { seq: 8, id: 'two' },
      { seq: 9, id: 'stray' },
    ]);
    state.data.locals.set('_local/x', { id: '_local/x', rev: '0-2', body: { a: 1 } });
    state.data.attachmentRecords.set('md5-a', { digest: 'md5-a', refs: ['two@2-w'] });
    const revChunks = new Map([
      ['plain', new Map([['1-h', 0]])],
      ['odd', new Map([['1-h', 1]])],
      [
        'two',
        new Map([
          ['1-h', 0],
          ['2-w', 1],
        ]),
      ],
    ]);
    const text = encodeIndex(freeze(state, 4), revChunks, new Map([['md5-a', 1]]));
    const back = decodeIndex(text, ['c0', 'c1']);
    expect(back.allDocs()).toEqual(state.allDocs());
    expect(back.data.seqs.scan({})).toEqual(state.data.seqs.scan({}));
    expect(back.data.locals.get('_local/x')).toEqual({
      id: '_local/x',
      rev: '0-2',
      body: { a: 1 },
    });
    expect(back.allAttachments()).toEqual(state.allAttachments());
    expect(back.attachmentFiles.get('md5-a')).toBe('c1');
    expect(back.revFiles.get(revKey('plain', '1-h'))).toBe('c0');
    expect(back.revFiles.get(revKey('odd', '1-h'))).toBe('c1');
    expect(back.revFiles.get(revKey('two', '1-h'))).toBe('c0');
    expect(back.revFiles.get(revKey('two', '2-w'))).toBe('c1');
    expect(back.meta).toEqual({ updateSeq: 9, docCount: 2, uuid: 'u' });
  });

  it('body files give each body with its weight', () => {
    const text = encodeChange(
      { putRevs: [{ id: 'a', rev: '1-h', body: { v: 'x'.repeat(50) } }] },
      'c',
    );
    const file = decodeBodyFile(text);
    const entry = file.bodies.get(revKey('a', '1-h'));
    expect(entry?.body).toEqual({ v: 'x'.repeat(50) });
    expect(entry?.bytes).toBeGreaterThan(50);
  });
});
