import {
  createLocalAdapterFactory,
  type DocRecord,
  type RevBody,
  type RevRef,
  Satchel,
} from '@satchel/core';
import { describe, expect, it } from 'vitest';
import { MemoryEngine } from '../src/memory-engine.js';

/** A memory engine that counts its reads, so a test can pin how many one call makes. */
class CountingEngine extends MemoryEngine {
  readonly reads = { docs: 0, revs: 0, attachments: 0 };

  override getDocs(ids: readonly string[]): Promise<(DocRecord | undefined)[]> {
    this.reads.docs++;
    return super.getDocs(ids);
  }

  override getRevs(refs: readonly RevRef[]): Promise<(RevBody | undefined)[]> {
    this.reads.revs++;
    return super.getRevs(refs);
  }

  override getAttachment(digest: string): Promise<Uint8Array | undefined> {
    this.reads.attachments++;
    return super.getAttachment(digest);
  }

  reset(): void {
    this.reads.docs = 0;
    this.reads.revs = 0;
    this.reads.attachments = 0;
  }
}

let opened = 0;

/** A database on a fresh counting engine. */
function open() {
  let engine: CountingEngine | undefined;
  const Counted = Satchel.defaults({ adapter: 'counted' });
  Counted.adapter(
    'counted',
    createLocalAdapterFactory({
      type: 'counted',
      engine: () => {
        engine = new CountingEngine();
        return engine;
      },
    }),
  );
  const db = new Counted(`reads-${opened++}`);
  return { db, engine: () => engine! };
}

describe('reads per call', () => {
  it('getAttachment reads the document once, its body once and the bytes once', async () => {
    const { db, engine } = open();
    const data = Buffer.from('hello attachment');
    const { rev } = await db.putAttachment('a', 'x.txt', data, 'text/plain');
    engine().reset();
    const got = (await db.getAttachment('a', 'x.txt')) as Buffer & { type?: string };
    expect(Buffer.from(got).toString()).toBe('hello attachment');
    expect(got.type).toBe('text/plain');
    expect(engine().reads).toEqual({ docs: 1, revs: 1, attachments: 1 });
    engine().reset();
    await db.getAttachment('a', 'x.txt', { rev });
    expect(engine().reads).toEqual({ docs: 1, revs: 1, attachments: 1 });
  });

  it('getAttachment of a compacted-away revision still answers as before', async () => {
    const { db } = open();
    const first = await db.putAttachment('a', 'x.txt', Buffer.from('one'), 'text/plain');
    const doc = await db.get('a');
    await db.put({ ...doc, _attachments: {} });
    await db.compact();
    await expect(db.getAttachment('a', 'x.txt', { rev: first.rev })).rejects.toMatchObject({
      status: 404,
    });
    await expect(db.getAttachment('a', 'x.txt')).rejects.toMatchObject({ status: 404 });
  });
});
