import type { BrowserSession, Page } from '@satchel/browser-runner';
import { type CouchServer, startCouchServer } from '@satchel/servers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPresetSession } from './preset-session.js';

let server: CouchServer;
let session: BrowserSession;
let page: Page;
beforeAll(async () => {
  server = await startCouchServer();
  // The page reaches the server on its own origin (no CORS): /couch → the server.
  session = await startPresetSession({ proxy: { '/couch': server.url } });
  page = await session.open('/index.html');
});
afterAll(async () => {
  await session?.stop();
  await server?.stop();
});

let n = 0;
const freshName = () => `http-${Date.now()}-${n++}`;

describe('http adapter in Chromium', () => {
  it('a conflicting PUT or POST rejects with 409 conflict, the id in the error', async () => {
    const errors = await page.evaluate(async (name) => {
      const db = new Satchel(`${location.origin}/couch/${name}`);
      await db.put({ _id: 'doc', v: 1 });
      const put = await db.put({ _id: 'doc', v: 2 }).catch((e: unknown) => e);
      const post = await db.post({ _id: 'doc', v: 3 }).catch((e: unknown) => e);
      const pick = (e: unknown) => {
        const { status, name, message, id, docId } = e as Record<string, unknown>;
        return { status, name, message, id: id ?? docId };
      };
      await db.destroy();
      return [pick(put), pick(post)];
    }, freshName());
    for (const error of errors) {
      expect(error).toMatchObject({ status: 409, name: 'conflict', id: 'doc' });
    }
  });
});

describe('replication between IndexedDB in Chromium and a CouchDB-compatible server', () => {
  it('both ways, with attachments and conflicts resolved identically on both sides', async () => {
    const result = await page.evaluate(async (name) => {
      const local = new Satchel(name);
      const remote = new Satchel(`${location.origin}/couch/${name}`);
      await local.bulkDocs(Array.from({ length: 30 }, (_, i) => ({ _id: `l-${i}`, i })));
      await local.putAttachment('att', 'a.txt', new Blob(['from the browser']), 'text/plain');
      await remote.bulkDocs(Array.from({ length: 20 }, (_, i) => ({ _id: `r-${i}`, i })));
      await remote.put({
        _id: 'remote-att',
        _attachments: { 'b.bin': { content_type: 'application/octet-stream', data: 'AAEC/w==' } },
      });
      const shared = await local.put({ _id: 'shared', v: 0 });
      await Satchel.replicate(local, remote);
      // Edit the same revision on both sides: a conflict.
      await local.put({ _id: 'shared', _rev: shared.rev, v: 'browser' });
      const remoteShared = await remote.get('shared');
      await remote.put({ ...remoteShared, v: 'server' });
      await Satchel.sync(local, remote);
      const view = async (db: typeof local) => {
        const all = await db.allDocs();
        const doc = await db.get('shared', { conflicts: true });
        const remoteAtt = (await db.getAttachment('remote-att', 'b.bin')) as Blob;
        const att = (await db.getAttachment('att', 'a.txt')) as Blob;
        return {
          ids: all.rows.map((r) => `${r.id}@${r.value.rev}`),
          winner: doc._rev,
          conflicts: doc._conflicts,
          att: await att.text(),
          remoteAtt: Array.from(new Uint8Array(await remoteAtt.arrayBuffer())),
        };
      };
      const out = { local: await view(local), remote: await view(remote) };
      await remote.destroy();
      await local.destroy();
      return out;
    }, freshName());
    expect(result.local).toEqual(result.remote);
    expect(result.local.ids).toHaveLength(53);
    expect(result.local.conflicts).toHaveLength(1);
    expect(result.local.att).toBe('from the browser');
    expect(result.local.remoteAtt).toEqual([0, 1, 2, 255]);
  });
});
