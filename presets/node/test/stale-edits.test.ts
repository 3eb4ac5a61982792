import { describe, expect, it } from 'vitest';
import Satchel from '../src/index.js';

// Edits that name a revision which is no longer a leaf, and whose new revision would be one the
// tree already holds. pouchdb@9 throws an uncaught TypeError on both and never answers, so the
// differential tests leave them out; these are Satchel's answers (CouchDB's: 409, unchanged).

let n = 0;
const fresh = (options: Record<string, unknown> = {}) =>
  new Satchel(`stale-edits-${Date.now()}-${n++}`, { adapter: 'memory', ...options });

describe('edits of stale revisions', () => {
  it('an edit of a revision stemmed away by revs_limit is a conflict and changes nothing', async () => {
    const db = fresh({ revs_limit: 2 });
    const r1 = await db.put({ _id: 'd' });
    const r2 = await db.put({ _id: 'd', _rev: r1.rev });
    const r3 = await db.put({ _id: 'd', _rev: r2.rev });

    const [row] = await db.bulkDocs([{ _id: 'd', _rev: r1.rev }]);
    expect(row).toMatchObject({ status: 409, name: 'conflict', id: 'd' });
    await expect(db.put({ _id: 'd', _rev: r1.rev })).rejects.toMatchObject({ status: 409 });

    const leaves = await db.get('d', { open_revs: 'all' });
    expect(leaves.map((l) => ('ok' in l ? l.ok._rev : l.missing))).toEqual([r3.rev]);
    expect((await db.info()).update_seq).toBe(3);
    await db.destroy();
  });

  it('deleting a deleted document again from its parent revision is a conflict', async () => {
    const db = fresh();
    const first = await db.put({ _id: 'e' });
    const gone = await db.remove('e', first.rev);

    const [row] = await db.bulkDocs([{ _id: 'e', _rev: first.rev, _deleted: true }]);
    expect(row).toMatchObject({ status: 409, name: 'conflict', id: 'e' });

    const leaves = await db.get('e', { open_revs: 'all' });
    expect(leaves.map((l) => ('ok' in l ? l.ok._rev : l.missing))).toEqual([gone.rev]);
    await db.destroy();
  });
});
