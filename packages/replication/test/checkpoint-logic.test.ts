import { describe, expect, it } from 'vitest';
import { compareReplicationLogs, defaultBackOff } from '../src/index.js';

const h = (session_id: string, last_seq: number) => ({ session_id, last_seq });

describe('checkpoint comparison (CouchDB’s algorithm, as PouchDB ports it)', () => {
  it('same session on both sides: the source’s last_seq', () => {
    expect(
      compareReplicationLogs({ session_id: 's', last_seq: 9 }, { session_id: 's', last_seq: 7 }),
    ).toBe(9);
  });

  it('different sessions: the newest session both histories share', () => {
    const source = { session_id: 'c', last_seq: 30, history: [h('c', 30), h('b', 20), h('a', 10)] };
    // The target missed session c's checkpoint (crash between the two writes).
    const target = { session_id: 'b', last_seq: 20, history: [h('b', 20), h('a', 10)] };
    expect(compareReplicationLogs(source, target)).toBe(20);
    const targetAhead = { session_id: 'd', last_seq: 40, history: [h('d', 40), h('a', 10)] };
    expect(compareReplicationLogs(source, targetAhead)).toBe(10);
  });

  it('nothing shared, or no history: start over', () => {
    expect(
      compareReplicationLogs(
        { session_id: 'x', history: [h('x', 5)] },
        { session_id: 'y', history: [h('y', 6)] },
      ),
    ).toBe(0);
    expect(compareReplicationLogs({ session_id: 'x' }, { session_id: 'y' })).toBe(0);
  });
});

describe('default back-off (PouchDB’s)', () => {
  it('first delay below 2 s, then between the previous delay and twice it, capped at 10 min', () => {
    for (let i = 0; i < 200; i++) {
      const first = defaultBackOff(0);
      expect(first).toBeGreaterThanOrEqual(0);
      expect(first).toBeLessThanOrEqual(2000);
      const next = defaultBackOff(1500);
      expect(next).toBeGreaterThanOrEqual(1500);
      expect(next).toBeLessThan(3000);
      const capped = defaultBackOff(500_000);
      expect(capped).toBeGreaterThanOrEqual(300_000);
      expect(capped).toBeLessThan(600_000);
    }
  });
});
