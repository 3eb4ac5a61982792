import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GDriveEngine } from '../src/index.js';
import { type DriveServer, startDriveServer } from './drive-server.js';
import { device, openDb, type Satchel } from './helpers.js';

// Another device destroys the database (its folder and `_meta.json` deleted) while this one
// has it open. This device must not go on serving the old documents from its cache, nor fail
// every write with Drive's 404: it surfaces the destroy as PouchDB surfaces one to the other
// handles of a page (`destroyed`, live feeds ended), and its next calls work on the name
// opened afresh, a new and empty database, as another device opening it would.

let server: DriveServer;
beforeAll(async () => {
  server = await startDriveServer();
});
afterAll(() => server.stop());

/** Destroys database `name` as another device would: its own engine, not a Satchel handle. */
async function destroyOnAnotherDevice(name: string): Promise<void> {
  const other = new GDriveEngine(name, device(server.url));
  await other.open();
  await other.destroy();
}

/** Opens `name` with two documents and a live feed, recording the handle's events. */
async function watched(name: string, pollIntervalMs: number) {
  const db = openDb(name, server.url, { pollIntervalMs });
  await db.bulkDocs([{ _id: 'x' }, { _id: 'y' }]);
  const events: string[] = [];
  db.on('destroyed', () => events.push('destroyed'));
  db.changes({ live: true, since: 'now' })
    .on('change', (change: { id: string }) => events.push(`change ${change.id}`))
    .on('complete', (info: { status?: string }) => events.push(`complete ${info.status}`));
  return { db, events };
}

async function until(done: () => boolean): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!done()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function idsOn(db: Satchel): Promise<string[]> {
  return (await db.allDocs()).rows.map((row) => row.id);
}

describe('a database destroyed on another device', () => {
  it('is found by the poller: destroyed once, feeds end, the next call sees a new database', async () => {
    const { db, events } = await watched('gone-polled', 100);
    await destroyOnAnotherDevice('gone-polled');
    await until(() => events.length >= 2);
    // Several more polls: the disappearance is told once.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(events).toEqual(['destroyed', 'complete cancelled']);
    expect(await db.info()).toMatchObject({ doc_count: 0, update_seq: 0 });
    await expect(db.get('x')).rejects.toMatchObject({ status: 404 });
    await db.put({ _id: 'after' });
    expect(await idsOn(openDb('gone-polled', server.url))).toEqual(['after']);
    expect(events).toEqual(['destroyed', 'complete cancelled']);
    await db.close();
  });

  it('is found by the next write without polling: it lands in a new database, destroyed told', async () => {
    const { db, events } = await watched('gone-unpolled', 0);
    await destroyOnAnotherDevice('gone-unpolled');
    // The write finds the pointer gone, opens the name afresh and is redone there.
    expect(await db.put({ _id: 'after' })).toMatchObject({ ok: true, id: 'after' });
    expect(await idsOn(db)).toEqual(['after']);
    expect(await db.info()).toMatchObject({ doc_count: 1, update_seq: 1 });
    expect(await idsOn(openDb('gone-unpolled', server.url))).toEqual(['after']);
    await until(() => events.length >= 2);
    expect(events).toEqual(['destroyed', 'complete cancelled']);
    await db.close();
  });
});
