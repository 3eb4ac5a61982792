import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CouchServer, dbUrl, PouchDB, S, useCouchServer } from './setup-server.js';

type Db = InstanceType<typeof S>;

const DDOC = {
  _id: '_design/app',
  filters: {
    byType: 'function (doc, req) { return doc.type === req.query.type; }',
    even: 'function (doc) { return doc.n % 2 === 0; }',
  },
  views: { big: { map: 'function (doc) { if (doc.n > 3) emit(doc.n); }' } },
};

/** Each change's id, and whether it is a deletion (what filters decide on). */
function ids(res: { results: { id: string }[] }): string[] {
  return res.results.map((r) => r.id);
}

describe('http adapter: server-side changes filters', () => {
  let server: CouchServer;
  let url: string;
  let db: Db;
  beforeAll(async () => {
    server = await useCouchServer();
    url = dbUrl(server);
    db = new S(url);
    await db.put(DDOC);
    const docs = Array.from({ length: 8 }, (_, n) => ({
      _id: `d${n}`,
      n,
      type: n % 3 === 0 ? 'x' : 'y',
    }));
    await db.bulkDocs(docs);
  });
  afterAll(async () => {
    await db.destroy();
    await server.stop();
  });

  /** Our answer and pouchdb@9's for the same one-shot options on the same server. */
  async function both(opts: object): Promise<[unknown, unknown]> {
    return [await db.changes(opts), await new PouchDB(url).changes(opts)];
  }

  it('runs a design-doc filter on the server with query_params', async () => {
    const opts = { filter: 'app/byType', query_params: { type: 'x' } };
    const [ours, theirs] = await both(opts);
    expect(ours).toEqual(theirs);
    expect(ids(ours as never)).toEqual(['d0', 'd3', 'd6']);
  });

  it('runs the _view filter on the server', async () => {
    const [ours, theirs] = await both({ filter: '_view', view: 'app/big' });
    expect(ours).toEqual(theirs);
    expect(ids(ours as never)).toEqual(['d4', 'd5', 'd6', 'd7']);
  });

  it('runs the _selector filter on the server (posted in the body)', async () => {
    const [ours, theirs] = await both({ selector: { n: { $lt: 2 } } });
    expect(ours).toEqual(theirs);
    expect(ids(ours as never)).toEqual(['d0', 'd1']);
  });

  it('runs _doc_ids on the server, winning over a string filter', async () => {
    const opts = { doc_ids: ['d2', 'd5', 'nope'], filter: 'app/even' };
    const [ours, theirs] = await both(opts);
    expect(ours).toEqual(theirs);
    expect(ids(ours as never)).toEqual(['d2', 'd5']);
  });

  it('applies limit after a server filter', async () => {
    const [ours, theirs] = await both({ filter: 'app/even', limit: 2 });
    expect(ours).toEqual(theirs);
    expect(ids(ours as never)).toEqual(['d0', 'd2']);
  });

  it('applies a filter function client-side, as PouchDB does', async () => {
    const filter = (doc: { n?: number }) => doc.n === 7 || doc.n === 1;
    const [ours, theirs] = await both({ filter });
    expect(ours).toEqual(theirs);
    expect(ids(ours as never)).toEqual(['d1', 'd7']);
    const withDocs = await db.changes({ filter, include_docs: true });
    expect(withDocs.results[0]?.doc).toMatchObject({ _id: 'd1', n: 1 });
  });

  it('passes style all_docs and seq_interval through', async () => {
    await db.bulkDocs([{ _id: 'd1', _rev: '1-zzz', n: 1 }], { new_edits: false });
    const [ours, theirs] = await both({ style: 'all_docs', doc_ids: ['d1'] });
    expect(ours).toEqual(theirs);
    expect((ours as { results: { changes: unknown[] }[] }).results[0]?.changes).toHaveLength(2);
    const [withInterval, pouchInterval] = await both({ seq_interval: 3 });
    expect(withInterval).toEqual(pouchInterval);
  });

  it('reports a missing server filter as the server does', async () => {
    const ours = await db.changes({ filter: 'app/missing' }).catch((e: unknown) => e);
    const theirs = await new PouchDB(url).changes({ filter: 'app/missing' }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(ours).toMatchObject({ status: (theirs as { status: number }).status });
    expect(ours).toMatchObject({ status: 404 });
  });

  it('a live feed whose _view filter names a missing view emits error, as the server refuses it', async () => {
    const feed = new S(url).changes({ live: true, filter: '_view', view: 'app/nope' });
    const err = await new Promise<unknown>((resolve) => {
      feed.on('error', resolve);
      feed.on('complete', () => resolve(undefined));
    });
    feed.cancel();
    expect(err).toMatchObject({ status: 404, name: 'not_found' });
  });

  it('filters a live feed on the server', async () => {
    const live = new S(url);
    // An explicit since: 'now' would be resolved after the writes below may have landed.
    const { update_seq: since } = await db.info();
    const feed = live.changes({
      live: true,
      since,
      filter: 'app/byType',
      query_params: { type: 'z' },
    });
    const seen: string[] = [];
    const done = new Promise<void>((resolve) => {
      feed.on('change', (change) => {
        seen.push(change.id);
        if (seen.length === 2) resolve();
      });
    });
    await db.bulkDocs([
      { _id: 'z1', type: 'z' },
      { _id: 'q1', type: 'q' },
      { _id: 'z2', type: 'z' },
    ]);
    await done;
    feed.cancel();
    expect(seen).toEqual(['z1', 'z2']);
  });
});
