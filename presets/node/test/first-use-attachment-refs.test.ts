import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runInFreshProcess } from './fresh-process.js';

/**
 * Core loads its attachment-reference bookkeeping on first use. A process that opens a stored
 * database with `revs_limit: 1` and edits a document whose stored revision has attachments,
 * before anything else loaded that code, loads it in the middle of the commit: the edit stems
 * the old revision and releases its attachments. Each step runs in a fresh Node
 * process (the built preset, as a user loads it) so nothing is loaded beforehand.
 */
const dir = mkdtempSync(join(tmpdir(), 'satchel-first-use-'));
const path = join(dir, 'db');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function step(body: string): unknown {
  const script = [
    "import Satchel from '@satchel/node';",
    `const db = new Satchel(${JSON.stringify(path)}, { revs_limit: 1 });`,
    "const att = (text) => ({ content_type: 'text/plain', data: Buffer.from(text).toString('base64') });",
    'const out = await (async () => {',
    body,
    '})();',
    'await db.close();',
    'console.log(JSON.stringify(out ?? null));',
  ].join('\n');
  return runInFreshProcess(script);
}

describe('attachment references settled by code loaded mid-commit', () => {
  it('an edit dropping stored attachments, first thing in a fresh process, keeps the store right', () => {
    step(`
      await db.put({ _id: 'a', _attachments: { shared: att('same bytes'), own: att('only a') } });
      await db.put({ _id: 'b', _attachments: { shared: att('same bytes') } });
    `);
    // Nothing but opening and a plain get runs before the edit, which stems revision 1 and so
    // releases both of its attachments: `own` is gone, `shared` is still b's.
    const edited = step(`
      const a = await db.get('a');
      const res = await db.put({ _id: 'a', _rev: a._rev, plain: true });
      return { ok: res.ok, gen: res.rev.split('-')[0] };
    `);
    expect(edited).toEqual({ ok: true, gen: '2' });
    const read = step(`
      const a = await db.get('a', { revs_info: true });
      const b = await db.get('b', { attachments: true });
      const shared = (await db.getAttachment('b', 'shared')).toString();
      const gone = await db.getAttachment('a', 'own').catch((err) => err.status);
      return { a: { plain: a.plain, attachments: a._attachments ?? null, revs: a._revs_info.map((r) => r.status) }, b: b._attachments.shared.data, shared, gone };
    `);
    expect(read).toEqual({
      a: { plain: true, attachments: null, revs: ['available'] },
      b: Buffer.from('same bytes').toString('base64'),
      shared: 'same bytes',
      gone: 404,
    });
  }, 180_000);
});
