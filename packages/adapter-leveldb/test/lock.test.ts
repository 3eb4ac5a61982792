import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Satchel } from '@satchel/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LeveldbAdapterPlugin } from '../src/index.js';
import { buildChild, runChild, startChild } from './helpers/child-process.js';

Satchel.plugin(LeveldbAdapterPlugin);

let bundle: { path: string; remove: () => Promise<void> };
let dir = '';

beforeAll(async () => {
  bundle = await buildChild();
  dir = await mkdtemp(join(tmpdir(), 'satchel-lock-'));
});

afterAll(async () => {
  await bundle?.remove();
  await rm(dir, { recursive: true, force: true });
});

describe('a directory open in another process', () => {
  it('gives a clear OpenError naming the directory, and opens once the other process is gone', async () => {
    const name = join(dir, 'held-by-child');
    const child = startChild(bundle.path, ['hold', name]);
    await child.waitFor((line) => (line as { ready?: boolean }).ready === true);

    const db = new Satchel(name, { adapter: 'leveldb' });
    const err = (await db.info().catch((e: unknown) => e)) as Record<string, unknown>;
    expect(err).toMatchObject({
      status: 500,
      name: 'OpenError',
      error: true,
      code: 'LEVEL_LOCKED',
    });
    expect(err.message).toContain(name);
    expect(err.message).toMatch(/another process/);
    expect(err.reason).toMatch(/LOCK/);
    // Every later call gives the same error, not a crash.
    await expect(db.get('x')).rejects.toMatchObject({ name: 'OpenError' });

    child.process.kill('SIGKILL');
    await child.exited;
    const later = new Satchel(name, { adapter: 'leveldb' });
    await later.put({ _id: 'now-mine' });
    expect((await later.info()).doc_count).toBe(1);
    await later.close();
    await db.close();
  });

  it('makes the other process fail cleanly while we hold it', async () => {
    const name = join(dir, 'held-by-parent');
    const db = new Satchel(name, { adapter: 'leveldb' });
    await db.put({ _id: 'a' });
    const result = (await runChild(bundle.path, ['open', name])) as {
      error?: Record<string, unknown>;
    };
    expect(result.error).toMatchObject({ name: 'OpenError', status: 500, code: 'LEVEL_LOCKED' });
    expect(result.error?.message).toContain(name);
    await db.close();
  });
});
