import type { ChangesResult, SuiteDatabase } from '@satchel/adapter-suite';
import { expect } from 'vitest';

/**
 * Checks that a database still agrees with itself: info, allDocs and changes describe the same
 * documents, every listed winner can be read, and a normal write still works.
 */
export async function expectConsistent(db: SuiteDatabase): Promise<void> {
  const info = await db.info();
  const all = await db.allDocs();
  expect(all.total_rows).toBe(info.doc_count);
  expect(all.rows).toHaveLength(info.doc_count);
  const feed: ChangesResult = await (db.changes as (o: object) => PromiseLike<ChangesResult>)({});
  const live = feed.results.filter((r) => !r.deleted).map((r) => r.id);
  expect([...live].sort()).toEqual(all.rows.map((r) => r.id).sort());
  if (feed.results.length > 0) expect(feed.last_seq).toEqual(info.update_seq);
  for (const row of all.rows.slice(0, 20)) {
    expect((await db.get(row.id ?? ''))._rev).toBe(row.value?.rev);
  }
  const probe = `probe-${Math.random().toString(36).slice(2)}`;
  const res = await db.put({ _id: probe, ok: true });
  expect(await db.get(probe)).toEqual({ _id: probe, _rev: res.rev, ok: true });
  expect((await db.info()).doc_count).toBe(info.doc_count + 1);
}
