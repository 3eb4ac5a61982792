import Satchel from '@satchel/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers.js';

// A document nested deeper than `JSON.stringify` can recurse is one a local database takes
// (core serialises it without recursion), so it must also travel: Satchel's http adapter sends
// it and this server answers it, through every route that carries documents, and replication
// moves it both ways.

const DEPTH = 10_000;
let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer();
});
afterAll(() => srv.stop());

function nested(): Record<string, unknown> {
  let value: Record<string, unknown> = { leaf: true };
  for (let i = 0; i < DEPTH; i++) value = { c: value };
  return value;
}

/** How deep `{c: …}` goes down to `{leaf: true}`; -1 when it does not end so. */
function depth(value: unknown): number {
  let n = 0;
  let node = value as { c?: unknown; leaf?: boolean } | undefined;
  for (; node?.c; n++) node = node.c as typeof node;
  return node?.leaf === true ? n : -1;
}

type Doc = { v?: unknown };
let counter = 0;

describe('documents nested 10,000 levels deep over http', () => {
  it('are written and read back through every route that carries documents', async () => {
    const db = new Satchel(`${srv.url}/deep-${++counter}`);
    const { rev } = await db.put({ _id: 'deep', v: nested() });
    await db.put({ _id: '_local/deep', v: nested() });
    const changes = await db.changes({ include_docs: true });
    const openRevs = await db.get<Doc>('deep', { open_revs: 'all' });
    const bulk = await db.bulkGet({ docs: [{ id: 'deep', rev }] });
    const got = bulk.results[0]?.docs[0];
    expect([
      depth((await db.get<Doc>('deep')).v),
      depth((await db.get<Doc>('_local/deep')).v),
      depth(((await db.allDocs({ include_docs: true })).rows[0]?.doc as Doc | undefined)?.v),
      depth((changes.results[0]?.doc as Doc | undefined)?.v),
      depth((openRevs[0] && 'ok' in openRevs[0] ? openRevs[0].ok : undefined)?.v),
      depth((got && 'ok' in got ? (got.ok as Doc) : undefined)?.v),
    ]).toEqual([DEPTH, DEPTH, DEPTH, DEPTH, DEPTH, DEPTH]);
    await db.destroy();
  });

  it('replicate to the server and back', async () => {
    const remote = `${srv.url}/deep-${++counter}`;
    const local = new Satchel(`deep-local-${counter}`, { adapter: 'memory' });
    await local.put({ _id: 'up', v: nested() });
    expect((await local.replicate.to(remote)).docs_written).toBe(1);
    const back = new Satchel(`deep-back-${counter}`, { adapter: 'memory' });
    expect((await back.replicate.from(remote)).docs_written).toBe(1);
    expect(depth((await back.get<Doc>('up')).v)).toBe(DEPTH);
    await Promise.all([local.destroy(), back.destroy(), new Satchel(remote).destroy()]);
  });
  it('reach validate_doc_update: a valid one is written, a refused one is a 403', async () => {
    const name = `${srv.url}/deep-${++counter}`;
    const db = new Satchel(name);
    await db.put({
      _id: '_design/rules',
      validate_doc_update: 'function (doc) { if (doc.bad) throw({ forbidden: "bad" }); }',
    });
    expect((await db.put({ _id: 'good', v: nested() })).ok).toBe(true);
    const refused = await db.put({ _id: 'bad', bad: true, v: nested() }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ status: 403, name: 'forbidden', reason: 'bad' });
    await db.destroy();
  });
});
