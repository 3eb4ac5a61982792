// Runs in Chromium: the gdrive adapter with the page's own fetch, against google-drive-mock on
// another origin (it answers CORS, as Drive does), bundled by esbuild with no Node built-ins.
import { changesPlugin } from '@satchel/changes';
import { Satchel } from '@satchel/core';
import { describe, expect, it } from 'vitest';
import { GDriveEngine, gdriveAdapter } from '../../src/index.js';

Satchel.adapter('gdrive', gdriveAdapter);
Satchel.plugin(changesPlugin);

const env = (globalThis as { __satchelEnv?: Record<string, string> }).__satchelEnv ?? {};
const baseUrl = env.DRIVE_URL as string;
const options = (extra: Record<string, unknown> = {}) => ({
  adapter: 'gdrive',
  baseUrl,
  getAccessToken: () => 'valid-token',
  backoff: { baseDelayMs: 20, maxDelayMs: 400 },
  pollIntervalMs: 0,
  ...extra,
});

describe('gdrive in Chromium', () => {
  it('writes, reads back with attachments, and a second device sees it', async () => {
    const db = new Satchel('browser-db', options());
    const a = await db.put({
      _id: 'a',
      n: 1,
      _attachments: {
        'b.bin': {
          content_type: 'application/octet-stream',
          data: new Blob([new Uint8Array([0, 1, 254, 255])]),
        },
      },
    });
    await db.put({ _id: 'a', _rev: a.rev, n: 2, _attachments: (await db.get('a'))._attachments });
    const other = new Satchel(
      'browser-db',
      options({ getAccessToken: () => 'another-valid-token' }),
    );
    expect(await other.get('a')).toMatchObject({ n: 2 });
    const blob = (await other.getAttachment('a', 'b.bin')) as Blob;
    expect([...new Uint8Array(await blob.arrayBuffer())]).toEqual([0, 1, 254, 255]);
    const changes = await other.changes({});
    expect(changes.results.map((c: { id: string }) => c.id)).toEqual(['a']);
    await db.close();
    await other.close();
  });

  it('a refused swap is redone, and a snapshot is read by a fresh device', async () => {
    const a = new Satchel('browser-race', options());
    const b = new Satchel('browser-race', options({ getAccessToken: () => 'another-valid-token' }));
    await a.info();
    await b.info();
    await a.put({ _id: 'from-a' });
    await b.put({ _id: 'from-b' });
    const engine = new GDriveEngine('browser-race', {
      baseUrl,
      getAccessToken: () => 'valid-token',
      pollIntervalMs: 0,
    });
    await engine.open();
    expect(await engine.snapshot()).toBe(true);
    await engine.close();
    const fresh = new Satchel('browser-race', options({ getAccessToken: () => 'valid-token ' }));
    const all = await fresh.allDocs({ include_docs: true });
    expect(all.rows.map((r: { id: string }) => r.id)).toEqual(['from-a', 'from-b']);
    await Promise.all([a.close(), b.close(), fresh.close()]);
  });
});
