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
    const polls = recordPolls();
    const a = openDb('live', server.url, { pollIntervalMs: POLL, onEngine: polls.attach });
    const b = openDb('live', server.url, { pollIntervalMs: 0 });
    await a.put({ _id: 'first' });
    await b.info();
    const seen: { id: string; at: number }[] = [];
    const feed = a.changes({ live: true, since: 'now' }).on('change', (change: { id: string }) => {
      seen.push({ id: change.id, at: Date.now() });
    });
    for (let round = 0; round < 3; round++) {
      const id = `from-b-${round}`;
      await b.put({ _id: id, round });
      const wrote = Date.now();
      // Counted in polls, not milliseconds, so a loaded machine cannot fail it: the first poll
      // A starts after B's write is acknowledged must find it, and the feed must then show it.
      const deadline = wrote + 30_000;
      while (!seen.some((s) => s.id === id)) {
        expect(Date.now()).toBeLessThan(deadline);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      // Polls never overlap, so either one already running when the write landed found it, or
      // the next one to start did.
      expect(polls.foundBy(wrote)).toBe(true);
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

/** One poll A's timer ran: when it started and ended, and whether it found a write. */
interface PollRecord {
  startedAt: number;
  endedAt: number;
  found: boolean;
}

/**
 * Wraps an engine's `poll` (the timer calls it through the instance) to log each poll that
 * really ran; a call made while one is in flight returns at once and is not logged.
 */
function recordPolls() {
  const log: PollRecord[] = [];
  let inFlight = false;
  return {
    attach(engine: GDriveControls): void {
      const original = engine.poll.bind(engine);
      engine.poll = async () => {
        if (inFlight) return original();
        inFlight = true;
        const startedAt = Date.now();
        try {
          const found = await original();
          log.push({ startedAt, endedAt: Date.now(), found });
          return found;
        } finally {
          inFlight = false;
        }
      };
    },
    /** Whether a write acknowledged at `at` was found by the first poll that could see it. */
    foundBy(at: number): boolean {
      const running = log.filter((p) => p.startedAt <= at && p.endedAt >= at);
      const next = log.find((p) => p.startedAt > at);
      return running.some((p) => p.found) || next?.found === true;
    },
  };
}
