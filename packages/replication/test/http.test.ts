import type { AnyDoc } from '@satchel/core';
import { type CouchServer, startCouchServer } from '@satchel/servers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  levelDb,
  memDb,
  Pouch,
  S,
  seed,
  snapshot,
  tempDir,
  uniqueName,
  waitFor,
} from './helpers.js';

let server: CouchServer;
const dirs = tempDir();

beforeAll(async () => {
  server = await startCouchServer();
});

afterAll(async () => {
  await server.stop();
  dirs.cleanup();
});

function remote(): InstanceType<typeof S> {
  return new S(`${server.url}/${uniqueName('remote')}`);
}

describe('Satchel ↔ CouchDB-compatible server over HTTP', () => {
  for (const kind of ['memory', 'leveldb'] as const) {
    it(`${kind}: push, pull back into a fresh db, resume, attachments intact`, async () => {
      const local = kind === 'memory' ? memDb() : levelDb(dirs.dir);
      const db = remote();
      await seed(local, 120);
      const doc = (await local.get('doc-00007')) as AnyDoc;
      await local.put({ ...doc, edited: true });
      const pushed = await local.replicate.to(db, { batch_size: 20, batches_limit: 2 });
      expect(pushed).toMatchObject({ ok: true, status: 'complete', docs_written: 120 });
      expect(await snapshot(db)).toEqual(await snapshot(local));

      const back = kind === 'memory' ? memDb() : levelDb(dirs.dir);
      const pulled = await back.replicate.from(db);
      expect(pulled.docs_written).toBe(120);
      expect(await snapshot(back)).toEqual(await snapshot(local));
      const att = await back.getAttachment('doc-00110', 'a.txt');
      expect(String(att)).toBe('att doc 110');

      await seed(db, 3, 'remote-new');
      const again = await back.replicate.from(db);
      expect(again.docs_read).toBe(3);
      await Promise.all([local.destroy(), back.destroy(), db.destroy()]);
    });
  }

  it('pouchdb@9 pulls from the server what Satchel pushed, and resumes Satchel’s checkpoint', async () => {
    const local = memDb();
    const url = `${server.url}/${uniqueName('shared')}`;
    await seed(local, 20);
    await S.replicate(local, url);
    const pouchSide = new (Pouch())(url);
    const r = await Pouch().replicate(local, pouchSide);
    expect(r.docs_read).toBe(0);
    expect(r.docs_written).toBe(0);
    await local.destroy();
    await pouchSide.destroy();
  });

  it('a URL or name opened by replicate is closed when it ends', async () => {
    const local = memDb();
    await seed(local, 5);
    const name = uniqueName('byname');
    const url = `${server.url}/${uniqueName('byurl')}`;
    await S.replicate(local, name);
    await S.replicate(name, url);
    const check = new S(url);
    expect((await check.info()).doc_count).toBe(5);
    await Promise.all([local.destroy(), check.destroy(), new S(name).destroy()]);
  });

  it('live sync with the server carries edits both ways and stops cleanly', async () => {
    const local = memDb();
    const db = remote();
    await db.info();
    const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    const before = timers();
    const events: string[] = [];
    const sync = local
      .sync(db, { live: true, retry: true })
      .on('change', (e) => events.push(`change:${e.direction}`))
      .on('paused', () => events.push('paused'))
      .on('active', () => events.push('active'));
    await local.put({ _id: 'from-local' });
    await db.put({ _id: 'from-remote' });
    await waitFor(async () => {
      const [a, b] = await Promise.all([local.info(), db.info()]);
      return a.doc_count === 2 && b.doc_count === 2;
    });
    sync.cancel();
    const result = await sync;
    expect(result.push.status).toBe('cancelled');
    expect(result.pull.status).toBe('cancelled');
    // The remote live feed polls; cancelling leaves none of its timers behind. A one-shot timer
    // (fetch's socket bookkeeping) may still be due on a busy machine, so wait for it to run
    // out: a feed still polling re-arms its timers and never gets there.
    await waitFor(() => timers() <= before, 5_000);
    expect(events).toContain('change:push');
    expect(events).toContain('change:pull');
    expect(await snapshot(db)).toEqual(await snapshot(local));
    await Promise.all([local.destroy(), db.destroy()]);
  });
});

describe('a server that refuses (401/403) over HTTP', () => {
  const cases = [
    { status: 401, name: 'unauthorized' },
    // Third-party servers (Sync Gateway) capitalise the name: PouchDB #5607.
    { status: 401, name: 'Unauthorized' },
    { status: 403, name: 'Forbidden' },
  ];
  for (const { status, name } of cases) {
    it(`${status} ${name}: live + retry emits only 'error' and stops (PouchDB #5172)`, async () => {
      const refusal = { status, name, message: 'You are not authorized to access this db.' };
      const fetch = (): Promise<Response> => {
        throw refusal;
      };
      const target = new S(`${server.url}/${uniqueName('secured')}`, { fetch });
      const local = memDb();
      await seed(local, 2);
      const rep = local.replicate.to(target, {
        live: true,
        retry: true,
        back_off_function: () => 5,
      });
      const events: string[] = [];
      for (const type of ['change', 'complete', 'paused', 'active', 'denied', 'error']) {
        rep.on(type as 'error', () => events.push(type));
      }
      const err = await rep.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toMatchObject({ status, name });
      expect(events).toEqual(['error']);
      await local.destroy();
    });
  }
});
