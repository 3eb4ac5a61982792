import { expect } from 'vitest';
import { okDocs, PouchErrors, revPos } from './assertions.js';
import type { SuiteContext, TestFn } from './context.js';
import type { SuiteDatabase, SuiteError, WriteResult } from './types.js';

const WRITERS = 25;

type Outcome = { ok: WriteResult } | { err: SuiteError };

const settle = (p: Promise<WriteResult>): Promise<Outcome> =>
  p.then(
    (ok) => ({ ok }),
    (err: SuiteError) => ({ err }),
  );

/** Checks that exactly one outcome succeeded and every other one is a 409 conflict. */
function expectOneWinner(outcomes: Outcome[]): WriteResult {
  const wins = outcomes.flatMap((o) => ('ok' in o ? [o.ok] : []));
  const losses = outcomes.flatMap((o) => ('err' in o ? [o.err] : []));
  expect(wins).toHaveLength(1);
  for (const err of losses) expect(err).toMatchObject(PouchErrors.REV_CONFLICT);
  return wins[0] as WriteResult;
}

/** Increments `doc.count` with get/put, retrying on conflict, `times` times. */
async function incrementLoop(db: SuiteDatabase, id: string, times: number): Promise<void> {
  for (let done = 0; done < times; ) {
    const doc = await db.get(id);
    try {
      await db.put({ ...doc, count: (doc.count as number) + 1 });
      done++;
    } catch (err) {
      if ((err as SuiteError).status !== 409) throw err;
    }
  }
}

/** Many writers racing on the same document: one success per parent revision, never a lost update. */
export function concurrency(test: TestFn, ctx: SuiteContext): void {
  racingWrites(test, ctx);
  lostUpdates(test, ctx);
}

function racingWrites(test: TestFn, ctx: SuiteContext): void {
  test('concurrent creates of one id: exactly one succeeds, the rest are 409', async () => {
    const db = ctx.open();
    const outcomes = await Promise.all(
      Array.from({ length: WRITERS }, (_, i) => settle(db.put({ _id: 'race', writer: i }))),
    );
    const win = expectOneWinner(outcomes);
    expect(await db.get('race')).toMatchObject({ _rev: win.rev });
    expect((await db.info()).doc_count).toBe(1);
  });

  test('concurrent updates of one parent revision: exactly one succeeds', async () => {
    const db = ctx.open();
    const base = await db.put({ _id: 'race', v: 0 });
    const outcomes = await Promise.all(
      Array.from({ length: WRITERS }, (_, i) =>
        settle(db.put({ _id: 'race', _rev: base.rev, v: i + 1 })),
      ),
    );
    const win = expectOneWinner(outcomes);
    expect(revPos(win.rev)).toBe(2);
    expect(await db.get('race', { open_revs: 'all' })).toHaveLength(1);
    expect((await db.get('race'))._rev).toBe(win.rev);
  });

  test('concurrent bulkDocs writing the same new id: exactly one row succeeds', async () => {
    const db = ctx.open();
    const results = await Promise.all(
      Array.from({ length: WRITERS }, (_, i) =>
        db.bulkDocs([{ _id: `own-${i}` }, { _id: 'shared', by: i }]),
      ),
    );
    const shared = results.map((rows) => rows[1]);
    expect(shared.filter((row) => row?.ok)).toHaveLength(1);
    for (const row of shared.filter((r) => !r?.ok))
      expect(row).toMatchObject({ status: 409, id: 'shared' });
    expect((await db.info()).doc_count).toBe(WRITERS + 1);
  });

  test('a concurrent update and delete of one revision: exactly one succeeds', async () => {
    const db = ctx.open();
    const base = await db.put({ _id: 'x' });
    const outcomes = await Promise.all([
      settle(db.put({ _id: 'x', _rev: base.rev, v: 1 })),
      settle(db.remove('x', base.rev)),
      settle(db.put({ _id: 'x', _rev: base.rev, v: 2 })),
    ]);
    expectOneWinner(outcomes);
  });

  test('concurrent writes to distinct ids all succeed with distinct seqs', async () => {
    const db = ctx.open();
    const outcomes = await Promise.all(
      Array.from({ length: 50 }, (_, i) => settle(db.put({ _id: `d${i}` }))),
    );
    expect(outcomes.every((o) => 'ok' in o)).toBe(true);
    expect(await db.info()).toMatchObject({ doc_count: 50 });
    expect(Number((await db.info()).update_seq)).toBe(50);
  });

  test('concurrent replicated branches all end up in the tree', async () => {
    const db = ctx.open();
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        db.bulkDocs([{ _id: 'b', _rev: `1-branch${i}` }], { new_edits: false }),
      ),
    );
    expect(okDocs(await db.get('b', { open_revs: 'all' }))).toHaveLength(10);
  });

  test(
    'concurrent creates through two handles of one name: exactly one succeeds',
    async () => {
      const name = ctx.freshName();
      const a = ctx.reopen(name);
      const b = ctx.reopen(name);
      const outcomes = await Promise.all(
        Array.from({ length: WRITERS }, (_, i) =>
          settle((i % 2 ? a : b).put({ _id: 'race', by: i })),
        ),
      );
      expectOneWinner(outcomes);
    },
    'sharedHandles',
  );
}

function lostUpdates(test: TestFn, ctx: SuiteContext): void {
  test('read-modify-write loops never lose an update', async () => {
    const db = ctx.open();
    await db.put({ _id: 'counter', count: 0 });
    const workers = 8;
    const each = 10;
    await Promise.all(Array.from({ length: workers }, () => incrementLoop(db, 'counter', each)));
    const doc = await db.get('counter');
    expect(doc.count).toBe(workers * each);
    expect(revPos(doc._rev)).toBe(workers * each + 1);
    expect(await db.get('counter', { open_revs: 'all' })).toHaveLength(1);
  });
}
