import { afterEach, describe, expect, it } from 'vitest';
import { memDb, S, seed, snapshot } from './helpers.js';

describe('one-shot replication between memory databases', () => {
  const open: { destroy(): Promise<unknown> }[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((db) => db.destroy().catch(() => undefined)));
  });

  it('copies every document, revision and attachment, and reports PouchDB counters', async () => {
    const a = memDb();
    const b = memDb();
    open.push(a, b);
    await seed(a, 250);
    const first = await a.put({ _id: 'edited', v: 1 });
    await a.put({ _id: 'edited', _rev: first.rev, v: 2 });
    const gone = await a.put({ _id: 'gone' });
    await a.remove('gone', gone.rev);
    const changes: unknown[] = [];
    const result = await a.replicate.to(b).on('change', (c) => changes.push(c));
    expect(result).toMatchObject({
      ok: true,
      status: 'complete',
      docs_read: 252,
      docs_written: 252,
      doc_write_failures: 0,
      errors: [],
      last_seq: 254,
    });
    expect(typeof result.start_time).toBe('string');
    expect(typeof result.end_time).toBe('string');
    expect(changes.length).toBe(3);
    expect(await snapshot(b)).toEqual(await snapshot(a));
    const att = await b.getAttachment('doc-00010', 'a.txt');
    expect(String(att)).toBe('att doc 10');
  });

  it('a second run reads only new changes (resumes from its checkpoint)', async () => {
    const a = memDb();
    const b = memDb();
    open.push(a, b);
    await seed(a, 30);
    await S.replicate(a, b);
    await seed(a, 5, 'more');
    const second = await S.replicate(a, b);
    expect(second.docs_read).toBe(5);
    expect(second.docs_written).toBe(5);
    expect(await snapshot(b)).toEqual(await snapshot(a));
  });
});
