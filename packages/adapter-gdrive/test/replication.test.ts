import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { httpAdapter } from '@satchel/adapter-http';
import { leveldbAdapter } from '@satchel/adapter-leveldb';
import type { AnyDoc } from '@satchel/core';
import { type ReplicationStatics, replicationPlugin } from '@satchel/replication';
import { type CouchServer, startCouchServer } from '@satchel/servers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DriveServer, startDriveServer } from './drive-server.js';
import { openDb, Satchel } from './helpers.js';

Satchel.adapter('leveldb', leveldbAdapter);
Satchel.adapter('http', httpAdapter);
Satchel.plugin(replicationPlugin);
const S = Satchel as typeof Satchel & ReplicationStatics;

let drive: DriveServer;
let couch: CouchServer;
const dir = mkdtempSync(join(tmpdir(), 'satchel-gdrive-rep-'));
beforeAll(async () => {
  [drive, couch] = await Promise.all([startDriveServer(), startCouchServer()]);
});
afterAll(async () => {
  await Promise.all([drive.stop(), couch.stop()]);
  rmSync(dir, { recursive: true, force: true });
});

const text = (s: string) => Buffer.from(s).toString('base64');

/** Every document's winner, its conflicts (sorted) and its attachment digests. */
async function state(db: Satchel): Promise<Record<string, unknown>> {
  const all = await db.allDocs({ include_docs: true, conflicts: true });
  const out: Record<string, unknown> = {};
  for (const row of all.rows) {
    const doc = row.doc as AnyDoc & { _conflicts?: string[] };
    const atts = Object.fromEntries(
      Object.entries(doc._attachments ?? {}).map(([name, a]) => [
        name,
        (a as { digest: string }).digest,
      ]),
    );
    out[row.id] = { rev: doc._rev, conflicts: [...(doc._conflicts ?? [])].sort(), atts, v: doc.v };
  }
  return out;
}

describe('replication Drive ↔ leveldb ↔ CouchDB-compatible server', () => {
  it('moves documents, attachments and conflicts both ways through all three', async () => {
    const gdrive = openDb('rep', drive.url);
    const level = new S(join(dir, 'level'), { adapter: 'leveldb' });
    const remote = new S(`${couch.url}/rep`);

    await gdrive.put({
      _id: 'from-drive',
      v: 'd',
      _attachments: { 'd.txt': { content_type: 'text/plain', data: text('drive bytes') } },
    });
    await remote.put({
      _id: 'from-couch',
      v: 'c',
      _attachments: {
        'c.bin': { content_type: 'application/octet-stream', data: text('\u0000\u0001couch') },
      },
    });
    // The same id edited on both ends before any replication: a conflict.
    await gdrive.put({ _id: 'both', v: 'drive side' });
    await remote.put({ _id: 'both', v: 'couch side' });

    // Drive → leveldb → server, then server → leveldb → Drive.
    await S.replicate(gdrive, level);
    await S.replicate(level, remote);
    await S.replicate(remote, level);
    await S.replicate(level, gdrive);

    const expected = await state(remote);
    expect(Object.keys(expected).sort()).toEqual(['both', 'from-couch', 'from-drive']);
    expect((expected.both as { conflicts: string[] }).conflicts).toHaveLength(1);
    expect(await state(level)).toEqual(expected);
    expect(await state(gdrive)).toEqual(expected);

    // A fresh device reads it all from Drive, attachments included.
    const fresh = openDb('rep', drive.url);
    expect(await state(fresh)).toEqual(expected);
    const bin = (await fresh.getAttachment('from-couch', 'c.bin')) as Uint8Array;
    expect(Buffer.from(bin).toString()).toBe('\u0000\u0001couch');
    const both = (await fresh.get('both', { open_revs: 'all' })) as { ok: AnyDoc }[];
    expect(both.map((r) => r.ok.v).sort()).toEqual(['couch side', 'drive side']);

    // Resolving the conflict on Drive reaches the server through leveldb.
    const winner = (await gdrive.get('both', { conflicts: true })) as AnyDoc & {
      _conflicts: string[];
    };
    await gdrive.remove('both', winner._conflicts[0] as string);
    await S.sync(gdrive, level);
    await S.sync(level, remote);
    expect(await remote.get('both', { conflicts: true })).not.toHaveProperty('_conflicts');
    expect(await state(gdrive)).toEqual(await state(remote));
    await Promise.all([gdrive.close(), level.close(), remote.close(), fresh.close()]);
  });
});
