import { expect } from 'vitest';
import { messageOf, nextEvent, rejectionOf, sleep, viaCallback } from './assertions.js';
import type { SuiteContext, TestFn } from './context.js';
import type { SuiteDatabase } from './types.js';

/** Opening, closing, destroying, and the events around them. */
export function lifecycle(test: TestFn, ctx: SuiteContext): void {
  opening(test, ctx);
  closing(test, ctx);
  destroying(test, ctx);
  sharing(test, ctx);
}

const closedMessage = async (call: Promise<unknown>): Promise<string> =>
  messageOf(await rejectionOf(call));

async function everyCallFails(db: SuiteDatabase, message: string): Promise<void> {
  expect(await closedMessage(db.get('a'))).toBe(message);
  expect(await closedMessage(db.put({ _id: 'b' }))).toBe(message);
  expect(await closedMessage(db.allDocs())).toBe(message);
  expect(await closedMessage(db.info())).toBe(message);
  expect(await closedMessage(db.bulkDocs([{ _id: 'c' }]))).toBe(message);
}

function opening(test: TestFn, ctx: SuiteContext): void {
  test('the instance emits "created" once usable; the constructor emits it with the name', async () => {
    const name = ctx.freshName();
    const seen: unknown[] = [];
    const onCreated = (dbName: string): void => {
      seen.push(dbName);
    };
    ctx.Ctor.on?.('created', onCreated);
    try {
      const db = ctx.reopen(name);
      const [created] = await nextEvent<[unknown]>(db, 'created');
      expect(created).toBe(db);
      await sleep(0);
      if (ctx.Ctor.on) expect(seen).toContain(name);
    } finally {
      ctx.Ctor.removeListener?.('created', onCreated);
    }
  });

  test('a call made right after construction waits for the database to open', async () => {
    const db = ctx.open();
    const [res, all] = await Promise.all([db.put({ _id: 'early' }), db.allDocs()]);
    expect(res.ok).toBe(true);
    expect(all.total_rows).toBeLessThanOrEqual(1);
  });

  test('the name may be given in the options object', async () => {
    const name = ctx.freshName();
    const db = new ctx.Ctor({ ...ctx.config.options, name } as unknown as string);
    try {
      expect(db.name).toBe(name);
      expect((await db.info()).db_name).toBe(name);
    } finally {
      await db.destroy();
    }
  });

  test('a missing name throws "Missing/invalid DB name"', async () => {
    expect(() => new ctx.Ctor(undefined as unknown as string, ctx.config.options)).toThrow(
      'Missing/invalid DB name',
    );
  });
}

function closing(test: TestFn, ctx: SuiteContext): void {
  test('after close every call fails with "database is closed"', async () => {
    const db = ctx.open();
    await db.put({ _id: 'a' });
    const closed = nextEvent(db, 'closed');
    await db.close();
    await closed;
    await everyCallFails(db, 'database is closed');
    expect(await closedMessage(db.close())).toBe('database is closed');
  });

  test('close takes a callback', async () => {
    const db = ctx.open();
    await db.info();
    const res = await viaCallback((cb) => db.close(cb));
    expect(res.err).toBeNull();
  });

  test(
    'data survives close and reopening by name',
    async () => {
      const name = ctx.freshName();
      const db = ctx.reopen(name);
      const res = await db.put({ _id: 'kept', v: 1 });
      await db.close();
      const again = ctx.reopen(name);
      expect(await again.get('kept')).toEqual({ _id: 'kept', _rev: res.rev, v: 1 });
      expect((await again.info()).doc_count).toBe(1);
    },
    'persistence',
  );

  test('closing one handle leaves another handle of the same name usable', async () => {
    const name = ctx.freshName();
    const a = ctx.reopen(name);
    const b = ctx.reopen(name);
    await a.put({ _id: 'x' });
    await a.close();
    expect((await b.get('x'))._id).toBe('x');
    await b.put({ _id: 'y' });
    expect((await b.allDocs()).rows).toHaveLength(2);
  }, ['sharedHandles', 'independentClose']);
}

function destroying(test: TestFn, ctx: SuiteContext): void {
  test('destroy answers {ok: true}; later calls fail with "database is destroyed"', async () => {
    const db = ctx.open();
    await db.put({ _id: 'a' });
    expect(await db.destroy()).toEqual({ ok: true });
    await everyCallFails(db, 'database is destroyed');
  });

  test('destroy emits "destroyed" on the instance and on the constructor', async () => {
    const name = ctx.freshName();
    const db = ctx.reopen(name);
    await db.info();
    const seen: unknown[] = [];
    const onDestroyed = (dbName: string): void => {
      seen.push(dbName);
    };
    ctx.Ctor.on?.('destroyed', onDestroyed);
    try {
      const event = nextEvent(db, 'destroyed');
      await db.destroy();
      await event;
      if (ctx.Ctor.on) expect(seen).toContain(name);
    } finally {
      ctx.Ctor.removeListener?.('destroyed', onDestroyed);
    }
  });

  test('a database opened again after destroy is empty', async () => {
    const name = ctx.freshName();
    const db = ctx.reopen(name);
    await db.bulkDocs([{ _id: 'a' }, { _id: 'b' }]);
    await db.destroy();
    const again = ctx.reopen(name);
    const res = await again.info();
    expect(res.doc_count).toBe(0);
    expect(Number(res.update_seq)).toBe(0);
    expect((await again.allDocs()).rows).toEqual([]);
  });

  test('destroy takes a callback', async () => {
    const db = ctx.open();
    await db.info();
    const res = await viaCallback((cb) => db.destroy(cb));
    expect(res.err).toBeNull();
    expect(res.result).toEqual({ ok: true });
  });

  test('destroy also destroys registered dependent databases', async () => {
    const db = ctx.open();
    const register = (
      db as unknown as { registerDependentDatabase(name: string): Promise<{ db: SuiteDatabase }> }
    ).registerDependentDatabase;
    const depName = `${ctx.freshName()}-mrview-dep`;
    const { db: dep } = await register(depName);
    await dep.put({ _id: 'index-row' });
    await db.destroy();
    const reopened = ctx.reopen(depName);
    expect((await reopened.info()).doc_count).toBe(0);
  });
}

function sharing(test: TestFn, ctx: SuiteContext): void {
  test(
    'two handles on the same name share data',
    async () => {
      const name = ctx.freshName();
      const a = ctx.reopen(name);
      const b = ctx.reopen(name);
      const res = await a.put({ _id: 'shared', v: 1 });
      expect(await b.get('shared')).toEqual({ _id: 'shared', _rev: res.rev, v: 1 });
      await b.put({ _id: 'shared', _rev: res.rev, v: 2 });
      expect((await a.get('shared')).v).toBe(2);
      expect((await a.info()).doc_count).toBe(1);
    },
    'sharedHandles',
  );

  test(
    'destroying one handle tells the other handles of the same name',
    async () => {
      const name = ctx.freshName();
      const a = ctx.reopen(name);
      const b = ctx.reopen(name);
      await Promise.all([a.info(), b.info()]);
      const bDestroyed = nextEvent(b, 'destroyed');
      await a.destroy();
      await bDestroyed;
    },
    'sharedHandles',
  );

  test('different names do not share data', async () => {
    const a = ctx.open();
    const b = ctx.open();
    await a.put({ _id: 'only-a' });
    expect((await b.allDocs()).rows).toEqual([]);
  });
}
