import { describe, expect, it } from 'vitest';
import type { GDriveOptions } from '../src/gdrive-options.js';
import { startDriveServer } from './drive-server.js';
import { openDb } from './helpers.js';

/** Options no request should ever be sent with: a `fetch` that counts what reaches it. */
function counting() {
  const sent: string[] = [];
  const fetch = ((url: string) => {
    sent.push(String(url));
    return Promise.reject(new Error('no request expected'));
  }) as unknown as typeof globalThis.fetch;
  return { sent, fetch };
}

describe('gdrive options read wrongly are refused before anything reaches Drive', () => {
  it.each<[string, Record<string, unknown>, string]>([
    [
      'polling as text',
      { pollIntervalMs: 'x' },
      '`pollIntervalMs` must be a number of ms, 0 or more',
    ],
    ['a negative poll', { pollIntervalMs: -5 }, '`pollIntervalMs` must be'],
    ['a negative grace period', { gracePeriodMs: -1 }, '`gracePeriodMs` must be'],
    ['a grace period of NaN', { gracePeriodMs: Number.NaN }, '`gracePeriodMs` must be'],
    ['snapshots after 0 files', { snapshotAfter: 0 }, '`snapshotAfter` must be a whole number'],
    ['chunks of 1.5 bytes', { chunkBytes: 1.5 }, '`chunkBytes` must be a whole number'],
    ['a cache of -1 bytes', { cacheBytes: -1 }, '`cacheBytes` must be'],
    ['a timeout of 0', { requestTimeoutMs: 0 }, '`requestTimeoutMs` must be a number of ms, 1'],
    ['a poll no timer can wait', { pollIntervalMs: 1e10 }, '`pollIntervalMs` must be a number'],
    ['a timeout no timer can wait', { requestTimeoutMs: Infinity }, '`requestTimeoutMs` must be'],
    ['pages of 5000', { pageSize: 5000 }, '`pageSize` must be a whole number from 1 to 1000'],
    ['an empty parent', { parent: '' }, '`parent` must be a non-empty string'],
    ['a folder id as a number', { folderId: 7 }, '`folderId` must be a non-empty string'],
    ['onEngine not a function', { onEngine: {} }, '`onEngine` must be a function'],
    ['backoff as a number', { backoff: 3 }, '`backoff` must be an object'],
    ['no attempts at all', { backoff: { maxAttempts: 0 } }, '`backoff.maxAttempts` must be'],
  ])('%s', (_, bad, message) => {
    // As a missing `getAccessToken`: the constructor throws, so no handle exists to misbehave.
    const { sent, fetch } = counting();
    const open = () =>
      openDb(`options-${Math.random()}`, 'http://127.0.0.1:9', {
        fetch,
        ...(bad as Partial<GDriveOptions>),
      });
    expect(open).toThrow(TypeError);
    expect(open).toThrow(`The gdrive adapter's ${message}`);
    expect(sent).toEqual([]);
  });

  it('a grace period shorter than an upload takes fails the write after one redo, clearly', async () => {
    const server = await startDriveServer();
    try {
      const db = openDb('short-grace', server.url, { gracePeriodMs: 0 });
      const started = Date.now();
      const err = (await db.put({ _id: 'a' }).catch((e: unknown) => e)) as Error & {
        status: number;
      };
      expect(err).toMatchObject({ name: 'DriveError', status: 408 });
      expect(err.message).toMatch(
        /^A change file upload took \d+ ms, more than half the `gracePeriodMs` of 0 ms, twice in a row: the write was not applied/,
      );
      // Not after minutes of redone commits, and nothing was written.
      expect(Date.now() - started).toBeLessThan(10_000);
      expect((await db.info()).doc_count).toBe(0);
      await db.close();
    } finally {
      await server.stop();
    }
  });

  it('the defaults and the values the tests use are accepted', () => {
    const { fetch } = counting();
    const fine = { pollIntervalMs: 0, gracePeriodMs: 0, chunkBytes: 1024, snapshotAfter: 3 };
    // `null` is "not given", as for PouchDB's options: the default applies.
    const unset = { parent: null, folderId: null, backoff: null, onEngine: null, cacheBytes: null };
    for (const given of [fine, unset] as Partial<GDriveOptions>[]) {
      const open = () =>
        openDb(`options-${Math.random()}`, 'http://127.0.0.1:9', { fetch, ...given });
      expect(open).not.toThrow();
    }
  });
});
