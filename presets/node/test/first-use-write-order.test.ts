import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runInFreshProcess } from './fresh-process.js';

/**
 * The first write in a process that carries attachments, or replicated revisions, waits for
 * code core loads on first use. Writes and a `close()` made meanwhile must still take effect
 * in call order. Each case runs first thing in a fresh Node process (the built preset, as a
 * user loads it), so nothing is loaded beforehand.
 */
const dir = mkdtempSync(join(tmpdir(), 'satchel-first-write-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function fresh(path: string, body: string): unknown {
  const script = [
    "import Satchel from '@satchel/node';",
    `const db = new Satchel(${JSON.stringify(path)});`,
    'const settle = (p) => p.then((r) => ({ ok: r.ok === true }), (e) => ({ status: e.status }));',
    'const out = await (async () => {',
    body,
    '})();',
    'console.log(JSON.stringify(out ?? null));',
  ].join('\n');
  return runInFreshProcess(script);
}

const ids = `(await db.changes()).results.map((c) => c.id)`;

describe('the first write that loads code keeps its place', () => {
  it('a write with attachments, then plain writes and close(), in a fresh process', () => {
    const path = join(dir, 'attachments');
    const answers = fresh(
      path,
      `
      await db.info();
      const att = { a: { content_type: 'text/plain', data: 'aGk=' } };
      const calls = [
        settle(db.put({ _id: 'x', _attachments: att })),
        settle(db.put({ _id: 'x', v: 2 })),
        settle(db.put({ _id: 'y' })),
      ];
      const closing = db.close().then(() => 'closed', (e) => e.status);
      return [...(await Promise.all(calls)), await closing];
    `,
    );
    expect(answers).toEqual([{ ok: true }, { status: 409 }, { ok: true }, 'closed']);
    const stored = fresh(
      path,
      `const x = await db.get('x', { attachments: true });
       return { ids: ${ids}, data: x._attachments.a.data, v: x.v ?? null };`,
    );
    expect(stored).toEqual({ ids: ['x', 'y'], data: 'aGk=', v: null });
  });

  it('a plain write made meanwhile stores what the caller passed, not later changes', () => {
    const stored = fresh(
      join(dir, 'copies'),
      `
      await db.info();
      const first = db.put({ _id: 'a', _attachments: { f: { content_type: 'text/plain', data: 'aGk=' } } });
      const doc = { _id: 'b', nested: { v: 1 } };
      const second = db.put(doc);
      doc.nested.v = 2;
      await Promise.all([first, second]);
      return (await db.get('b')).nested.v;
    `,
    );
    expect(stored).toBe(1);
  });

  it('a replicated revision, then a plain write, in a fresh process', () => {
    const order = fresh(
      join(dir, 'replicated'),
      `
      await db.info();
      const first = db.bulkDocs([{ _id: 'r', _rev: '1-a' }], { new_edits: false });
      const second = db.put({ _id: 'p' });
      await Promise.all([first, second]);
      return ${ids};
    `,
    );
    expect(order).toEqual(['r', 'p']);
  });
});
