import type { ExistingDocument } from '@satchel/core';
import { describe, expectTypeOf, it } from 'vitest';
import type { Change, ChangesComplete, ChangesFeed } from '../src/index.js';
import { newDb } from './helpers.js';

interface Todo {
  title: string;
  done: boolean;
}

describe('types', () => {
  it('db.changes<T>() types docs, filters, results and iteration', async () => {
    const db = newDb();
    await db.put({ _id: 't1', title: 'write tests', done: false });
    const feed = db.changes<Todo>({
      include_docs: true,
      filter: (doc, req) => {
        expectTypeOf(doc).toEqualTypeOf<ExistingDocument<Todo>>();
        expectTypeOf(req.query).toEqualTypeOf<Record<string, unknown> | undefined>();
        return !doc.done;
      },
    });
    expectTypeOf(feed).toEqualTypeOf<ChangesFeed<Todo>>();
    const res = await feed;
    expectTypeOf(res).toEqualTypeOf<ChangesComplete<Todo>>();
    expectTypeOf(res.results[0]?.doc?.title).toEqualTypeOf<string | undefined>();
    for await (const change of db.changes<Todo>({ include_docs: true })) {
      expectTypeOf(change).toEqualTypeOf<Change<Todo>>();
      expectTypeOf(change.doc).toEqualTypeOf<ExistingDocument<Todo> | undefined>();
    }
    db.changes<Todo>({ live: true })
      .on('change', (change) => expectTypeOf(change.doc?.done).toEqualTypeOf<boolean | undefined>())
      .on('complete', (result) => expectTypeOf(result).toEqualTypeOf<ChangesComplete<Todo>>())
      .on('error', (err) => expectTypeOf(err).toEqualTypeOf<Error>())
      .cancel();
    // Without a type argument, docs are plain objects.
    const untyped = await db.changes({ include_docs: true });
    expectTypeOf(untyped.results[0]?.doc).toEqualTypeOf<ExistingDocument<object> | undefined>();
  });
});
