import { Satchel } from '@satchel/core';
import { afterEach, describe, expect, it } from 'vitest';
import { memoryAdapter } from '../src/index.js';

Satchel.adapter('memory', memoryAdapter, true);

const opened: Satchel[] = [];
let counter = 0;
const open = (): Satchel => {
  const db = new Satchel(`replicated-revisions-${process.pid}-${++counter}`, { adapter: 'memory' });
  opened.push(db);
  return db;
};

afterEach(async () => {
  await Promise.all(opened.splice(0).map((db) => db.destroy()));
});

const replicate = (db: Satchel, doc: object) =>
  db.bulkDocs([doc as { _id: string }], { new_edits: false });

/**
 * pouchdb@9 stores these and answers `[]`: the document then shows a revision (`-1-a`, `2.5-a`,
 * `2-1`) that every later `put` or `remove` refuses or conflicts with.
 */
describe('bulkDocs new_edits:false refuses a _revisions no later edit could name', () => {
  const bad: [string, object, object][] = [
    [
      'a negative start',
      { start: -1, ids: ['a', 'b'] },
      { status: 400, name: 'bad_request', message: 'Invalid rev format' },
    ],
    [
      'a fractional start',
      { start: 2.5, ids: ['a', 'b'] },
      { status: 400, name: 'doc_validation', reason: "_revisions.start isn't an integer." },
    ],
    [
      'a start in a string',
      { start: '2', ids: ['a', 'b'] },
      { status: 400, name: 'doc_validation', reason: "_revisions.start isn't an integer." },
    ],
    [
      'a start past 2^53',
      { start: 2 ** 53 + 2, ids: ['a'] },
      { status: 400, name: 'doc_validation', reason: "_revisions.start isn't an integer." },
    ],
    [
      'ids that are numbers',
      { start: 2, ids: [1, 2] },
      { status: 400, name: 'doc_validation', reason: "RevId isn't a string" },
    ],
    [
      'an id that is null',
      { start: 2, ids: ['a', null] },
      { status: 400, name: 'doc_validation', reason: "RevId isn't a string" },
    ],
    [
      'more ids than generations',
      { start: 1, ids: ['a', 'b', 'c'] },
      { status: 400, name: 'bad_request', message: 'Invalid rev format' },
    ],
  ];
  for (const [label, revisions, error] of bad) {
    it(label, async () => {
      const db = open();
      await expect(replicate(db, { _id: 'r', _revisions: revisions })).rejects.toMatchObject(error);
      await expect(db.get('r')).rejects.toMatchObject({ status: 404 });
      expect((await db.info()).doc_count).toBe(0);
    });
  }

  it('a _rev whose generation is past 2^53 (it would read back as another)', async () => {
    const db = open();
    await expect(replicate(db, { _id: 'r', _rev: '9007199254740993-a' })).rejects.toMatchObject({
      status: 400,
      name: 'bad_request',
      message: 'Invalid rev format',
    });
    expect((await db.info()).doc_count).toBe(0);
  });

  it('still takes the well-formed edges: generation 0, a start of 2^53 - 1', async () => {
    const db = open();
    await replicate(db, { _id: 'z', _revisions: { start: 0, ids: ['a'] } });
    await replicate(db, { _id: 'm', _revisions: { start: Number.MAX_SAFE_INTEGER, ids: ['a'] } });
    expect((await db.get('z'))._rev).toBe('0-a');
    const max = await db.get('m');
    expect(max._rev).toBe(`${Number.MAX_SAFE_INTEGER}-a`);
    await expect(db.remove(max)).resolves.toMatchObject({ ok: true });
  });
});
