import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { Satchel } from '../src/index.js';

const here = (path: string) => new URL(path, import.meta.url);
const FILE = 'readme/tiny-engine.ts';

/** The `ts` block of the README's "Writing an Engine" section that follows the marker. */
function readmeExample(): string {
  const readme = readFileSync(here('../README.md'), 'utf8');
  const marker = readme.indexOf(`<!-- example: test/${FILE} -->`);
  expect(marker).toBeGreaterThan(readme.indexOf('## Writing an Engine'));
  const start = readme.indexOf('```ts\n', marker) + '```ts\n'.length;
  return readme.slice(start, readme.indexOf('```\n', start));
}

describe("README's Writing an Engine example", () => {
  it('is the tested file, verbatim', () => {
    expect(readmeExample()).toBe(readFileSync(here(FILE), 'utf8'));
  });

  it('runs: registers the engine, writes and reads back', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    await import('./readme/tiny-engine.js');
    expect(log).toHaveBeenCalledWith('Hello, engine');
    log.mockRestore();
  });

  it('gives a working database: revisions, conflicts, order, attachments, purge, options', async () => {
    // The example's handle is still open, so this one shares its engine and sees its write.
    const db = new Satchel('notes', { adapter: 'tiny' });
    expect(await db.get('hello')).toMatchObject({ text: 'Hello, engine' });
    const ids = ['b', '\u{10000}', '\uffff', 'a'];
    await db.bulkDocs(ids.map((_id) => ({ _id })));
    const all = await db.allDocs({ startkey: 'a', endkey: '\u{10FFFF}' });
    expect(all.rows.map((r) => r.id)).toEqual(['a', 'b', 'hello', '\uffff', '\u{10000}']);
    const first = await db.get('a');
    await db.put({ ...first, v: 1 });
    await expect(db.put({ ...first, v: 2 })).rejects.toMatchObject({ status: 409 });
    await db.putAttachment('b', 'x.txt', (await db.get('b'))._rev, btoa('hi'), 'text/plain');
    const bytes = (await db.getAttachment('b', 'x.txt')) as Blob | Uint8Array;
    expect(bytes).toBeTruthy();
    const { rev } = await db.put({ _id: 'gone' });
    await db.purge('gone', rev);
    await expect(db.get('gone')).rejects.toMatchObject({ status: 404 });
    // `revs_limit` reached LocalAdapter through createLocalAdapterFactory: history stemmed at 10.
    let doc = await db.get('hello');
    for (let i = 0; i < 15; i++) doc = { ...doc, _rev: (await db.put(doc)).rev };
    const revs = await db.get('hello', { revs: true });
    expect(revs._revisions?.ids).toHaveLength(10);
    await db.destroy();
  });
});
