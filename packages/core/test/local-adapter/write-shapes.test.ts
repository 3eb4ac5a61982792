import { setFlagsFromString } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { parseNewEdit } from '../../src/local-adapter/parse-doc.js';
import { RwLock } from '../../src/local-adapter/rw-lock.js';

// V8 optimizes code for the hidden classes it has seen, and a full garbage collection drops
// that code when no object of such a class is left. Records the write path makes per write
// are therefore built in one shape whatever path made them.
setFlagsFromString('--allow-natives-syntax');
const sameShape = new Function('a', 'b', 'return %HaveSameMap(a, b)') as (
  a: object,
  b: object,
) => boolean;

describe('shapes of the write path', () => {
  it('parsed documents share one shape, generated id or not, new or edited', () => {
    const posted = parseNewEdit({ yo: 'dawg' }, true, 'generated');
    const put = parseNewEdit({ _id: 'a', n: 1 }, true);
    const edited = parseNewEdit({ _id: 'a', _rev: put.rev, n: 2, _deleted: true }, false);
    expect(sameShape(posted, put)).toBe(true);
    expect(sameShape(posted, edited)).toBe(true);
  });

  it('a post does not add its generated id to the document it was given', () => {
    const doc = { yo: 'dawg' };
    const before = { yo: 'other' };
    parseNewEdit(doc, true, 'generated');
    expect(Object.keys(doc)).toEqual(['yo']);
    expect(sameShape(doc, before)).toBe(true);
  });
});

describe('RwLock', () => {
  it('runs tasks with their arguments, writes alone and in order, reads together', async () => {
    const lock = new RwLock();
    const log: string[] = [];
    const task = async (name: string, ms: number) => {
      log.push(`start ${name}`);
      await new Promise((resolve) => setTimeout(resolve, ms));
      log.push(`end ${name}`);
      return name;
    };
    const results = await Promise.all([
      lock.write(task, 'w1', 5),
      lock.read(task, 'r1', 5),
      lock.read(task, 'r2', 1),
      lock.write(task, 'w2', 1),
    ]);
    expect(results).toEqual(['w1', 'r1', 'r2', 'w2']);
    expect(log).toEqual([
      'start w1',
      'end w1',
      'start r1',
      'start r2',
      'end r2',
      'end r1',
      'start w2',
      'end w2',
    ]);
  });

  it('tryWrite takes the write side only when free, and endWrite lets waiting tasks run', async () => {
    const lock = new RwLock();
    expect(lock.tryWrite()).toBe(true);
    expect(lock.tryWrite()).toBe(false);
    let ran = false;
    const waiting = lock.read(async () => {
      ran = true;
    });
    await Promise.resolve();
    expect(ran).toBe(false);
    lock.endWrite();
    await waiting;
    expect(ran).toBe(true);
  });

  it('a task that throws or rejects releases the lock and rejects its caller', async () => {
    const lock = new RwLock();
    const throwing = (): Promise<never> => {
      throw new Error('sync');
    };
    await expect(lock.write(throwing)).rejects.toThrow('sync');
    await expect(lock.write(() => Promise.reject(new Error('async')))).rejects.toThrow('async');
    expect(lock.tryWrite()).toBe(true);
  });
});
