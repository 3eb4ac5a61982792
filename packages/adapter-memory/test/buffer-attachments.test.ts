import { randomBytes } from 'node:crypto';
import { newRevId, Satchel } from '@satchel/core';
import { expect, it } from 'vitest';
import { memoryAdapter } from '../src/index.js';

Satchel.adapter('memory', memoryAdapter, true);

/**
 * Core hashes documents whose attachments hold large Node Buffers with code it loads on first
 * use: the first such write in a process (this file runs in a module graph of its own) waits for
 * it and gets the revision PouchDB gives, with its id generated once.
 */
it('the first writes of documents with large Buffer attachments get PouchDB revisions', async () => {
  const db = new Satchel(`buffer-attachments-${process.pid}`, { adapter: 'memory' });
  const data = randomBytes(8192);
  const doc = { _id: 'a', _attachments: { 'f.bin': { content_type: 'x/y', data } } };
  // What PouchDB hashes: the attachment's fields re-picked in its order (data first).
  const hashed = { _id: 'a', _attachments: { 'f.bin': { data, content_type: 'x/y' } } };
  const expected = `1-${newRevId(hashed, true)}`;
  expect(await db.put(doc)).toMatchObject({ ok: true, id: 'a', rev: expected });
  // Once the code is there, the same write gives the same revision.
  const other = new Satchel(`buffer-attachments-other-${process.pid}`, { adapter: 'memory' });
  expect(await other.put(doc)).toMatchObject({ ok: true, id: 'a', rev: expected });
  await other.destroy();
  const posted = await db.post({ _attachments: { 'g.bin': { content_type: 'x/y', data } } });
  expect(posted.ok).toBe(true);
  const read = await db.get(posted.id, { attachments: true, binary: true });
  expect(read._rev).toBe(posted.rev);
  expect((await db.allDocs()).rows.map((r) => r.id).sort()).toEqual(['a', posted.id].sort());
  await db.destroy();
});
