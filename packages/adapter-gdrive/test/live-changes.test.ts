import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GDriveControls } from '../src/index.js';
import { type DriveServer, startDriveServer } from './drive-server.js';
import { openDb } from './helpers.js';

let server: DriveServer;
beforeAll(async () => {
  server = await startDriveServer();
});
afterAll(() => server.stop());

const POLL = 400;

describe('outside writes', () => {
  it('live changes on device A see device B’s write within one poll', async () => {
    const a = openDb('live', server.url, { pollIntervalMs: POLL });
    const b = openDb('live', server.url, { pollIntervalMs: 0 });
    await a.put({ _id: 'first' });
    await b.info();
    const seen: { id: string; at: number }[] = [];
    const feed = a.changes({ live: true, since: 'now' }).on('change', (change: { id: string }) => {
      seen.push({ id: change.id, at: Date.now() });
    });
    for (let round = 0; round < 3; round++) {
      const id = `from-b-${round}`;
      const putStarted = Date.now();
      await b.put({ _id: id, round });
      const wrote = Date.now();
      // A loaded machine slows every request; one write's time is the yardstick for that.
      const slack = 1_500 + 3 * (wrote - putStarted);
      while (!seen.some((s) => s.id === id)) {
        expect(Date.now() - wrote).toBeLessThan(POLL + 2 * slack);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const lag = (seen.find((s) => s.id === id)?.at ?? 0) - wrote;
      // One poll interval, plus the poll request and the reload of one change file.
      expect(lag).toBeLessThan(POLL + slack);
    }
    expect(seen.map((s) => s.id)).toEqual(['from-b-0', 'from-b-1', 'from-b-2']);
    // And on demand, with no poll timer at all.
    let controls: GDriveControls | undefined;
    const c = openDb('live', server.url, { onEngine: (engine) => (controls = engine) });
    await c.info();
    await b.put({ _id: 'on-demand' });
    expect(await controls?.poll()).toBe(true);
    await expect(c.get('on-demand')).resolves.toMatchObject({ _id: 'on-demand' });
    await c.close();
    // A's poller picks up the on-demand write too; after that, A reads B's documents and
    // info() counts all five, with no write of its own.
    const deadline = Date.now() + 30_000;
    while (!seen.some((s) => s.id === 'on-demand')) {
      expect(Date.now()).toBeLessThan(deadline);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(await a.get('from-b-2')).toMatchObject({ round: 2 });
    expect((await a.info()).doc_count).toBe(5);
    feed.cancel();
    await Promise.all([a.close(), b.close()]);
  });
});
