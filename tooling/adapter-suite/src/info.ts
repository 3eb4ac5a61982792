import { expect } from 'vitest';
import { writeBranches } from './assertions.js';
import type { SuiteContext, TestFn } from './context.js';
import type { SuiteDatabase } from './types.js';

const seqOf = async (db: SuiteDatabase): Promise<number> => Number((await db.info()).update_seq);

/** info(): name, counts, update_seq. */
export function info(test: TestFn, ctx: SuiteContext): void {
  test('a fresh database: no documents, update_seq 0, its name and adapter', async () => {
    const name = ctx.freshName();
    const db = ctx.reopen(name);
    const res = await db.info();
    expect(res).toMatchObject({
      db_name: name,
      doc_count: 0,
      auto_compaction: false,
      adapter: db.adapter,
    });
    expect(Number(res.update_seq)).toBe(0);
  });

  test('doc_count counts live documents only', async () => {
    const db = ctx.open();
    const rows = await db.bulkDocs([{ _id: 'a' }, { _id: 'b' }, { _id: 'c' }]);
    await db.remove('b', rows[1]?.rev);
    await writeBranches(db, 'conflicted', [{ hashes: ['x'] }, { hashes: ['y'] }]);
    expect((await db.info()).doc_count).toBe(3);
  });

  test('update_seq grows by one per stored revision', async () => {
    const db = ctx.open();
    const one = await db.put({ _id: 'a' });
    expect(await seqOf(db)).toBe(1);
    await db.bulkDocs([{ _id: 'b' }, { _id: 'c' }, { _id: 'd' }]);
    expect(await seqOf(db)).toBe(4);
    await db.remove('a', one.rev);
    expect(await seqOf(db)).toBe(5);
    await db.bulkDocs(
      [
        { _id: 'r', _rev: '1-x' },
        { _id: 'r', _rev: '1-y' },
      ],
      { new_edits: false },
    );
    expect(await seqOf(db)).toBe(7);
  });

  test('failed writes do not move update_seq', async () => {
    const db = ctx.open();
    await db.put({ _id: 'a' });
    await db.put({ _id: 'a' }).catch(() => undefined);
    await db.bulkDocs([{ _id: 'a' }, { _id: 'a' }]);
    expect(await seqOf(db)).toBe(1);
  });
}
